import type { ChatLang, OfflineReason } from '../protocol.ts';

/** The on-call alert as staff read it, one block per language (the municipality's default language is used). */
export interface AlertTexts {
  subject: (municipality: string) => string;
  intro: (why: string) => string;
  why: Record<OfflineReason, string>;
  message: string;
  at: string;
  open: string;
  noLink: string;
  firstInQueue: string;
}

export const ALERT_TEXTS: Readonly<Record<ChatLang, AlertTexts>> = {
  nb: {
    subject: (m) => `Mulig krise i chatten – ingen på vakt (${m})`,
    intro: (why) =>
      `En innbygger skrev noe som kan være en krise, og ingen i chatten kunne ta samtalen (${why}). Innbyggeren har fått nødnumrene.`,
    why: {
      office_closed: 'utenfor åpningstid',
      no_agent: 'ingen pålogget',
      wait_limit: 'ingen tok samtalen innen ventetiden',
    },
    message: 'Meldingen (personopplysninger fjernet)',
    at: 'Tidspunkt',
    open: 'Åpne samtalen',
    noLink: 'Åpne personalkonsollet og ta samtalen øverst i køen.',
    firstInQueue: 'Samtalen står først i køen, merket som haster, når noen logger inn.',
  },
  nn: {
    subject: (m) => `Mogleg krise i chatten – ingen på vakt (${m})`,
    intro: (why) =>
      `Ein innbyggjar skreiv noko som kan vere ei krise, og ingen i chatten kunne ta samtalen (${why}). Innbyggjaren har fått naudnumra.`,
    why: {
      office_closed: 'utanfor opningstida',
      no_agent: 'ingen pålogga',
      wait_limit: 'ingen tok samtalen innan ventetida',
    },
    message: 'Meldinga (personopplysningar fjerna)',
    at: 'Tidspunkt',
    open: 'Opne samtalen',
    noLink: 'Opne personalkonsollen og ta samtalen øvst i køen.',
    firstInQueue: 'Samtalen står fremst i køen, merkt som hastar, når nokon loggar inn.',
  },
  da: {
    subject: (m) => `Mulig krise i chatten – ingen på vagt (${m})`,
    intro: (why) =>
      `En borger skrev noget, der kan være en krise, og ingen i chatten kunne tage samtalen (${why}). Borgeren har fået alarmnumrene.`,
    why: {
      office_closed: 'uden for åbningstid',
      no_agent: 'ingen logget ind',
      wait_limit: 'ingen tog samtalen inden for ventetiden',
    },
    message: 'Beskeden (personoplysninger fjernet)',
    at: 'Tidspunkt',
    open: 'Åbn samtalen',
    noLink: 'Åbn medarbejderkonsollen og tag samtalen øverst i køen.',
    firstInQueue: 'Samtalen står forrest i køen, markeret som hastende, når nogen logger ind.',
  },
  en: {
    subject: (m) => `Possible crisis in the chat – nobody on duty (${m})`,
    intro: (why) =>
      `A citizen wrote something that may be a crisis, and nobody in the chat could take it (${why}). They have been shown the emergency numbers.`,
    why: {
      office_closed: 'out of office hours',
      no_agent: 'nobody logged in',
      wait_limit: 'nobody took it within the wait limit',
    },
    message: 'The message (personal data removed)',
    at: 'Time',
    open: 'Open the conversation',
    noLink: 'Open the staff console and take the conversation at the top of the queue.',
    firstInQueue: 'The conversation is first in the queue, marked urgent, when someone logs in.',
  },
};
