/**
 * Svar chat protocol, version 1: JSON text frames over `/ws/citizen` and `/ws/staff`, each with a `type`.
 * The widget and consoles import the types from here (`import type`), so this module depends on zod only.
 *
 * Citizen flow: open the socket, send `start` (with the saved `resumeToken` to continue), get `welcome`
 * with the history; then `message` frames are stored before they are acknowledged with `ack`. A resent
 * `clientId` is acknowledged again but stored and answered once.
 */
import { z } from 'zod';

export const PROTOCOL_VERSION = 1;
export const MAX_MESSAGE_CHARS = 2000;
export const MAX_NOTE_CHARS = 1000;

export const CHAT_LANGS = ['nb', 'nn', 'da', 'en'] as const;
export type ChatLang = (typeof CHAT_LANGS)[number];

export const CONVERSATION_STATES = ['bot', 'waiting', 'assigned', 'offline', 'closed'] as const;
export type ConversationStateName = (typeof CONVERSATION_STATES)[number];

/** KOMHEN contact types staff choose when closing a chat. */
export const CONTACT_TYPES = [
  'wrong_authority',
  'existing_case_info',
  'new_case',
  'self_service_help',
  'case_status_change',
  'general_advice',
] as const;
export type ContactType = (typeof CONTACT_TYPES)[number];

/** Why the offline form is offered instead of a person. */
export const OFFLINE_REASONS = ['office_closed', 'no_agent', 'wait_limit'] as const;
export type OfflineReason = (typeof OFFLINE_REASONS)[number];

/** `abandoned`: the citizen's page was gone longer than `limits.visitorGoneCloseSeconds` (a ghost chat). */
export const CLOSE_REASONS = ['citizen_ended', 'agent_closed', 'abandoned'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

/** Stable error codes; the human `message` may change, these may not. */
export const ERROR_CODES = {
  badFrame: 'bad_frame',
  messageTooLong: 'message_too_long',
  notStarted: 'not_started',
  alreadyStarted: 'already_started',
  rateLimited: 'rate_limited',
  storageFailed: 'storage_failed',
  conversationClosed: 'conversation_closed',
  invalidState: 'invalid_state',
  notFound: 'not_found',
  forbidden: 'forbidden',
  unauthorized: 'unauthorized',
  csrfInvalid: 'csrf_invalid',
  loginFailed: 'login_failed',
  alreadyClaimed: 'already_claimed',
  chatLimit: 'chat_limit',
  agentUnavailable: 'agent_unavailable',
  unknownQueue: 'unknown_queue',
  mailUnavailable: 'mail_unavailable',
  mailFailed: 'mail_failed',
  limitReached: 'limit_reached',
  tooLarge: 'too_large',
  internal: 'internal',
  // Abuse limits (issue 20).
  queueFull: 'queue_full',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

const lang = z.enum(CHAT_LANGS);
const clientId = z.string().min(1).max(64);
const messageText = z.string().trim().min(1).max(MAX_MESSAGE_CHARS);
const conversationId = z.string().min(1).max(64);
const email = z.email().max(254);
const phone = z.string().regex(/^\+?[0-9][0-9 ()-]{4,19}$/, 'expected a phone number');

// ---- citizen → server ----------------------------------------------------------------------------------

export const citizenStart = z.strictObject({
  type: z.literal('start'),
  v: z.literal(PROTOCOL_VERSION),
  resumeToken: z.string().min(16).max(128).optional(),
  lang,
  /** Department hint from the embedding page (`data-queue`); ignored unless it is a configured queue. */
  queue: z.string().max(40).optional(),
  page: z.string().max(500).optional(),
});
export const citizenMessage = z.strictObject({ type: z.literal('message'), clientId, text: messageText });
export const citizenTyping = z.strictObject({ type: z.literal('typing'), active: z.boolean() });
/** The citizen picked one of the bot's suggestions. */
export const citizenChoose = z.strictObject({
  type: z.literal('choose'),
  fileId: z.string().min(1).max(120),
  clientId: clientId.optional(),
});
export const citizenHuman = z.strictObject({ type: z.literal('human') });
/** Feedback on one bot or agent message, or without `messageId` on the conversation as a whole. */
export const citizenFeedback = z.strictObject({
  type: z.literal('feedback'),
  messageId: z.int().positive().optional(),
  helpful: z.boolean(),
  comment: z.string().trim().max(MAX_NOTE_CHARS).optional(),
});
export const citizenLeaveMessage = z
  .strictObject({
    type: z.literal('leave_message'),
    question: messageText,
    email: email.optional(),
    phone: phone.optional(),
    consent: z.literal(true),
  })
  .refine((f) => f.email !== undefined || f.phone !== undefined, {
    message: 'an e-mail address or a phone number is needed',
    path: ['email'],
  });
export const citizenEnd = z.strictObject({ type: z.literal('end') });
export const citizenTranscriptEmail = z.strictObject({ type: z.literal('transcript_email'), email });

// ---- issue 19: the citizen's view -----------------------------------------------------------------------
/** The citizen leaves the queue and goes on with the bot. */
export const citizenLeaveQueue = z.strictObject({ type: z.literal('leave_queue') });

export const citizenClientFrame = z.discriminatedUnion('type', [
  citizenStart,
  citizenMessage,
  citizenTyping,
  citizenChoose,
  citizenHuman,
  citizenFeedback,
  citizenLeaveMessage,
  citizenEnd,
  citizenTranscriptEmail,
  citizenLeaveQueue,
]);
export type CitizenClientFrame = z.infer<typeof citizenClientFrame>;

// ---- server → citizen ----------------------------------------------------------------------------------

/** What a stored system turn records, shown again after a reload (issue 19). */
export const citizenNotice = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('agent_joined'), firstName: z.string() }),
  z.object({ kind: z.literal('agent_left') }),
  z.object({ kind: z.literal('queue_left') }),
  z.object({ kind: z.literal('ticket_created'), ticketId: z.int() }),
]);
export type CitizenNotice = z.infer<typeof citizenNotice>;
/** A topic button under the greeting (config `widget.topics`), already in the conversation's language. */
export const topicButton = z.object({ fileId: z.string(), title: z.string() });
export type TopicButton = z.infer<typeof topicButton>;

