/**
 * Every citizen-facing string the bot, the server and the widget show, by key. Each language file must define
 * exactly these keys (a missing or extra key is a compile error). `{name}` marks a placeholder filled in by
 * the caller; every language must use the same placeholders for a key (tested).
 */
export const TEXT_KEYS = [
  'botName',
  /** Used for {municipality} when no municipality name is configured. */
  'municipalityFallback',
  'greetingIntro',
  'greetingScope',
  'greetingPrivacy',
  /** The first and last of the configured emergency numbers: the general one and the helpline. */
  'greetingSafety',
  'greetingHuman',
  'talkToHumanButton',
  'clarifyIntro',
  'clarifyNoneOfThese',
  'fallbackNoMatch',
  /** No file answers; {topic} is what the bot understood the question to be about. */
  'fallbackNothingAbout',
  'fallbackOutOfScope',
  'fallbackInjection',
  'fallbackGibberish',
  'fallbackTooLong',
  'fallbackError',
  'handoverPii',
  'handoverPersonal',
  'handoverComplaint',
  'handoverSensitive',
  'handoverHumanRequest',
  'crisisIntro',
  'crisisHandover',
  'emergencyPolice',
  'emergencyMedical',
  'emergencyFire',
  'emergencyOutOfHoursDoctor',
  'emergencyMentalHelse',
  'emergencyDanishAlarm',
  'emergencyLivslinien',
  'waitingForAgent',
  'queuePosition',
  'agentJoined',
  'agentLeft',
  'offline',
  'offlineEmailPrompt',
  'offlineThanks',
  'conversationEnded',
  'backToBot',
  'smalltalkHello',
  'smalltalkThanks',
  'smalltalkBye',
  'smalltalkAck',
  'smalltalkBot',
  'feedbackPrompt',
  'feedbackYes',
  'feedbackNo',
  'feedbackThanks',
  'feedbackSorry',
  'sourceLabel',
  'linkLabel',
  'inputPlaceholder',
  'sendButton',
  /** Uncertain distress: a gentle question before the emergency numbers. */
  'checkInQuestion',
  /** After the numbers in a check-in: what the citizen can do next. */
  'checkInInvite',
  /** A crisis when no person can take the chat (out of hours or nobody free), before the numbers. */
  'crisisNobodyOnDuty',
  /** Heading for the municipality's 24-hour services (config `crisis.services24h`). */
  'crisisServicesIntro',
  /** Last line of a crisis reply nobody can take now: what happens to the conversation. */
  'crisisSeenFirst',
] as const;

export type TextKey = (typeof TEXT_KEYS)[number];
export type BotTexts = Readonly<Record<TextKey, string>>;
