import type { ErrorCode, OfflineReason } from '../../../server/protocol.ts';

/** Every text the citizen widget shows. Each language file must fill in all of them (the compiler checks). */
export interface WidgetTexts {
  /** BCP 47 locale for dates and numbers. */
  locale: string;
  launcher: string;
  panelTitle: string;
  close: string;
  intro: string;
  privacy: string;
  privacyLink: string;
  language: string;
  menu: string;
  log: string;
  you: string;
  bot: string;
  system: string;
  inputLabel: string;
  inputHint: string;
  send: string;
  talkToPerson: string;
  source: string;
  openLink: string;
  helpful: string;
  helpfulYes: string;
  helpfulNo: string;
  feedbackThanks: string;
  suggestions: string;
  /** Heading of the related links under an answer. */
  related: string;
  emergency: string;
  call: (label: string, number: string) => string;
  connecting: string;
  reconnecting: string;
  sending: string;
  notSent: string;
  retry: string;
  queue: (position: number, minutes: number) => string;
  agentJoined: (name: string) => string;
  agentLeft: string;
  agentTyping: (name: string) => string;
  agentName: (name: string) => string;
  offlineTitle: string;
  offlineReason: Record<OfflineReason, string>;
  opensAt: (when: string) => string;
  offlineQuestion: string;
  offlineEmail: string;
  offlinePhone: string;
  offlineContactHint: string;
  offlineConsent: string;
  offlineSubmit: string;
  offlineNeedContact: string;
  offlineNeedConsent: string;
  offlineBadEmail: string;
  offlineBadPhone: string;
  offlineSent: (ticketId: number) => string;
  saveChat: string;
  downloadTxt: string;
  downloadHtml: string;
  emailLabel: string;
  emailSend: string;
  transcriptSent: string;
  downloadFailed: string;
  endChat: string;
  chatEnded: string;
  chatClosedByAgent: string;
  newChat: string;
  errors: Record<ErrorCode, string>;
  /** The emergency numbers pinned above the conversation after a crisis or a check-in. */
  emergencyPinned: string;
  hideEmergency: string;
  /** A crisis nobody can take now: the offline form is offered, not asked for. */
  crisisLeaveMessage: string;
  // Issue 19: language follow, topics, queue, ending, rating.
  /** Said in the new language when the widget follows the language the citizen wrote in. */
  langFollowed: string;
  /** The button back, said in the language it goes back to. */
  switchBack: string;
  topics: string;
  leaveQueue: string;
  queueLeft: string;
  confirmEnd: string;
  confirmEndYes: string;
  confirmEndNo: string;
  rateTitle: string;
  rateGood: string;
  rateBad: string;
  rateComment: string;
  rateSend: string;
  rateThanks: string;
  keepTranscript: string;
  emailTranscript: string;
}