const suggestion = z.object({ fileId: z.string(), title: z.string() });
/** `note` is set for a municipality's 24-hour services, e.g. when they answer. */
const emergencyNumber = z.object({ label: z.string(), number: z.string(), note: z.string().optional() });

/** A bot turn as the widget renders it. `text` is Markdown: render it safely. */
export const botPayload = z.object({
  text: z.string(),
  kind: z.enum(['answer', 'clarify', 'handover', 'fallback', 'smalltalk', 'greeting', 'check_in']),
  source: z.object({ fileId: z.string(), title: z.string(), path: z.string() }).optional(),
  link: z.string().optional(),
  suggestions: z.array(suggestion).optional(),
  /** With an answer: up to two other files close to the question, in the citizen's language. */
  related: z.array(suggestion).max(2).optional(),
  emergency: z.array(emergencyNumber).optional(),
  askFeedback: z.boolean(),
  /** The language the bot answered in; the widget follows it (issue 19). */
  lang: lang.optional(),
});
export type BotPayload = z.infer<typeof botPayload>;

export const historyItem = z.object({
  messageId: z.int(),
  role: z.enum(['citizen', 'bot', 'agent', 'system']),
  text: z.string(),
  at: z.string(),
  bot: botPayload.optional(),
  /** Agent turns: the agent's first name. */
  firstName: z.string().optional(),
  /** System turns: what happened, so the widget can say it in the citizen's language (issue 19). */
  notice: citizenNotice.optional(),
});
export type HistoryItem = z.infer<typeof historyItem>;

