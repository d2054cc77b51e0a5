import type { ConversationState } from '../store/conversations.ts';

/**
 * bot → waiting → assigned → closed; waiting → offline (nobody on duty, office closed, waited too long);
 * assigned → waiting (agent gone past the grace period, or transferred to a queue); assigned → assigned
 * (transferred to another agent); offline → waiting (asks again); anything open → closed.
 */
export const ALLOWED: Readonly<Record<ConversationState, readonly ConversationState[]>> = {
  bot: ['waiting', 'closed'],
  // waiting → bot: the citizen left the queue and goes on with the bot (issue 19).
  waiting: ['assigned', 'offline', 'closed', 'bot'],
  assigned: ['waiting', 'assigned', 'closed'],
  offline: ['waiting', 'closed'],
  closed: [],
};

/** Reasons recorded with transitions (handover reasons from the bot are recorded as they are). */
export const TRANSITION_REASONS = {
  claimed: 'claimed',
  agentGone: 'agent_gone',
  transferQueue: 'transfer_queue',
  transferAgent: 'transfer_agent',
  officeClosed: 'office_closed',
  noAgent: 'no_agent',
  waitLimit: 'wait_limit',
  citizenEnded: 'citizen_ended',
  agentClosed: 'agent_closed',
  /** A crisis left offline went back to the top of the queue when someone could take it. */
  crisisRequeued: 'crisis_requeued',
  /** The citizen's page was gone past `limits.visitorGoneCloseSeconds`: a ghost chat, closed. */
  abandoned: 'abandoned',
  /** The citizen left the queue and went back to the bot. */
  citizenLeftQueue: 'citizen_left_queue',
} as const;

export type TransitionPlan = 'apply' | 'noop' | 'invalid';

/** Same transition twice is a no-op; "assigned → assigned" is only a change when the agent changes. */
export function planTransition(
  current: { state: ConversationState; agentId: number | null },
  to: ConversationState,
  agentId?: number | null,
): TransitionPlan {
  if (current.state === to && (to !== 'assigned' || agentId === current.agentId)) return 'noop';
  return ALLOWED[current.state].includes(to) ? 'apply' : 'invalid';
}
