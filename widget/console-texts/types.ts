import type { ContactType } from '../../server/protocol.ts';

/**
 * Every text the staff and statistics consoles show, one table per language (as the citizen widget has).
 * The compiler checks that each language fills in every key; console-texts.test.ts checks it at run time
 * too, with the placeholders.
 */
export interface ConsoleTexts {
  /** BCP 47 locale for dates and numbers. */
  locale: string;
  common: {
    language: string;
    /** The language switch's button, e.g. "Use this language". */
    switchLanguage: string;
    logOut: string;
    username: string;
    password: string;
    logIn: string;
    loginFailed: string;
    loginRateLimited: string;
    loginError: string;
    serverUnreachable: string;
    roles: Record<'agent' | 'editor' | 'admin', string>;
    /** Other languages in this one: for the language a chat or ticket is in. */
    langs: Record<'nb' | 'nn' | 'da' | 'en' | 'sv', string>;
    /** "4 min" / "1 h 05 min". */
    minutes: (m: number) => string;
    hours: (h: number, m: string) => string;
  };
  /** The KOMHEN contact types staff choose when closing a chat or an offline message. */
  komhen: Record<ContactType, string>;
  /** Why a chat was handed over. */
  reasons: Record<'crisis' | 'pii' | 'personal' | 'complaint' | 'sensitive' | 'human_request', string>;
  staff: StaffTexts;
  stats: StatsTexts;
  editor: EditorTexts;
}

export interface StaffTexts {
  title: string;
  loginTitle: string;
  tabs: string;
  queueTab: (n: number, urgent: boolean) => string;
  ticketsTab: (n: number | undefined) => string;
  available: string;
  alerts: string;
  reconnecting: string;
  notConnected: string;
  transferredTo: (name: string) => string;
  aColleague: string;
  backToQueue: string;
  chatClosed: string;
  citizenEnded: string;
  abandoned: string;
  titleCount: (n: number, urgent: boolean) => string;
  urgentPrefix: string;
  chat: string;
  sendLater: string;
  closingAs: (label: string) => string;
  newChatWaiting: string;
  urgentChatWaiting: string;
  errors: Record<string, string>;
  somethingWrong: string;
  queue: {
    heading: string;
    caption: string;
    columns: {
      priority: string;
      waiting: string;
      reason: string;
      language: string;
      department: string;
      visitor: string;
      lastMessage: string;
      actions: string;
    };
    urgent: string;
    normal: string;
    view: string;
    claim: string;
    viewLabel: (waited: string) => string;
    claimLabel: (waited: string) => string;
    nobody: string;
    previewHeading: string;
    previewTitle: (lang: string, reason: string) => string;
    claimThis: string;
  };
  visitor: {
    online: string;
    left: (waited: string) => string;
    onlineLong: string;
    goneLong: (waited: string) => string;
  };
  chatView: {
    conversation: string;
    notSentYet: string;
    notSentList: string;
    reply: string;
    canned: (lang: string) => string;
    chooseCanned: string;
    noCanned: string;
    send: string;
    transferTo: string;
    transferNote: string;
    transfer: string;
    queues: string;
    colleagues: string;
    contactType: string;
    choose: string;
    closeNote: string;
    needContactType: string;
    closeChat: string;
    transferOrClose: string;
    knowledgeAnswer: string;
    urgentHeading: string;
    crisisGuidance: string;
    citizenTyping: string;
    closeTab: string;
    noteFrom: (name: string) => string;
  };
  history: {
    roles: Record<'citizen' | 'bot' | 'agent' | 'system', string>;
    agentName: (name: string) => string;
    source: (title: string, path: string) => string;
    suggestions: string;
  };
  tickets: {
    heading: string;
    openList: string;
    answeredList: string;
    department: string;
    allDepartments: string;
    none: string;
    noneAnswered: string;
    couldNotLoad: string;
    title: (id: number, lang: string, queue: string) => string;
    received: (when: string) => string;
    email: (address: string) => string;
    phone: (number: string) => string;
    botHistory: string;
    noHistory: string;
    take: string;
    takenBy: (name: string) => string;
    takenByYou: string;
    alreadyTaken: string;
    contactType: string;
    needContactType: string;
    answerByEmail: string;
    sendAnswer: string;
    callNote: string;
    markCalled: string;
    answered: (id: number) => string;
    answeredBy: (name: string, when: string, channel: string) => string;
    answerText: string;
    channels: Record<'email' | 'phone', string>;
    notSaved: string;
  };
  /** "Send a knowledge answer" in a chat. */
  knowledgeForm: {
    fileLabel: string;
    chooseFile: string;
    couldNotLoad: string;
    chooseFirst: string;
    sentAndNoted: string;
    noted: string;
    failed: string;
    send: string;
    markOnly: string;
  };
}