export const citizenServerFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    v: z.literal(PROTOCOL_VERSION),
    conversationId: z.string(),
    /** Keep it (e.g. sessionStorage) and send it in `start` to continue after a reload. */
    resumeToken: z.string(),
    lang,
    state: z.enum(CONVERSATION_STATES),
    history: z.array(historyItem),
    /** Set when resuming a chat an agent holds. */
    agentFirstName: z.string().optional(),
    /** The municipality's privacy page (config), for widgets whose page gave none. */
    privacyUrl: z.string().optional(),
    /** Topic buttons under the greeting (issue 19). */
    topics: z.array(topicButton).max(5).optional(),
  }),
  z.object({ type: z.literal('ack'), clientId: z.string(), messageId: z.int() }),
  z.object({ type: z.literal('bot'), messageId: z.int() }).extend(botPayload.shape),
  z.object({
    type: z.literal('queue'),
    queue: z.string(),
    position: z.int().min(1),
    estimatedWaitSeconds: z.int().min(0),
  }),
  z.object({ type: z.literal('agent_joined'), firstName: z.string() }),
  z.object({ type: z.literal('agent_left') }),
  z.object({ type: z.literal('agent'), messageId: z.int(), text: z.string(), firstName: z.string() }),
  z.object({ type: z.literal('typing'), from: z.enum(['agent']), active: z.boolean() }),
  /**
   * Show the offline form. `opensAt` (ISO) is the next opening time, if known. `urgent`: a crisis nobody can
   * take now; the emergency numbers stay in view and the form is only offered, never asked for first.
   */
  z.object({
    type: z.literal('offline'),
    reason: z.enum(OFFLINE_REASONS),
    opensAt: z.string().optional(),
    urgent: z.boolean().optional(),
  }),
  z.object({ type: z.literal('ticket_created'), ticketId: z.int() }),
  z.object({ type: z.literal('transcript_sent') }),
  z.object({ type: z.literal('feedback_saved') }),
  z.object({ type: z.literal('closed'), reason: z.enum(CLOSE_REASONS) }),
  /** A system turn that was stored (agent joined or left, queue left, message left): issue 19. */
  z.object({ type: z.literal('notice'), messageId: z.int(), notice: citizenNotice }),
  /** The citizen left the queue and is back with the bot. */
  z.object({ type: z.literal('queue_left') }),
  z.object({
    type: z.literal('error'),
    code: z.string(),
    message: z.string(),
    /** Set when the error is about one `message` frame: it was not stored. */
    clientId: z.string().optional(),
  }),
]);
export type CitizenServerFrame = z.infer<typeof citizenServerFrame>;

// ---- staff → server ------------------------------------------------------------------------------------

export const PRESENCE = ['online', 'away', 'offline'] as const;
export type Presence = (typeof PRESENCE)[number];

export const staffClientFrame = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('presence'), status: z.enum(['online', 'away']) }),
  z.strictObject({ type: z.literal('claim'), conversationId }),
  /** Read a waiting or own chat (with the bot turns) without claiming it. */
  z.strictObject({ type: z.literal('view'), conversationId }),
  z.strictObject({ type: z.literal('send'), conversationId, clientId, text: messageText }),
  z.strictObject({ type: z.literal('typing'), conversationId, active: z.boolean() }),
  z
    .strictObject({
      type: z.literal('transfer'),
      conversationId,
      toQueue: z.string().max(40).optional(),
      toAgentId: z.int().positive().optional(),
      /** For the one who takes the chat next; stored redacted. */
      note: z.string().trim().max(MAX_NOTE_CHARS).optional(),
    })
    .refine((f) => (f.toQueue === undefined) !== (f.toAgentId === undefined), {
      message: 'give exactly one of toQueue and toAgentId',
      path: ['toQueue'],
    }),
  z.strictObject({
    type: z.literal('close'),
    conversationId,
    contactType: z.enum(CONTACT_TYPES),
    note: z.string().trim().max(MAX_NOTE_CHARS).optional(),
  }),
  z.strictObject({ type: z.literal('canned'), lang }),
]);
export type StaffClientFrame = z.infer<typeof staffClientFrame>;

// ---- server → staff ------------------------------------------------------------------------------------

/** Whether the citizen's page is connected, and since when (a ghost chat is one whose page is gone). */
export const visitorStatus = z.object({ online: z.boolean(), since: z.string() });
export type VisitorStatus = z.infer<typeof visitorStatus>;

/** The note a transfer left for whoever takes the chat next (redacted), and who wrote it. */
export const transferNote = z.object({ text: z.string(), from: z.string(), at: z.string() });
export type TransferNote = z.infer<typeof transferNote>;

