import type { ConversationStateName } from '../protocol.ts';
import type { Db } from './db.ts';

export type ConversationState = ConversationStateName;
export type Priority = 'urgent' | 'normal';

export interface Conversation {
  id: string;
  lang: string;
  state: ConversationState;
  /** Routing hint while with the bot; the queue it waits in or was handled by afterwards. */
  queue: string | null;
  /** Why it was handed over (a HandoverReason), or null. */
  reason: string | null;
  priority: Priority;
  agentId: number | null;
  waitingSince: string | null;
  page: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  contactType: string | null;
  closeNote: string | null;
}

/** Columns a transition may change. */
export type ConversationPatch = Partial<
  Pick<
    Conversation,
    | 'state'
    | 'queue'
    | 'reason'
    | 'priority'
    | 'agentId'
    | 'waitingSince'
    | 'closedAt'
    | 'contactType'
    | 'closeNote'
  >
>;

const COLUMN: Record<keyof ConversationPatch, string> = {
  state: 'state',
  queue: 'queue',
  reason: 'reason',
  priority: 'priority',
  agentId: 'agent_id',
  waitingSince: 'waiting_since',
  closedAt: 'closed_at',
  contactType: 'contact_type',
  closeNote: 'close_note',
};

interface Row {
  id: string;
  lang: string;
  state: ConversationState;
  queue: string | null;
  reason: string | null;
  priority: Priority;
  agent_id: number | null;
  waiting_since: string | null;
  page: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  contact_type: string | null;
  close_note: string | null;
}

const toConversation = (r: Row): Conversation => ({
  id: r.id,
  lang: r.lang,
  state: r.state,
  queue: r.queue,
  reason: r.reason,
  priority: r.priority,
  agentId: r.agent_id,
  waitingSince: r.waiting_since,
  page: r.page,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  closedAt: r.closed_at,
  contactType: r.contact_type,
  closeNote: r.close_note,
});

export function conversationRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO conversations (id, resume_token_hash, lang, state, queue, page, created_at, updated_at)
     VALUES (?, ?, ?, 'bot', ?, ?, ?, ?)`,
  );
  const byId = db.prepare<[string], Row>('SELECT * FROM conversations WHERE id = ?');
  const byToken = db.prepare<[string], Row>('SELECT * FROM conversations WHERE resume_token_hash = ?');
  const byState = db.prepare<[string], Row>(
    'SELECT * FROM conversations WHERE state = ? ORDER BY created_at',
  );
  const unattendedCrises = db.prepare<[], Row>(
    `SELECT * FROM conversations WHERE state = 'offline' AND priority = 'urgent' ORDER BY waiting_since, id`,
  );
  // Crisis first, then first come first served.
  const waitingIn = db.prepare<[string], Row>(
    `SELECT * FROM conversations WHERE state = 'waiting' AND queue = ?
     ORDER BY priority = 'urgent' DESC, waiting_since, id`,
  );
  const waitingAll = db.prepare<[], Row & { preview: string | null }>(
    `SELECT c.*, (SELECT coalesce(m.redacted, m.text) FROM messages m
                  WHERE m.conversation_id = c.id AND m.role = 'citizen' ORDER BY m.id DESC LIMIT 1) AS preview
     FROM conversations c WHERE c.state = 'waiting'
     ORDER BY c.priority = 'urgent' DESC, c.waiting_since, c.id`,
  );
  const assigned = db.prepare<[number], Row>(
    `SELECT * FROM conversations WHERE state = 'assigned' AND agent_id = ? ORDER BY updated_at`,
  );
  const countAssigned = db.prepare<[number], { n: number }>(
    `SELECT count(*) AS n FROM conversations WHERE state = 'assigned' AND agent_id = ?`,
  );
  const waitingCounts = db.prepare<[], { queue: string; n: number }>(
    `SELECT queue, count(*) AS n FROM conversations WHERE state = 'waiting' GROUP BY queue`,
  );
  const setLang = db.prepare('UPDATE conversations SET lang = ?, updated_at = ? WHERE id = ?');
  const patches = new Map<string, ReturnType<Db['prepare']>>();

  return {
    create(c: {
      id: string;
      tokenHash: string;
      lang: string;
      queue: string | null;
      page: string | null;
      at: string;
    }) {
      insert.run(c.id, c.tokenHash, c.lang, c.queue, c.page, c.at, c.at);
    },
    get: (id: string): Conversation | undefined => {
      const r = byId.get(id);
      return r && toConversation(r);
    },
    byTokenHash: (hash: string): Conversation | undefined => {
      const r = byToken.get(hash);
      return r && toConversation(r);
    },
    inState: (state: ConversationState): Conversation[] => byState.all(state).map(toConversation),
    waitingIn: (queue: string): Conversation[] => waitingIn.all(queue).map(toConversation),
    /** Crises that went offline because nobody could take them, oldest first. */
    unattendedCrises: (): Conversation[] => unattendedCrises.all().map(toConversation),
    /** Every waiting conversation in queue order, with the citizen's latest message for staff. */
    waitingWithPreview: (): (Conversation & { preview: string })[] =>
      waitingAll.all().map((r) => ({ ...toConversation(r), preview: r.preview ?? '' })),
    assignedTo: (agentId: number): Conversation[] => assigned.all(agentId).map(toConversation),
    countAssignedTo: (agentId: number): number => countAssigned.get(agentId)?.n ?? 0,
    waitingCounts: (): Record<string, number> =>
      Object.fromEntries(waitingCounts.all().map((r) => [r.queue, r.n])),
    setLang(id: string, lang: string, at: string) {
      setLang.run(lang, at, id);
    },
    /** Applies `patch` only if the conversation is still in `expected` state; returns whether it did. */
    patch(id: string, expected: ConversationState, patch: ConversationPatch, at: string): boolean {
      const keys = (Object.keys(patch) as (keyof ConversationPatch)[]).sort();
      const key = keys.join(',');
      let stmt = patches.get(key);
      if (!stmt) {
        const sets = keys.map((k) => `${COLUMN[k]} = @${k}`).concat('updated_at = @at');
        stmt = db.prepare(`UPDATE conversations SET ${sets.join(', ')} WHERE id = @id AND state = @expected`);
        patches.set(key, stmt);
      }
      return stmt.run({ ...patch, id, expected, at }).changes === 1;
    },
  };
}
export type ConversationRepo = ReturnType<typeof conversationRepo>;