export interface StatsTexts {
  title: string;
  loginTitle: string;
  adminsOnly: string;
  sessionEnded: string;
  badPeriod: string;
  couldNotLoad: string;
  from: string;
  to: string;
  department: string;
  allDepartments: string;
  show: string;
  download: string;
  loading: string;
  periodStatus: (whose: string, from: string, to: string, zone: string) => string;
  chartAria: (title: string) => string;
  showAsTable: string;
  heatmapCaption: string;
  weekdays: readonly [string, string, string, string, string, string, string];
  codes: Record<string, string>;
  tableHead: { count: string; median: string; p90: string; mean: string };
  noComparison: string;
  noChange: string;
  up: string;
  down: string;
  points: (n: string) => string;
  compare: (before: string, change: string) => string;
  comparedWith: (from: string, to: string) => string;
  skipped: (n: number) => string;
  key: {
    conversations: string;
    containment: string;
    outsideHours: string;
    crisesOutsideHours: string;
    handoverRequests: string;
    medianWait: string;
    offlineMessages: string;
    satisfaction: string;
    unanswered: string;
  };
  /** Data subject requests (export, delete). */
  privacy: {
    heading: string;
    hint: string;
    findBy: string;
    byId: string;
    byContact: string;
    input: string;
    export: string;
    delete: string;
    exporting: string;
    exported: (n: number) => string;
    lookingUp: string;
    nothingHeld: string;
    nothingMatches: string;
    notDeleted: string;
    willDelete: (n: number) => string;
    deletePermanently: string;
    cancel: string;
    deleting: string;
    deleted: (n: number, rows: number) => string;
    expired: string;
    badTarget: string;
    sessionChanged: string;
    failed: string;
  };
  sections: {
    overview: string;
    volume: string;
    perDay: string;
    conversations: string;
    outcomes: string;
    outcomesHint: (n: number) => string;
    byOutcome: string;
    byReason: string;
    decisions: string;
    whyNot: string;
    queue: string;
    taken: string;
    abandoned: string;
    sentOffline: string;
    ticketsLeftLabel: string;
    ticketsLeft: (n: number, email: number, phone: number) => string;
    answered: string;
    answeredSplit: (n: number, email: number, phone: number) => string;
    stillOpen: string;
    times: string;
    waitTaken: string;
    waitGaveUp: string;
    handling: string;
    ticketAnswer: string;
    byQueue: string;
    offlineByReason: string;
    feedback: string;
    botAnswers: string;
    afterHandover: string;
    satisfaction: string;
    noFeedback: string;
    perFile: (top: number | undefined) => string;
    helpfulPlain: string;
    notHelpfulStriped: string;
    noRatings: string;
    upDown: (up: number, share: string, down: number) => string;
    languages: string;
    byWidgetLang: string;
    byDetectedLang: string;
    files: string;
    nothingAnswered: string;
    mostUsed: (top: number | undefined) => string;
    answers: string;
    neverUsed: (n: number) => string;
    everyFileUsed: string;
    gaps: string;
    gapsHint: (n: number) => string;
    noGaps: string;
    questions: (n: number) => string;
    about: (terms: string) => string;
    contactTypes: string;
    contactTypesHint: (n: number) => string;
    byType: string;
    byStaff: string;
    byBot: string;
    byCategory: string;
  };
}

