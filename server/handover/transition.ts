import type { ErrorCode } from '../protocol.ts';
import type { Conversation, ConversationPatch, ConversationState } from '../store/conversations.ts';
import type { Store } from '../store/store.ts';
import { planTransition } from './states.ts';

export type TransitionResult =
  | { status: 'applied'; before: Conversation; after: Conversation }
  | { status: 'noop' | 'invalid'; before: Conversation }
  | { status: 'refused'; code: ErrorCode; before: Conversation }
  | { status: 'not_found' };

/**
 * Moves a conversation to `to` and records why, in one transaction together with whatever `also` writes
 * (events, audit). The state check and the update are one statement, so two callers cannot both win.
 */
export function applyTransition(
  store: Store,
  conversationId: string,
  to: ConversationState,
  o: {
    reason: string;
    actor: string;
    at: string;
    patch?: Omit<ConversationPatch, 'state'>;
    /** Only from these states (anything else is `invalid`). */
    from?: readonly ConversationState[];
    /** A last check inside the transaction; an error code refuses the transition. */
    guard?: (before: Conversation) => ErrorCode | undefined | Promise<ErrorCode | undefined>;
    also?: (before: Conversation, after: Conversation) => void | Promise<void>;
  },
): Promise<TransitionResult> {
  return store.tx(async (): Promise<TransitionResult> => {
    const before = await store.conversations.get(conversationId);
    if (!before) return { status: 'not_found' };
    const plan = planTransition(before, to, o.patch?.agentId);
    if (plan === 'noop') return { status: plan, before };
    if (plan === 'invalid' || (o.from && !o.from.includes(before.state)))
      return { status: 'invalid', before };
    const refusal = await o.guard?.(before);
    if (refusal) return { status: 'refused', code: refusal, before };
    if (!(await store.conversations.patch(conversationId, before.state, { ...o.patch, state: to }, o.at))) {
      return { status: 'invalid', before };
    }
    const after = (await store.conversations.get(conversationId))!;
    await store.transitions.add({
      conversationId,
      from: before.state,
      to,
      reason: o.reason,
      actor: o.actor,
      queue: after.queue,
      agentId: after.agentId,
      at: o.at,
    });
    await o.also?.(before, after);
    return { status: 'applied', before, after };
  });
}
