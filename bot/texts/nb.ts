import type { BotTexts } from './keys.ts';

export const NB: BotTexts = {
  botName: 'Chatbot',
  municipalityFallback: 'kommunen',
  greetingIntro: 'Hei! Jeg er en chatbot for {municipality}, ikke et menneske.',
  greetingScope:
    'Jeg kan svare på vanlige spørsmål om kommunens tjenester, som barnehage, skole, avfall, byggesaker og avgifter.',
  greetingPrivacy: 'Ikke skriv fødselsnummer, saksnummer eller helseopplysninger her.',
  greetingSafety:
    'Er du eller noen andre i fare nå, ring {urgent}. Trenger du noen å snakke med: {helpline}.',
  greetingHuman: 'Vil du snakke med en person, trykk «Snakk med en person».',
  talkToHumanButton: 'Snakk med en person',
  clarifyIntro: 'Jeg er ikke helt sikker på hva du spør om. Gjelder det ett av disse?',
  clarifyNoneOfThese: 'Ingen av disse',
  fallbackNoMatch:
    'Beklager, det har jeg ikke noe svar på. Prøv gjerne å spørre med andre ord, eller snakk med en person.',
  fallbackNothingAbout:
    'Jeg fant ingenting om *{topic}*. Prøv gjerne å spørre med andre ord, eller snakk med en person.',
  fallbackOutOfScope:
    'Det kan jeg dessverre ikke hjelpe med. Jeg svarer bare på spørsmål om kommunens tjenester. Vil du snakke med en person?',
  fallbackInjection: 'Det kan jeg ikke gjøre. Jeg svarer bare på spørsmål om kommunens tjenester.',
  fallbackGibberish: 'Jeg skjønte ikke helt. Kan du skrive spørsmålet med noen flere ord?',
  fallbackTooLong: 'Meldingen ble litt lang for meg. Kan du skrive spørsmålet kort, i én eller to setninger?',
  fallbackError: 'Noe gikk galt hos meg. Prøv igjen om litt, eller snakk med en person.',
  handoverPii:
    'Ikke del fødselsnummer eller saksnummer her. Jeg setter deg over til en person som kan hjelpe deg på en trygg måte.',
  handoverPersonal:
    'Dette gjelder din egen sak, og den har jeg som chatbot ikke tilgang til. Jeg setter deg over til en person.',
  handoverComplaint:
    'Du vil klage på en avgjørelse. Jeg setter deg over til en person som kan hjelpe deg videre.',
  handoverSensitive: 'Dette er best å ta med en person. Jeg setter deg over nå.',
  handoverHumanRequest: 'Selvfølgelig. Jeg setter deg over til en person.',
  crisisIntro: 'Er du eller noen andre i fare, ring med en gang:',
  crisisHandover:
    'Jeg setter deg også over til en person nå. Du trenger ikke vente på svar her før du ringer.',
  emergencyPolice: 'Politi',
  emergencyMedical: 'Medisinsk nødhjelp',
  emergencyFire: 'Brann',
  emergencyOutOfHoursDoctor: 'Legevakt',
  emergencyMentalHelse: 'Mental Helse hjelpetelefon (døgnåpen)',
  emergencyDanishAlarm: 'Alarmcentralen (politi, brand, ambulance)',
  emergencyLivslinien: 'Livslinien',
  waitingForAgent: 'Du står i kø. En person svarer deg så snart som mulig.',
  queuePosition: 'Du er nummer {position} i køen.',
  agentJoined: '{agent} er med i samtalen nå.',
  agentLeft: '{agent} har gått ut av samtalen.',
  offline: 'Ingen er ledige akkurat nå. Legg igjen e-postadressen din, så svarer vi deg så snart vi kan.',
  offlineEmailPrompt: 'E-postadressen din',
  offlineThanks: 'Takk! Vi svarer deg på e-post.',
  conversationEnded: 'Samtalen er avsluttet. Takk for at du tok kontakt.',
  backToBot: 'Du snakker med chatboten igjen.',
  smalltalkHello: 'Hei! Hva kan jeg hjelpe deg med?',
  smalltalkThanks: 'Bare hyggelig! Er det noe mer jeg kan hjelpe deg med?',
  smalltalkBye: 'Ha en fin dag!',
  smalltalkAck: 'Si fra hvis det er noe mer du lurer på.',
  smalltalkBot:
    'Jeg er en chatbot – et dataprogram, ikke et menneske. Jeg svarer på generelle spørsmål om kommunens tjenester. Vil du snakke med en person, skriv «menneske».',
  feedbackPrompt: 'Var svaret til hjelp?',
  feedbackYes: 'Ja',
  feedbackNo: 'Nei',
  feedbackThanks: 'Takk for tilbakemeldingen!',
  feedbackSorry: 'Så synd. Prøv å spørre med andre ord, eller snakk med en person.',
  sourceLabel: 'Kilde',
  linkLabel: 'Gå til siden',
  inputPlaceholder: 'Skriv spørsmålet ditt her',
  sendButton: 'Send',
  checkInQuestion: 'Er du trygg akkurat nå? Hvis du eller noen andre er i fare, ring med en gang:',
  checkInInvite: 'Du kan også skrive hvordan du har det, eller trykke «Snakk med en person».',
  crisisNobodyOnDuty:
    'Ingen er på vakt i chatten nå. Er du eller noen andre i fare, ring – de svarer hele døgnet:',
  crisisServicesIntro: 'Døgnåpent i kommunen:',
  crisisSeenFirst:
    'Samtalen din står først i køen når noen er på vakt igjen. Du kan legge igjen en melding, men du må ikke.',
};