export interface EditorTexts {
  title: string;
  loginTitle: string;
  forEditors: string;
  sessionEnded: string;
  couldNotLoad: string;
  loading: string;
  refresh: string;
  sections: { files: string; ask: string; status: string; unanswered: string; learning: string };
  questionLabel: string;
  ask: string;
  asking: string;
  decision: {
    noCandidates: string;
    candidatesCaption: string;
    columns: { file: string; confidence: string; lexical: string; dense: string; why: string };
    facts: {
      decision: string;
      handoverReason: string;
      fallbackReason: string;
      answeredFile: string;
      queue: string;
      priority: string;
      replyLang: string;
      detectedLang: string;
      retrievalMode: string;
      unanswered: string;
      loggedAs: string;
    };
    yes: string;
    no: string;
    draft: string;
    heading: (kind: string) => string;
    reply: string;
    suggestions: string;
    source: (title: string, path: string) => string;
    link: (url: string) => string;
    emergency: (numbers: string) => string;
    why: string;
  };
  status: {
    retrievalMode: string;
    files: string;
    passages: string;
    model: string;
    none: string;
    loaded: string;
    errors: string;
    noErrors: string;
    warnings: string;
    noWarnings: string;
    reviewsDue: (n: number) => string;
    reviewDate: (date: string) => string;
    nothingDue: string;
  };
  unanswered: {
    none: string;
    caption: string;
    columns: { asked: string; question: string; lastAsked: string };
    draft: string;
    draftLabel: (q: string) => string;
  };
  draft: {
    question: string;
    title: string;
    language: string;
    owner: string;
    ownerHint: string;
    answer: string;
    answerHint: string;
    write: string;
    written: (path: string) => string;
    badFields: string;
    failed: string;
  };
  files: {
    status: Record<'live' | 'draft' | 'retired' | 'error', string>;
    search: string;
    newId: string;
    newDraft: string;
    count: (n: number) => string;
    columns: {
      title: string;
      id: string;
      language: string;
      owner: string;
      review: string;
      status: string;
      answers: string;
    };
    couldNotLoad: string;
    badId: string;
    couldNotCreate: string;
  };
  file: {
    noProblems: string;
    line: (n: number, message: string) => string;
    effectLabel: string;
    effect: (changed: number, total: number) => string;
    closer: (question: string, title: string) => string;
    effectCaption: string;
    effectColumns: { question: string; from: string; now: string; after: string };
    fromCitizen: string;
    fromFile: string;
    changed: string;
    couldNotCheck: string;
    save: string;
    saving: string;
    saved: (version: string) => string;
    fixErrors: string;
    conflict: string;
    notSaved: string;
    keepMine: string;
    takeTheirs: string;
    conflictLabel: string;
    twoVersions: string;
    theirs: string;
    mine: string;
    history: string;
    historyHeading: (git: boolean) => string;
    loadVersion: string;
    changes: string;
    versionLoaded: (at: string) => string;
    couldNotLoadHistory: string;
    showEffect: string;
    askingEffect: string;
    couldNotShowEffect: string;
    publish: string;
    notPublished: (why: string | undefined) => string;
    folder: string;
    retire: string;
    notRetired: string;
    couldNotOpen: string;
    fileLabel: string;
    preview: string;
    // Saves across nodes
    /** The save waited too long for another one (server code save_busy); nothing was saved. */
    busy: string;
  };
  /** The review inbox: wordings to approve, 👎 answers, needless handovers, unanswered questions grouped. */
  learning: {
    saving: string;
    refused: string;
    invalid: string;
    failed: string;
    couldNotLoad: string;
    approve: string;
    added: (fileId: string) => string;
    dismiss: string;
    dismissed: string;
    dismissLabel: (what: string) => string;
    reasonLabel: (what: string) => string;
    reasons: Record<'noise' | 'wrong_file' | 'personal' | 'not_a_question' | 'covered' | 'other', string>;
    times: (count: number, conversations: number) => string;
    wordingsHeading: string;
    noWordings: string;
    approveWording: (wording: string, title: string) => string;
    wording: (wording: string) => string;
    downvotedHeading: string;
    noDownvoted: string;
    notHelpful: (title: string, count: number) => string;
    theDownvotes: (title: string) => string;
    /** Moving one 👎 question to another file: the button, and what a screen reader hears. */
    moveTo: (fileId: string) => string;
    moveLabel: (question: string, fileId: string) => string;
    handedOverHeading: string;
    noHandedOver: string;
    theHandovers: (title: string) => string;
    unansweredHeading: string;
    noUnanswered: string;
    draft: string;
    draftLabel: (question: string) => string;
    addQuestions: (fileId: string) => string;
    toFile: (fileId: string) => string;
    theGroup: (question: string) => string;
    keptOut: (list: string) => string;
    /** Why signals were kept out of the inbox, as bot/learning names them. */
    filters: Record<
      | 'flood'
      | 'personal_data'
      | 'personal_case'
      | 'gibberish'
      | 'injection'
      | 'length'
      | 'no_words'
      | 'not_a_gap',
      string
    >;
  };
}
