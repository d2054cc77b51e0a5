import type { Sql } from './sql.ts';

/**
 * The interaction log. Payloads hold redacted text only (the bot's redaction), never raw messages, so they
 * can be kept after the conversation text is deleted. Statistics (issue 7) read these shapes.
 */
export interface EventPayloads {
  conversation_started: { lang: string; queue: string | null; page: string | null };
  conversation_resumed: { lang: string; state: string };
  message_in: { redacted: string; chars: number; state: string };
  bot_decision: {
    kind: string;
    lang: string;
    detectedLang: string;
    fileId?: string | undefined;
    /** The self-service link the answer carried. */
    link?: string | undefined;
    handoverReason?: string | undefined;
    fallbackReason?: string | undefined;
    queue?: string | undefined;
    priority: string;
    unanswered: boolean;
    retrievalMode?: string | undefined;
    candidates: { fileId: string; confidence: number; lexical?: number; dense?: number }[];
    why: string[];
    redacted: string;
    /** True when the citizen picked a suggestion rather than typing. */
    choice: boolean;
  };
  handover_requested: { reason: string; queue: string; priority: string };
  offline_offered: { reason: string; queue: string | null };
  /** The conversation left the queue: claimed, offered the offline form, or abandoned by the citizen. */
  queue_left: { queue: string | null; outcome: 'assigned' | 'offline' | 'abandoned'; waitedSeconds: number };
  agent_assigned: { agentId: number; queue: string | null; transfer: boolean };
  agent_left: { agentId: number; reason: string };
  agent_message: { agentId: number; redacted: string; chars: number };
  transferred: { fromAgentId: number; toQueue?: string; toAgentId?: number; noteRedacted?: string };
  closed: {
    by: 'citizen' | 'agent' | 'system';
    reason: string;
    state: string;
    contactType?: string | undefined;
    noteRedacted?: string | undefined;
    handledSeconds?: number | undefined;
  };
  feedback: {
    messageId: number | null;
    fileId?: string | undefined;
    /** Whose reply was rated. */
    target: 'bot' | 'agent' | 'conversation';
    helpful: boolean;
    commentRedacted?: string | undefined;
  };
  ticket_created: { ticketId: number; queue: string; lang: string; email: boolean; phone: boolean };
  ticket_answered: {
    ticketId: number;
    channel: 'email' | 'phone';
    secondsToAnswer: number;
    agentId: number;
    /** KOMHEN type chosen when answering (issue 19). */
    contactType?: string;
  };
  transcript_emailed: Record<string, never>;
  /** An on-call alert for a crisis nobody could take: one send, and how it went. */
  on_call_alert: { channel: 'email' | 'webhook'; outcome: 'sent' | 'failed'; attempt: number; why: string };
}
export type EventType = keyof EventPayloads;

export interface LoggedEvent {
  id: number;
  type: EventType;
  conversationId: string | null;
  payload: Record<string, unknown>;
  at: string;
}

/**
 * `redact` is applied to every string in every payload as it is stored: callers pass redacted text already,
 * and this makes a field someone forgets (a file id from a frame, a page, a reason) safe as well.
 */
export function eventRepo(db: Sql, redact: (text: string) => string = (t) => t) {
  const redactStrings = (_key: string, value: unknown): unknown =>
    typeof value === 'string' ? redact(value) : value;
  return {
    async log<T extends EventType>(
      type: T,
      conversationId: string | null,
      payload: EventPayloads[T],
      at: string,
    ): Promise<void> {
      await db.run('INSERT INTO events (type, conversation_id, payload, at) VALUES (?, ?, ?, ?)', [
        type,
        conversationId,
        JSON.stringify(payload, redactStrings),
        at,
      ]);
    },
    forConversation: async (conversationId: string): Promise<LoggedEvent[]> =>
      (
        await db.all<{
          id: number;
          type: EventType;
          conversation_id: string | null;
          payload: string;
          at: string;
        }>('SELECT * FROM events WHERE conversation_id = ? ORDER BY id', [conversationId])
      ).map((r) => ({
        id: r.id,
        type: r.type,
        conversationId: r.conversation_id,
        payload: JSON.parse(r.payload) as Record<string, unknown>,
        at: r.at,
      })),
    /**
     * Every event of the conversations that started in [startIso, endIso), as stored (for statistics), in
     * conversation, time and log order.
     */
    periodRows: (
      startIso: string,
      endIso: string,
    ): Promise<{ type: string; conversation_id: string; payload: string; at: string }[]> =>
      db.all(
        `SELECT e.type, e.conversation_id, e.payload, e.at FROM events e
         WHERE e.conversation_id IN (
           SELECT conversation_id FROM events
           WHERE type = 'conversation_started' AND at >= ? AND at < ? AND conversation_id IS NOT NULL)
         ORDER BY e.conversation_id, e.at, e.id`,
        [startIso, endIso],
      ),
  };
}
export type EventRepo = ReturnType<typeof eventRepo>;
