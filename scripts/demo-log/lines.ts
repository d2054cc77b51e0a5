/**
 * What demo citizens and the demo agent write once a person has taken over, and the agent's notes. Made up
 * for the demo; the bot's own texts come from the knowledge base and the bot.
 */
import type { ChatLang, ContactType } from '../../server/protocol.ts';
import type { Random } from './random.ts';

interface CitizenLines {
  replies: string[];
  thanks: string[];
}

const CITIZEN: Record<ChatLang, CitizenLines> = {
  nb: {
    replies: [
      'Ja, det stemmer.',
      'Takk. Hva må jeg gjøre nå?',
      'Kan jeg sende inn dokumentasjonen senere?',
      'Jeg har ikke hørt noe på en stund, derfor spør jeg.',
      'Ok, da skjønner jeg. Hvor lang tid tar det vanligvis?',
      'Det er for meg selv, ikke for noen andre.',
    ],
    thanks: ['Tusen takk for hjelpen!', 'Takk, ha en fin dag.', 'Supert, takk skal du ha.'],
  },
  nn: {
    replies: [
      'Ja, det stemmer.',
      'Takk. Kva må eg gjere no?',
      'Kan eg sende inn dokumentasjonen seinare?',
      'Eg har ikkje høyrt noko på ei stund, difor spør eg.',
    ],
    thanks: ['Tusen takk for hjelpa!', 'Takk, ha ein fin dag.'],
  },
  da: {
    replies: [
      'Ja, det passer.',
      'Tak. Hvad skal jeg gøre nu?',
      'Kan jeg sende papirerne senere?',
      'Jeg har ikke hørt noget i et stykke tid, derfor spørger jeg.',
    ],
    thanks: ['Mange tak for hjælpen!', 'Tak, hav en god dag.'],
  },
  en: {
    replies: [
      "Yes, that's right.",
      'Thanks. What do I need to do now?',
      'Can I send the documents later?',
      "I haven't heard anything for a while, that's why I'm asking.",
      'It is for myself, not for someone else.',
    ],
    thanks: ['Thank you so much for your help!', 'Thanks, have a nice day.'],
  },
};

/** The agent writes Bokmål to Scandinavian readers and English to the rest. */
type AgentLang = 'nb' | 'en';
const agentLang = (lang: ChatLang): AgentLang => (lang === 'en' ? 'en' : 'nb');

const AGENT = {
  nb: {
    greet: (name: string) =>
      `Hei, du snakker med ${name} i Servicetorget. Jeg har lest det du skrev til chatboten, et øyeblikk.`,
    greetCrisis: (name: string) =>
      `Hei, jeg heter ${name}. Så bra at du tok kontakt. Er noen i fare akkurat nå, ring 113. Vil du fortelle litt mer?`,
    replies: [
      'Takk. Jeg har sett på det nå, og dette kan vi hjelpe deg med.',
      'Jeg har sendt en melding til saksbehandleren, så tar de kontakt innen tre virkedager.',
      'Det enkleste er å bruke skjemaet på nettsidene våre. Jeg kan forklare hvordan du fyller det ut.',
      'Jeg ser at dette hører under en annen etat. Jeg gir deg kontaktinformasjonen deres.',
      'Det er helt i orden. Du kan ettersende dokumentasjonen når du har den.',
    ],
    bye: 'Bare hyggelig! Jeg avslutter chatten nå. Ha en fin dag.',
    ticketAnswer:
      'Hei, og takk for meldingen din. Vi har sett på spørsmålet ditt, og svaret finner du også på fjordvik.kommune.example. Lurer du på mer, ring Servicetorget på 31 00 00 00.',
  },
  en: {
    greet: (name: string) =>
      `Hello, you are talking to ${name} at the service centre. I have read what you wrote to the chatbot, one moment.`,
    greetCrisis: (name: string) =>
      `Hello, my name is ${name}. Thank you for getting in touch. If anyone is in danger right now, call 113. Would you like to tell me a little more?`,
    replies: [
      'Thanks. I have looked into it, and we can help you with this.',
      'I have passed a message to the case officer; they will contact you within three working days.',
      'The easiest way is the form on our website. I can explain how to fill it in.',
      'This is handled by another agency. I will give you their contact details.',
    ],
    bye: "You're welcome! I'll close the chat now. Have a nice day.",
    ticketAnswer:
      'Hello, and thank you for your message. We have looked at your question; the answer is also on fjordvik.kommune.example. If you have more questions, call the service centre on 31 00 00 00.',
  },
} as const;

