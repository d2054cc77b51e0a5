import type { ChatLang } from './protocol.ts';

/** Citizen-facing text the server itself writes (transcripts and e-mails), one block per language. */
export interface ServerTexts {
  transcriptTitle: (municipality: string) => string;
  citizen: string;
  bot: string;
  agent: string;
  transcriptSubject: (municipality: string) => string;
  transcriptIntro: string;
  answerSubject: (municipality: string) => string;
  answerIntro: (question: string) => string;
  doNotReply: string;
  // Issue 19: stored system turns, transcripts and the answer's reference number.
  noticeAgentJoined: (name: string) => string;
  noticeAgentLeft: string;
  noticeQueueLeft: string;
  noticeTicketCreated: (ticketId: number) => string;
  source: string;
  openLink: string;
  suggestionsOffered: string;
  answerReference: (ticketId: number) => string;
  related: string;
}

const TEXTS: Record<ChatLang, ServerTexts> = {
  nb: {
    transcriptTitle: (m) => `Samtale med ${m}`,
    citizen: 'Du',
    bot: 'Chatbot',
    agent: 'Saksbehandler',
    transcriptSubject: (m) => `Din samtale med ${m}`,
    transcriptIntro: 'Her er samtalen du ba om å få tilsendt.',
    answerSubject: (m) => `Svar fra ${m}`,
    answerIntro: (q) => `Du spurte oss: «${q}»`,
    doNotReply: 'Denne e-posten kan ikke besvares.',
    noticeAgentJoined: (n) => `${n} fra kommunen er med i samtalen nå.`,
    noticeAgentLeft: 'Saksbehandleren har forlatt samtalen.',
    noticeQueueLeft: 'Du forlot køen.',
    noticeTicketCreated: (id) => `Vi har fått meldingen din (referanse ${id}) og svarer så snart vi kan.`,
    source: 'Kilde',
    openLink: 'Gå til selvbetjening',
    suggestionsOffered: 'Forslag',
    answerReference: (id) => `Referanse: ${id}`,
    related: 'Relatert',
  },
  nn: {
    transcriptTitle: (m) => `Samtale med ${m}`,
    citizen: 'Du',
    bot: 'Chatbot',
    agent: 'Sakshandsamar',
    transcriptSubject: (m) => `Samtalen din med ${m}`,
    transcriptIntro: 'Her er samtalen du bad om å få tilsend.',
    answerSubject: (m) => `Svar frå ${m}`,
    answerIntro: (q) => `Du spurde oss: «${q}»`,
    doNotReply: 'Denne e-posten kan ikkje svarast på.',
    noticeAgentJoined: (n) => `${n} frå kommunen er med i samtalen no.`,
    noticeAgentLeft: 'Sakshandsamaren har forlate samtalen.',
    noticeQueueLeft: 'Du forlét køen.',
    noticeTicketCreated: (id) => `Vi har fått meldinga di (referanse ${id}) og svarar så snart vi kan.`,
    source: 'Kjelde',
    openLink: 'Gå til sjølvbetening',
    suggestionsOffered: 'Forslag',
    answerReference: (id) => `Referanse: ${id}`,
    related: 'Relatert',
  },
  da: {
    transcriptTitle: (m) => `Samtale med ${m}`,
    citizen: 'Dig',
    bot: 'Chatbot',
    agent: 'Sagsbehandler',
    transcriptSubject: (m) => `Din samtale med ${m}`,
    transcriptIntro: 'Her er den samtale, du bad om at få tilsendt.',
    answerSubject: (m) => `Svar fra ${m}`,
    answerIntro: (q) => `Du spurgte os: »${q}«`,
    doNotReply: 'Du kan ikke svare på denne e-mail.',
    noticeAgentJoined: (n) => `${n} fra kommunen er med i samtalen nu.`,
    noticeAgentLeft: 'Sagsbehandleren har forladt samtalen.',
    noticeQueueLeft: 'Du forlod køen.',
    noticeTicketCreated: (id) => `Vi har modtaget din besked (reference ${id}) og svarer så hurtigt, vi kan.`,
    source: 'Kilde',
    openLink: 'Gå til selvbetjening',
    suggestionsOffered: 'Forslag',
    answerReference: (id) => `Reference: ${id}`,
    related: 'Relateret',
  },
  en: {
    transcriptTitle: (m) => `Conversation with ${m}`,
    citizen: 'You',
    bot: 'Chatbot',
    agent: 'Adviser',
    transcriptSubject: (m) => `Your conversation with ${m}`,
    transcriptIntro: 'Here is the conversation you asked us to send you.',
    answerSubject: (m) => `Answer from ${m}`,
    answerIntro: (q) => `You asked us: "${q}"`,
    doNotReply: 'Replies to this e-mail are not read.',
    noticeAgentJoined: (n) => `${n} from the municipality has joined the chat.`,
    noticeAgentLeft: 'The staff member has left the chat.',
    noticeQueueLeft: 'You left the queue.',
    noticeTicketCreated: (id) => `We have your message (reference ${id}) and will answer as soon as we can.`,
    source: 'Source',
    openLink: 'Go to self-service',
    suggestionsOffered: 'Suggestions',
    answerReference: (id) => `Reference: ${id}`,
    related: 'Related',
  },
};

export function serverTexts(lang: string): ServerTexts {
  return TEXTS[(lang in TEXTS ? lang : 'nb') as ChatLang];
}
