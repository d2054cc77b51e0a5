import type { Sql } from './sql.ts';
import type { ConversationState } from './conversations.ts';

export interface Transition {
  conversationId: string;
  from: ConversationState;
  to: ConversationState;
  reason: string;
  /** `citizen`, `system` or `staff:<id>`. */
  actor: string;
  queue: string | null;
  agentId: number | null;
  at: string;
}

export function transitionRepo(db: Sql) {
  return {
    async add(t: Transition): Promise<void> {
      await db.run(
        `INSERT INTO handover_transitions (conversation_id, from_state, to_state, reason, actor, queue, agent_id, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [t.conversationId, t.from, t.to, t.reason, t.actor, t.queue, t.agentId, t.at],
      );
    },
    list: async (conversationId: string): Promise<Transition[]> =>
      (
        await db.all<{
          conversation_id: string;
          from_state: ConversationState;
          to_state: ConversationState;
          reason: string;
          actor: string;
          queue: string | null;
          agent_id: number | null;
          at: string;
        }>('SELECT * FROM handover_transitions WHERE conversation_id = ? ORDER BY id', [conversationId])
      ).map((r) => ({
        conversationId: r.conversation_id,
        from: r.from_state,
        to: r.to_state,
        reason: r.reason,
        actor: r.actor,
        queue: r.queue,
        agentId: r.agent_id,
        at: r.at,
      })),
  };
}

export interface AuditEntry {
  actor: string;
  action: string;
  target: string | null;
  details: Record<string, unknown> | null;
  at: string;
}

export function auditRepo(db: Sql) {
  return {
    async log(e: AuditEntry): Promise<void> {
      await db.run('INSERT INTO audit (actor, action, target, details, at) VALUES (?, ?, ?, ?, ?)', [
        e.actor,
        e.action,
        e.target,
        e.details === null ? null : JSON.stringify(e.details),
        e.at,
      ]);
    },
    recent: async (limit: number): Promise<AuditEntry[]> =>
      (
        await db.all<{
          actor: string;
          action: string;
          target: string | null;
          details: string | null;
          at: string;
        }>('SELECT actor, action, target, details, at FROM audit ORDER BY id DESC LIMIT ?', [limit])
      ).map((r) => ({
        ...r,
        details: r.details === null ? null : (JSON.parse(r.details) as Record<string, unknown>),
      })),
  };
}

export function feedbackRepo(db: Sql) {
  return {
    async add(f: {
      conversationId: string;
      messageId: number | null;
      helpful: boolean;
      comment: string | null;
      at: string;
    }): Promise<void> {
      await db.run(
        'INSERT INTO feedback (conversation_id, message_id, helpful, comment, created_at) VALUES (?, ?, ?, ?, ?)',
        [f.conversationId, f.messageId, f.helpful ? 1 : 0, f.comment, f.at],
      );
    },
  };
}
