import type { Db } from './db.ts';
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

export function transitionRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO handover_transitions (conversation_id, from_state, to_state, reason, actor, queue, agent_id, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const list = db.prepare<
    [string],
    {
      conversation_id: string;
      from_state: ConversationState;
      to_state: ConversationState;
      reason: string;
      actor: string;
      queue: string | null;
      agent_id: number | null;
      at: string;
    }
  >('SELECT * FROM handover_transitions WHERE conversation_id = ? ORDER BY id');
  return {
    add(t: Transition): void {
      insert.run(t.conversationId, t.from, t.to, t.reason, t.actor, t.queue, t.agentId, t.at);
    },
    list: (conversationId: string): Transition[] =>
      list.all(conversationId).map((r) => ({
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

export function auditRepo(db: Db) {
  const insert = db.prepare('INSERT INTO audit (actor, action, target, details, at) VALUES (?, ?, ?, ?, ?)');
  const recent = db.prepare<
    [number],
    { actor: string; action: string; target: string | null; details: string | null; at: string }
  >('SELECT * FROM audit ORDER BY id DESC LIMIT ?');
  return {
    log(e: AuditEntry): void {
      insert.run(e.actor, e.action, e.target, e.details === null ? null : JSON.stringify(e.details), e.at);
    },
    recent: (limit: number): AuditEntry[] =>
      recent.all(limit).map((r) => ({
        ...r,
        details: r.details === null ? null : (JSON.parse(r.details) as Record<string, unknown>),
      })),
  };
}

export function feedbackRepo(db: Db) {
  const insert = db.prepare(
    'INSERT INTO feedback (conversation_id, message_id, helpful, comment, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  return {
    add(f: {
      conversationId: string;
      messageId: number | null;
      helpful: boolean;
      comment: string | null;
      at: string;
    }) {
      insert.run(f.conversationId, f.messageId, f.helpful ? 1 : 0, f.comment, f.at);
    },
  };
}
