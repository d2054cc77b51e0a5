import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';

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
export async function runRetention(store: Store, o: RetentionOptions): Promise<RetentionResult> {
  if (!(o.conversationTextDays > 0 && o.eventDays > 0)) throw new Error('retention periods must be positive');
  const at = o.now.toISOString();
  const textCutoff = new Date(o.now.getTime() - o.conversationTextDays * DAY_MS).toISOString();
  const eventCutoff = new Date(o.now.getTime() - o.eventDays * DAY_MS).toISOString();

  const result = await store.tx(async (): Promise<RetentionResult> => {
    const counts = await store.privacy.expire(textCutoff, eventCutoff);
    await store.audit.log({
      actor: o.actor ?? 'system',
      action: 'retention',
      target: null,
      details: { ...counts, textCutoff, eventCutoff },
      at,
    });
    return { textCutoff, eventCutoff, ...counts };
  });
  await store.purgeDeleted();

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