export const citizenReply = (lang: ChatLang, random: Random): string => random.pick(CITIZEN[lang].replies);
export const citizenThanks = (lang: ChatLang, random: Random): string => random.pick(CITIZEN[lang].thanks);
export const agentGreeting = (lang: ChatLang, name: string, crisis: boolean): string =>
  crisis ? AGENT[agentLang(lang)].greetCrisis(name) : AGENT[agentLang(lang)].greet(name);
export const agentReply = (lang: ChatLang, random: Random): string =>
  random.pick(AGENT[agentLang(lang)].replies);
export const agentBye = (lang: ChatLang): string => AGENT[agentLang(lang)].bye;
export const ticketAnswer = (lang: string): string => AGENT[lang === 'en' ? 'en' : 'nb'].ticketAnswer;
export const PHONE_NOTE = 'Ringte tilbake og svarte på spørsmålet.';

/** The agent's closing note: what was done, never who the citizen is. */
const NOTES: Record<ContactType, string> = {
  wrong_authority: 'Henviste til riktig etat.',
  existing_case_info: 'Orienterte om status i saken.',
  new_case: 'Registrerte ny henvendelse til fagavdelingen.',
  self_service_help: 'Veiledet i utfylling av skjema på nett.',
  case_status_change: 'Oppdaterte opplysninger i saken etter avtale.',
  general_advice: 'Ga generell veiledning.',
};
export const closeNote = (type: ContactType): string => NOTES[type];

/** The KOMHEN type an agent would pick, given why the chat came to them. */
const TYPES_BY_REASON: Record<string, readonly (readonly [ContactType, number])[]> = {
  crisis: [
    ['general_advice', 6],
    ['wrong_authority', 4],
  ],
  pii: [
    ['existing_case_info', 6],
    ['case_status_change', 2.5],
    ['new_case', 1.5],
  ],
  personal: [
    ['existing_case_info', 6],
    ['case_status_change', 3],
    ['general_advice', 1],
  ],
  complaint: [
    ['new_case', 6],
    ['existing_case_info', 3],
    ['general_advice', 1],
  ],
  sensitive: [
    ['general_advice', 5],
    ['new_case', 3],
    ['existing_case_info', 2],
  ],
  human_request: [
    ['general_advice', 3.5],
    ['self_service_help', 3],
    ['new_case', 2],
    ['wrong_authority', 1.5],
  ],
};
export const contactTypeFor = (reason: string, random: Random): ContactType =>
  random.weighted(TYPES_BY_REASON[reason] ?? TYPES_BY_REASON.human_request!);

const NAMES = ['kari', 'ola', 'ingrid', 'lars', 'sofie', 'ahmed', 'maja', 'jonas', 'emma', 'mikkel', 'nora'];
const SURNAMES = ['hansen', 'olsen', 'berg', 'haugen', 'nilsen', 'dahl', 'lie', 'moen'];

/** Made-up addresses at example.org, which is reserved for examples. */
export const demoEmail = (random: Random): string =>
  `${random.pick(NAMES)}.${random.pick(SURNAMES)}${random.int(1, 99)}@example.org`;
/** Numbers in the fictional Fjordvik range the sample knowledge uses. */
export const demoPhone = (random: Random): string =>
  `+47 31 00 ${random.int(90, 99)} ${String(random.int(0, 99)).padStart(2, '0')}`;
