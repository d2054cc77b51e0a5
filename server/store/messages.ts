import type { Sql } from './sql.ts';

export type MessageRole = 'citizen' | 'bot' | 'agent' | 'system';

export interface StoredMessage {
  id: number;
  conversationId: string;
  clientId: string | null;
  role: MessageRole;
  /** Raw text; null after the retention period removed it. */
  text: string | null;
  redacted: string;
  /** Role-specific extras (bot reply fields, agent first name) as parsed JSON. */
  meta: Record<string, unknown> | null;
  staffId: number | null;
  createdAt: string;
}

export interface NewMessage {
  conversationId: string;
  clientId?: string | undefined;
  role: MessageRole;
  text: string;
  redacted: string;
  meta?: Record<string, unknown> | undefined;
  staffId?: number | undefined;
  at: string;
}

interface Row {
  id: number;
  conversation_id: string;
  client_id: string | null;
  role: MessageRole;
  text: string | null;
  redacted: string;
  meta: string | null;
  staff_id: number | null;
  created_at: string;
}

const toMessage = (r: Row): StoredMessage => ({
  id: r.id,
  conversationId: r.conversation_id,
  clientId: r.client_id,
  role: r.role,
  text: r.text,
  redacted: r.redacted,
  meta: r.meta === null ? null : (JSON.parse(r.meta) as Record<string, unknown>),
  staffId: r.staff_id,
  createdAt: r.created_at,
});

export function messageRepo(db: Sql) {
  return {
    /**
     * Stores a message once per client id: a resend returns the stored row with `duplicate: true`, so the
     * caller can acknowledge it again without acting on it twice.
     */
    async append(m: NewMessage): Promise<{ message: StoredMessage; duplicate: boolean }> {
      const row = await db.get<Row>(
        `INSERT INTO messages (conversation_id, client_id, role, text, redacted, meta, staff_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (conversation_id, client_id) DO NOTHING
         RETURNING *`,
        [
          m.conversationId,
          m.clientId ?? null,
          m.role,
          m.text,
          m.redacted,
          m.meta === undefined ? null : JSON.stringify(m.meta),
          m.staffId ?? null,
          m.at,
        ],
      );
      if (row) return { message: toMessage(row), duplicate: false };
      const existing = await db.get<Row>(
        'SELECT * FROM messages WHERE conversation_id = ? AND client_id = ?',
        [m.conversationId, m.clientId ?? ''],
      );
      if (!existing) throw new Error('message insert returned nothing');
      return { message: toMessage(existing), duplicate: true };
    },
    /** The message stored under this client id, if any (a resend). */
    byClientId: async (conversationId: string, clientId: string): Promise<StoredMessage | undefined> => {
      const r = await db.get<Row>('SELECT * FROM messages WHERE conversation_id = ? AND client_id = ?', [
        conversationId,
        clientId,
      ]);
      return r && toMessage(r);
    },
    get: async (id: number): Promise<StoredMessage | undefined> => {
      const r = await db.get<Row>('SELECT * FROM messages WHERE id = ?', [id]);
      return r && toMessage(r);
    },
    list: async (conversationId: string): Promise<StoredMessage[]> =>
      (
        await db.all<Row>('SELECT * FROM messages WHERE conversation_id = ? ORDER BY id', [conversationId])
      ).map(toMessage),
    recent: async (conversationId: string, limit: number): Promise<StoredMessage[]> =>
      (
        await db.all<Row>(
          `SELECT * FROM (SELECT * FROM messages WHERE conversation_id = ? ORDER BY id DESC LIMIT ?) AS r
           ORDER BY id`,
          [conversationId, limit],
        )
      ).map(toMessage),
  };
}
export type MessageRepo = ReturnType<typeof messageRepo>;
