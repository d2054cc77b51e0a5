import type { BotTexts } from './keys.ts';

export const DA: BotTexts = {
  botName: 'Chatbot',
  municipalityFallback: 'kommunen',
  greetingIntro: 'Hej! Jeg er en chatbot for {municipality}, ikke et menneske.',
  greetingScope:
    'Jeg kan svare på almindelige spørgsmål om kommunens tilbud, fx børnepasning, skole, affald, byggesager og gebyrer.',
  greetingPrivacy: 'Skriv ikke dit CPR-nummer, sagsnummer eller helbredsoplysninger her.',
  greetingSafety:
    'Er du eller andre i fare lige nu, så ring {urgent}. Har du brug for at tale med nogen: {helpline}.',
  greetingHuman: 'Vil du tale med et menneske, så tryk på »Tal med en medarbejder«.',
  talkToHumanButton: 'Tal med en medarbejder',
  clarifyIntro: 'Jeg er ikke helt sikker på, hvad du spørger om. Handler det om et af disse?',
  clarifyNoneOfThese: 'Ingen af disse',
  fallbackNoMatch:
    'Beklager, det har jeg ikke noget svar på. Prøv at spørge med andre ord, eller tal med en medarbejder.',
  fallbackNothingAbout:
    'Jeg fandt ikke noget om *{topic}*. Prøv at spørge med andre ord, eller tal med en medarbejder.',
  fallbackOutOfScope:
    'Det kan jeg desværre ikke hjælpe med. Jeg svarer kun på spørgsmål om kommunens tilbud. Vil du tale med en medarbejder?',
  fallbackInjection: 'Det kan jeg ikke. Jeg svarer kun på spørgsmål om kommunens tilbud.',
  fallbackGibberish: 'Det forstod jeg ikke helt. Kan du skrive dit spørgsmål med lidt flere ord?',
  fallbackTooLong:
    'Beskeden er lidt lang for mig. Kan du skrive dit spørgsmål kort, i en eller to sætninger?',
  fallbackError: 'Der gik noget galt hos mig. Prøv igen om lidt, eller tal med en medarbejder.',
  handoverPii:
    'Del ikke dit CPR-nummer eller sagsnummer her. Jeg sender dig videre til en medarbejder, der kan hjælpe dig sikkert.',
  handoverPersonal:
    'Det handler om din egen sag, og den kan jeg som chatbot ikke se. Jeg sender dig videre til en medarbejder.',
  handoverComplaint:
    'Du vil klage over en afgørelse. Jeg sender dig videre til en medarbejder, der kan hjælpe dig.',
  handoverSensitive: 'Det er bedst at tale med en medarbejder om det. Jeg sender dig videre nu.',
  handoverHumanRequest: 'Selvfølgelig. Jeg sender dig videre til en medarbejder.',
  crisisIntro: 'Er du eller en anden i fare, så ring med det samme:',
  crisisHandover:
    'Jeg sender dig også videre til en medarbejder nu. Du behøver ikke vente på svar her, før du ringer.',
  emergencyPolice: 'Politi',
  emergencyMedical: 'Akut medicinsk hjælp',
  emergencyFire: 'Brand',
  emergencyOutOfHoursDoctor: 'Lægevagt (Norge)',
  emergencyMentalHelse: 'Mental Helse hjælpetelefon (Norge, døgnåben)',
  emergencyDanishAlarm: 'Alarmcentralen (politi, brand, ambulance)',
  emergencyLivslinien: 'Livslinien',
  waitingForAgent: 'Du er i kø. En medarbejder svarer dig så hurtigt som muligt.',
  queuePosition: 'Du er nummer {position} i køen.',
  agentJoined: '{agent} er nu med i samtalen.',
  agentLeft: '{agent} har forladt samtalen.',
  offline: 'Der er ingen ledige lige nu. Skriv din e-mailadresse, så svarer vi dig så hurtigt vi kan.',
  offlineEmailPrompt: 'Din e-mailadresse',
  offlineThanks: 'Tak! Vi svarer dig på e-mail.',
  conversationEnded: 'Samtalen er afsluttet. Tak fordi du skrev.',
  backToBot: 'Du skriver med chatbotten igen.',
  smalltalkHello: 'Hej! Hvad kan jeg hjælpe dig med?',
  smalltalkThanks: 'Det var så lidt! Er der andet, jeg kan hjælpe med?',
  smalltalkBye: 'Hav en god dag!',
  smalltalkAck: 'Sig til, hvis der er andet, du vil vide.',
  smalltalkBot:
    'Jeg er en chatbot – et computerprogram, ikke et menneske. Jeg svarer på generelle spørgsmål om kommunens tilbud. Vil du tale med en medarbejder, så skriv »menneske«.',
  feedbackPrompt: 'Kunne du bruge svaret?',
  feedbackYes: 'Ja',
  feedbackNo: 'Nej',
  feedbackThanks: 'Tak for din tilbagemelding!',
  feedbackSorry: 'Det var ærgerligt. Prøv at spørge med andre ord, eller tal med en medarbejder.',
  sourceLabel: 'Kilde',
  linkLabel: 'Gå til siden',
  inputPlaceholder: 'Skriv dit spørgsmål her',
  sendButton: 'Send',
  checkInQuestion: 'Er du i sikkerhed lige nu? Hvis du eller en anden er i fare, så ring med det samme:',
  checkInInvite: 'Du kan også skrive, hvordan du har det, eller trykke på «Tal med en medarbejder».',
  crisisNobodyOnDuty:
    'Der er ingen på vagt i chatten nu. Er du eller en anden i fare, så ring – de svarer hele døgnet:',
  crisisServicesIntro: 'Døgnåbent i kommunen:',
  crisisSeenFirst:
    'Din samtale står forrest i køen, når der er nogen på vagt igen. Du kan lægge en besked, men du behøver ikke.',
};
