import { OFFLINE_REASONS } from '../protocol.ts';
import { eventsOf, type ConversationLog, type EventOf } from './event-log.ts';
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
  return ticketFigures(
    conversations.flatMap((c) => eventsOf(c, 'ticket_created').map((e) => e.p)),
    conversations.flatMap((c) => eventsOf(c, 'ticket_answered').map((e) => e.p)),
  );
}

export type TicketCreated = Pick<EventOf<'ticket_created'>['p'], 'ticketId' | 'email' | 'phone'>;
export type TicketAnswered = Pick<
  EventOf<'ticket_answered'>['p'],
  'ticketId' | 'channel' | 'secondsToAnswer'
>;

/** Ticket figures from the created and answered events, in the order they were logged. */
export function ticketFigures(
  created: readonly TicketCreated[],
  answeredEvents: readonly TicketAnswered[],
): Stats['tickets'] {
  const createdIds = new Set(created.map((t) => t.ticketId));
  // A ticket is answered once; a repeated log line must not count twice.
  const answered = new Map(
    answeredEvents.filter((a) => createdIds.has(a.ticketId)).map((a) => [a.ticketId, a] as const),
  );
  const answers = [...answered.values()];
  return {
    created: created.length,
    withEmail: created.filter((t) => t.email).length,
    withPhone: created.filter((t) => t.phone).length,
    answered: answers.length,
    open: created.length - answers.length,
    answeredBy: {
      email: answers.filter((a) => a.channel === 'email').length,
      phone: answers.filter((a) => a.channel === 'phone').length,
    },
    secondsToAnswer: summarize(answers.map((a) => a.secondsToAnswer)),
  };
}
