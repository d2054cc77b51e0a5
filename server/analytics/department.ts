import { eventsOf, type ConversationLog } from './event-log.ts';

/**
 * The department (queue) a conversation belongs to in statistics: the queue its first handover went to, or
 * else the queue the page it started on pointed at; '' for a conversation that never came near one.
 */
export function departmentOf(c: ConversationLog): string {
  const handover = eventsOf(c, 'handover_requested')[0];
  if (handover) return handover.p.queue;
  return eventsOf(c, 'conversation_started')[0]?.p.queue ?? '';
}
