import type { ConversationStateName } from '../protocol.ts';
import type { Param, Sql } from './sql.ts';

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

/** Advisory-lock class for per-agent chat counts (PostgreSQL). */
const AGENT_LOCK = 0x5a7a;
/** Advisory lock for admitting a chat to the waiting list against its total bound (PostgreSQL). */
const WAITING_LOCK = 0x5a7b;

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

export function conversationRepo(db: Sql) {
  const one = async (sql: string, params: Param[]): Promise<Conversation | undefined> => {
    const r = await db.get<Row>(sql, params);
    return r && toConversation(r);
  };
  const many = async (sql: string, params: Param[] = []): Promise<Conversation[]> =>
    (await db.all<Row>(sql, params)).map(toConversation);
  const countAssigned = async (agentId: number): Promise<number> =>
    (
      await db.get<{ n: number }>(
        `SELECT count(*) AS n FROM conversations WHERE state = 'assigned' AND agent_id = ?`,
        [agentId],
      )
    )?.n ?? 0;

  return {
    async create(c: {
      id: string;
      tokenHash: string;
      lang: string;
      queue: string | null;
      page: string | null;
      at: string;
    }): Promise<void> {
      await db.run(
        `INSERT INTO conversations (id, resume_token_hash, lang, state, queue, page, created_at, updated_at)
         VALUES (?, ?, ?, 'bot', ?, ?, ?, ?)`,
        [c.id, c.tokenHash, c.lang, c.queue, c.page, c.at, c.at],
      );
    },
    get: (id: string) => one('SELECT * FROM conversations WHERE id = ?', [id]),
    byTokenHash: (hash: string) => one('SELECT * FROM conversations WHERE resume_token_hash = ?', [hash]),
    inState: (state: ConversationState) =>
      many('SELECT * FROM conversations WHERE state = ? ORDER BY created_at', [state]),
    // Crisis first, then first come first served.
    waitingIn: (queue: string) =>
      many(
        `SELECT * FROM conversations WHERE state = 'waiting' AND queue = ?
         ORDER BY priority = 'urgent' DESC, waiting_since, id`,
        [queue],
      ),
    /** Crises that went offline because nobody could take them, oldest first. */
    unattendedCrises: () =>
      many(
        `SELECT * FROM conversations WHERE state = 'offline' AND priority = 'urgent' ORDER BY waiting_since, id`,
      ),
    /** Every waiting conversation in queue order, with the citizen's latest message for staff. */
    waitingWithPreview: async (): Promise<(Conversation & { preview: string })[]> =>
      (
        await db.all<Row & { preview: string | null }>(
          `SELECT c.*, (SELECT coalesce(m.redacted, m.text) FROM messages m
                        WHERE m.conversation_id = c.id AND m.role = 'citizen' ORDER BY m.id DESC LIMIT 1) AS preview
           FROM conversations c WHERE c.state = 'waiting'
           ORDER BY c.priority = 'urgent' DESC, c.waiting_since, c.id`,
        )
      ).map((r) => ({ ...toConversation(r), preview: r.preview ?? '' })),
    assignedTo: (agentId: number) =>
      many(`SELECT * FROM conversations WHERE state = 'assigned' AND agent_id = ? ORDER BY updated_at`, [
        agentId,
      ]),
    countAssignedTo: countAssigned,
    /**
     * Inside a transaction, before counting an agent's chats to decide on one more: makes concurrent claims
     * for the same agent take turns until commit, so the chat limit holds across nodes. SQLite's write
     * transactions already take turns (BEGIN IMMEDIATE), so only PostgreSQL needs the advisory lock.
     */
    async lockAgent(agentId: number): Promise<void> {
      if (db.dialect === 'postgres')
        await db.get('SELECT pg_advisory_xact_lock(?, ?)', [AGENT_LOCK, agentId]);
    },
    /**
     * Inside a transaction, before counting the waiting list to admit one more: nodes admitting at once take
     * turns until commit, so the total bound holds across nodes (SQLite's writers take turns already).
     */
    async lockWaiting(): Promise<void> {
      if (db.dialect === 'postgres') await db.get('SELECT pg_advisory_xact_lock(?, ?)', [WAITING_LOCK, 0]);
    },
    waitingCounts: async (): Promise<Record<string, number>> =>
      Object.fromEntries(
        (
          await db.all<{ queue: string; n: number }>(
            `SELECT queue, count(*) AS n FROM conversations WHERE state = 'waiting' GROUP BY queue`,
          )
        ).map((r) => [r.queue, r.n]),
      ),
    async setLang(id: string, lang: string, at: string): Promise<void> {
      await db.run('UPDATE conversations SET lang = ?, updated_at = ? WHERE id = ?', [lang, at, id]);
    },
    /**
     * Applies `patch` only if the conversation is still in `expected` state; returns whether it did. One
     * statement: of two callers racing from the same state, exactly one wins (in PostgreSQL the second waits
     * for the first's row lock and then finds the state changed).
     */
    async patch(
      id: string,
      expected: ConversationState,
      patch: ConversationPatch,
      at: string,
    ): Promise<boolean> {
      const keys = (Object.keys(patch) as (keyof ConversationPatch)[]).sort();
      const sets = keys.map((k) => `${COLUMN[k]} = ?`).concat('updated_at = ?');
      const values = keys.map((k) => patch[k] ?? null);
      return (
        (await db.run(`UPDATE conversations SET ${sets.join(', ')} WHERE id = ? AND state = ?`, [
          ...values,
          at,
          id,
          expected,
        ])) === 1
      );
    },
  };
}
export type ConversationRepo = ReturnType<typeof conversationRepo>;