export const queueItem = z.object({
  conversationId: z.string(),
  queue: z.string(),
  reason: z.string().nullable(),
  priority: z.enum(['urgent', 'normal']),
  lang: z.string(),
  waitingSince: z.string(),
  position: z.int().min(1),
  /** The citizen's latest message, shortened. */
  preview: z.string(),
  visitor: visitorStatus.optional(),
});
export type QueueItem = z.infer<typeof queueItem>;

export const conversationInfo = z.object({
  conversationId: z.string(),
  state: z.enum(CONVERSATION_STATES),
  queue: z.string().nullable(),
  reason: z.string().nullable(),
  priority: z.enum(['urgent', 'normal']),
  lang: z.string(),
  agentId: z.int().nullable(),
  createdAt: z.string(),
  visitor: visitorStatus.optional(),
  transferNote: transferNote.optional(),
});
export type ConversationInfo = z.infer<typeof conversationInfo>;

export const cannedResponse = z.object({ id: z.string(), title: z.string(), text: z.string() });
export type CannedResponse = z.infer<typeof cannedResponse>;

export const staffServerFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    v: z.literal(PROTOCOL_VERSION),
    me: z.object({ id: z.int(), firstName: z.string(), role: z.string(), presence: z.enum(PRESENCE) }),
    queues: z.array(z.object({ id: z.string(), name: z.string(), open: z.boolean() })),
    contactTypes: z.array(z.enum(CONTACT_TYPES)),
    maxChats: z.int(),
  }),
  /**
   * The whole waiting list: on connect, and when someone joins or leaves (at most once per configured
   * interval). Between those, only `queue_preview` deltas.
   */
  z.object({ type: z.literal('queue'), items: z.array(queueItem) }),
  /** Waiting citizens wrote something: new previews for those rows only; positions are unchanged. */
  z.object({
    type: z.literal('queue_preview'),
    items: z.array(z.object({ conversationId: z.string(), preview: z.string() })),
  }),
  z.object({
    type: z.literal('agents'),
    agents: z.array(
      z.object({ id: z.int(), firstName: z.string(), presence: z.enum(PRESENCE), chats: z.int() }),
    ),
  }),
  /** This agent now holds the chat (claim, transfer to them, or reconnect). */
  z.object({ type: z.literal('assigned'), conversation: conversationInfo, history: z.array(historyItem) }),
  z.object({ type: z.literal('unassigned'), conversationId: z.string(), reason: z.string() }),
  z.object({ type: z.literal('history'), conversation: conversationInfo, history: z.array(historyItem) }),
  z.object({ type: z.literal('message'), conversationId: z.string(), item: historyItem }),
  z.object({ type: z.literal('ack'), conversationId: z.string(), clientId: z.string(), messageId: z.int() }),
  z.object({ type: z.literal('typing'), conversationId: z.string(), active: z.boolean() }),
  z.object({
    type: z.literal('conversation_closed'),
    conversationId: z.string(),
    reason: z.enum(CLOSE_REASONS),
  }),
  z.object({ type: z.literal('canned'), lang, responses: z.array(cannedResponse) }),
  /** An offline message arrived or was answered; fetch GET /api/staff/tickets again. */
  z.object({ type: z.literal('tickets_changed'), open: z.int() }),
  /** A waiting or assigned citizen's page connected or went away (ghost chats, issue 19). */
  z.object({ type: z.literal('visitor'), conversationId: z.string(), visitor: visitorStatus }),
  z.object({
    type: z.literal('error'),
    code: z.string(),
    message: z.string(),
    clientId: z.string().optional(),
    conversationId: z.string().optional(),
  }),
]);
export type StaffServerFrame = z.infer<typeof staffServerFrame>;

/** Turns a zod failure on a client frame into a stable code (long messages get their own). */
export function frameErrorCode(issues: readonly { path: readonly PropertyKey[]; code: string }[]): ErrorCode {
  const tooLong = issues.some(
    (i) => i.code === 'too_big' && ['text', 'question'].includes(String(i.path[i.path.length - 1])),
  );
  return tooLong ? ERROR_CODES.messageTooLong : ERROR_CODES.badFrame;
}
