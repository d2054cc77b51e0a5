import type { Logger } from '../log.ts';
import type { Db } from '../store/db.ts';
import { purgeDeleted } from '../store/db.ts';
import { auditRepo } from '../store/small-repos.ts';

export interface RetentionOptions {
  /** Full conversation text (messages, offline messages with contact details, comments, notes) is kept this long. */
  conversationTextDays: number;
  /** Redacted interaction-log events, and the conversations they describe, are kept this long. */
  eventDays: number;
  now: Date;
  log?: Logger;
  /** Who ran it, for the audit log. */
  actor?: string;
}

export interface RetentionResult {
  /** Data older than these instants was removed. */
  textCutoff: string;
  eventCutoff: string;
  /** Raw message text set to NULL (the redacted copy stays). */
  messageTexts: number;
  /** Answered offline messages whose question, answer, e-mail address and phone number were removed. */
  ticketTexts: number;
  feedbackComments: number;
  closeNotes: number;
  events: number;
  /** Conversations removed entirely (with their messages, transitions, feedback and tickets). */
  conversations: number;
  tickets: number;
  /**
   * Offline messages past the text period that nobody has answered yet: kept, because the citizen is still
   * owed an answer and the contact details are needed for it. They go at the event period at the latest.
   */
  openTicketsKept: number;
}

const DAY_MS = 86_400_000;

/**
 * Deletes personal data after its period, in one transaction, and records what it did in the audit log.
 *
 * After `conversationTextDays`: everything a citizen or agent wrote in full — message text (the redacted
 * copy is kept), answered offline messages' question, answer, e-mail and phone, feedback comments and
 * agents' closing notes. After `eventDays`: interaction-log events, and conversations whose last activity
 * is that old, with everything that hangs off them. The audit log itself is kept.
 */
export function runRetention(db: Db, o: RetentionOptions): RetentionResult {
  if (!(o.conversationTextDays > 0 && o.eventDays > 0)) throw new Error('retention periods must be positive');
  const at = o.now.toISOString();
  const textCutoff = new Date(o.now.getTime() - o.conversationTextDays * DAY_MS).toISOString();
  const eventCutoff = new Date(o.now.getTime() - o.eventDays * DAY_MS).toISOString();
  const changes = (sql: string, ...params: string[]) => db.prepare(sql).run(...params).changes;

  const result = db
    .transaction((): RetentionResult => {
      // Whole conversations first, so the text clean-up below does not count rows about to go anyway.
      const old = `SELECT c.id FROM conversations c
      WHERE c.state NOT IN ('waiting', 'assigned')
        AND max(c.created_at, c.updated_at, coalesce(c.closed_at, ''),
                coalesce((SELECT max(m.created_at) FROM messages m WHERE m.conversation_id = c.id), ''),
                coalesce((SELECT max(coalesce(t.answered_at, t.created_at)) FROM tickets t
                          WHERE t.conversation_id = c.id), '')) < ?`;
      const tickets = changes(`DELETE FROM tickets WHERE conversation_id IN (${old})`, eventCutoff);
      const conversations = changes(`DELETE FROM conversations WHERE id IN (${old})`, eventCutoff);
      const orphanTickets = changes(
        `DELETE FROM tickets WHERE conversation_id IS NULL AND coalesce(answered_at, created_at) < ?`,
        eventCutoff,
      );
      const events = changes('DELETE FROM events WHERE at < ?', eventCutoff);
      const messageTexts = changes(
        'UPDATE messages SET text = NULL WHERE text IS NOT NULL AND created_at < ?',
        textCutoff,
      );
      const ticketTexts = changes(
        `UPDATE tickets SET question = NULL, answer = NULL, email = NULL, phone = NULL
       WHERE status = 'answered' AND answered_at < ?
         AND (question IS NOT NULL OR answer IS NOT NULL OR email IS NOT NULL OR phone IS NOT NULL)`,
        textCutoff,
      );
      const feedbackComments = changes(
        'UPDATE feedback SET comment = NULL WHERE comment IS NOT NULL AND created_at < ?',
        textCutoff,
      );
      const closeNotes = changes(
        'UPDATE conversations SET close_note = NULL WHERE close_note IS NOT NULL AND closed_at < ?',
        textCutoff,
      );
      const openTicketsKept =
        db
          .prepare<[string], { n: number }>(
            `SELECT count(*) AS n FROM tickets WHERE status = 'open' AND created_at < ?
           AND (question IS NOT NULL OR email IS NOT NULL OR phone IS NOT NULL)`,
          )
          .get(textCutoff)?.n ?? 0;
      const r: RetentionResult = {
        textCutoff,
        eventCutoff,
        messageTexts,
        ticketTexts,
        feedbackComments,
        closeNotes,
        events,
        conversations,
        tickets: tickets + orphanTickets,
        openTicketsKept,
      };
      const { textCutoff: _t, eventCutoff: _e, ...counts } = r;
      auditRepo(db).log({
        actor: o.actor ?? 'system',
        action: 'retention',
        target: null,
        details: { ...counts, textCutoff, eventCutoff },
        at,
      });
      return r;
    })
    .immediate();
  purgeDeleted(db);

  o.log?.info(
    `retention: cleared text of ${result.messageTexts} messages, ${result.ticketTexts} offline messages, ` +
      `${result.feedbackComments} comments, ${result.closeNotes} notes; deleted ${result.events} events, ` +
      `${result.conversations} conversations, ${result.tickets} offline messages` +
      (result.openTicketsKept > 0
        ? `; ${result.openTicketsKept} unanswered offline messages past the period kept`
        : ''),
  );
  return result;
}
