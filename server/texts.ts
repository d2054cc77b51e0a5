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
  },
};

export function serverTexts(lang: string): ServerTexts {
  return TEXTS[(lang in TEXTS ? lang : 'nb') as ChatLang];
}
