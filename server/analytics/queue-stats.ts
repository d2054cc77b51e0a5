import { OFFLINE_REASONS } from '../protocol.ts';
import { eventsOf, type ConversationLog } from './event-log.ts';
import type { Stats } from './stats-types.ts';
import { bump, summarize, zeros } from './summary.ts';

/**
 * The human side: handovers per queue, how long citizens waited and how the wait ended, the offline form,
 * and how long agents spent per chat (from claim to close, as the server logs it).
 */
export function queueStats(conversations: readonly ConversationLog[]): Stats['queue'] {
  const byQueue: Record<string, number> = {};
  const offlineOffered: Record<string, number> = zeros(OFFLINE_REASONS);
  const waits: number[] = [];
  const abandonedAfter: number[] = [];
  const handling: number[] = [];
  let handoverRequests = 0;
  let sentOffline = 0;
  for (const c of conversations) {
    for (const e of c.events) {
      if (e.type === 'handover_requested') {
        handoverRequests++;
        bump(byQueue, e.p.queue);
      } else if (e.type === 'offline_offered') {
        bump(offlineOffered, e.p.reason);
      } else if (e.type === 'queue_left') {
        if (e.p.outcome === 'assigned') waits.push(e.p.waitedSeconds);
        else if (e.p.outcome === 'abandoned') abandonedAfter.push(e.p.waitedSeconds);
        else sentOffline++;
      } else if (e.type === 'closed' && e.p.state === 'assigned' && e.p.handledSeconds !== undefined) {
        handling.push(e.p.handledSeconds);
      }
    }
  }
  return {
    handoverRequests,
    byQueue,
    assigned: waits.length,
    abandoned: abandonedAfter.length,
    sentOffline,
    offlineOffered,
    waitSeconds: summarize(waits),
    abandonedAfterSeconds: summarize(abandonedAfter),
    handlingSeconds: summarize(handling),
  };
}

/** Offline messages left in the period's conversations and what became of them. */
export function ticketStats(conversations: readonly ConversationLog[]): Stats['tickets'] {
  const created = conversations.flatMap((c) => eventsOf(c, 'ticket_created'));
  const createdIds = new Set(created.map((t) => t.p.ticketId));
  // A ticket is answered once; a repeated log line must not count twice.
  const answered = new Map(
    conversations
      .flatMap((c) => eventsOf(c, 'ticket_answered'))
      .filter((a) => createdIds.has(a.p.ticketId))
      .map((a) => [a.p.ticketId, a] as const),
  );
  const answers = [...answered.values()];
  return {
    created: created.length,
    withEmail: created.filter((t) => t.p.email).length,
    withPhone: created.filter((t) => t.p.phone).length,
    answered: answers.length,
    open: created.length - answers.length,
    answeredBy: {
      email: answers.filter((a) => a.p.channel === 'email').length,
      phone: answers.filter((a) => a.p.channel === 'phone').length,
    },
    secondsToAnswer: summarize(answers.map((a) => a.p.secondsToAnswer)),
  };
}
