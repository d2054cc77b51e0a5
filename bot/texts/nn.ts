import type { BotTexts } from './keys.ts';

export const NN: BotTexts = {
  botName: 'Chatbot',
  municipalityFallback: 'kommunen',
  greetingIntro: 'Hei! Eg er ein chatbot for {municipality}, ikkje eit menneske.',
  greetingScope:
    'Eg kan svare på vanlege spørsmål om tenestene i kommunen, som barnehage, skule, avfall, byggjesaker og avgifter.',
  greetingPrivacy: 'Ikkje skriv fødselsnummer, saksnummer eller helseopplysningar her.',
  greetingSafety:
    'Er du eller nokon andre i fare no, ring {urgent}. Treng du nokon å snakke med: {helpline}.',
  greetingHuman: 'Vil du snakke med eit menneske, trykk «Snakk med ein person».',
  talkToHumanButton: 'Snakk med ein person',
  clarifyIntro: 'Eg er ikkje heilt sikker på kva du spør om. Gjeld det eitt av desse?',
  clarifyNoneOfThese: 'Ingen av desse',
  fallbackNoMatch:
    'Orsak, det har eg ikkje noko svar på. Prøv gjerne å spørje med andre ord, eller snakk med ein person.',
  fallbackNothingAbout:
    'Eg fann ingenting om *{topic}*. Prøv gjerne å spørje med andre ord, eller snakk med ein person.',
  fallbackOutOfScope:
    'Det kan eg dessverre ikkje hjelpe med. Eg svarer berre på spørsmål om tenestene i kommunen. Vil du snakke med ein person?',
  fallbackInjection: 'Det kan eg ikkje gjere. Eg svarer berre på spørsmål om tenestene i kommunen.',
  fallbackGibberish: 'Eg skjønte ikkje heilt. Kan du skrive spørsmålet med nokre fleire ord?',
  fallbackTooLong: 'Meldinga vart litt lang for meg. Kan du skrive spørsmålet kort, i ei eller to setningar?',
  fallbackError: 'Noko gjekk gale hos meg. Prøv igjen om litt, eller snakk med ein person.',
  handoverPii:
    'Ikkje del fødselsnummer eller saksnummer her. Eg set deg over til ein person som kan hjelpe deg på ein trygg måte.',
  handoverPersonal:
    'Dette gjeld di eiga sak, og den har ikkje eg som chatbot tilgang til. Eg set deg over til ein person.',
  handoverComplaint: 'Du vil klage på ei avgjerd. Eg set deg over til ein person som kan hjelpe deg vidare.',
  handoverSensitive: 'Dette er best å ta med ein person. Eg set deg over no.',
  handoverHumanRequest: 'Sjølvsagt. Eg set deg over til ein person.',
  crisisIntro: 'Er du eller nokon andre i fare, ring med ein gong:',
  crisisHandover: 'Eg set deg òg over til ein person no. Du treng ikkje vente på svar her før du ringjer.',
  emergencyPolice: 'Politi',
  emergencyMedical: 'Medisinsk naudhjelp',
  emergencyFire: 'Brann',
  emergencyOutOfHoursDoctor: 'Legevakt',
  emergencyMentalHelse: 'Mental Helse hjelpetelefon (døgnope)',
  emergencyDanishAlarm: 'Alarmcentralen (politi, brann, ambulanse)',
  emergencyLivslinien: 'Livslinien',
  waitingForAgent: 'Du står i kø. Ein person svarer deg så snart som mogleg.',
  queuePosition: 'Du er nummer {position} i køen.',
  agentJoined: '{agent} er med i samtalen no.',
  agentLeft: '{agent} har gått ut av samtalen.',
  offline: 'Ingen er ledige akkurat no. Legg igjen e-postadressa di, så svarer vi deg så snart vi kan.',
  offlineEmailPrompt: 'E-postadressa di',
  offlineThanks: 'Takk! Vi svarer deg på e-post.',
  conversationEnded: 'Samtalen er avslutta. Takk for at du tok kontakt.',
  backToBot: 'Du snakkar med chatboten igjen.',
  smalltalkHello: 'Hei! Kva kan eg hjelpe deg med?',
  smalltalkThanks: 'Berre hyggeleg! Er det noko meir eg kan hjelpe deg med?',
  smalltalkBye: 'Ha ein fin dag!',
  smalltalkAck: 'Sei frå om det er noko meir du lurer på.',
  smalltalkBot:
    'Eg er ein chatbot – eit dataprogram, ikkje eit menneske. Eg svarar på generelle spørsmål om tenestene til kommunen. Vil du snakke med ein person, skriv «menneske».',
  feedbackPrompt: 'Var svaret til hjelp?',
  feedbackYes: 'Ja',
  feedbackNo: 'Nei',
  feedbackThanks: 'Takk for tilbakemeldinga!',
  feedbackSorry: 'Så synd. Prøv å spørje med andre ord, eller snakk med ein person.',
  sourceLabel: 'Kjelde',
  linkLabel: 'Gå til sida',
  inputPlaceholder: 'Skriv spørsmålet ditt her',
  sendButton: 'Send',
  checkInQuestion: 'Er du trygg akkurat no? Viss du eller nokon andre er i fare, ring med ein gong:',
  checkInInvite: 'Du kan òg skrive korleis du har det, eller trykkje «Snakk med ein person».',
  crisisNobodyOnDuty:
    'Ingen er på vakt i chatten no. Er du eller nokon andre i fare, ring – dei svarar heile døgnet:',
  crisisServicesIntro: 'Døgnope i kommunen:',
  crisisSeenFirst:
    'Samtalen din står fremst i køen når nokon er på vakt att. Du kan leggje att ei melding, men du må ikkje.',
};
