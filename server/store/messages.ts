import type { Db } from './db.ts';

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

export function messageRepo(db: Db) {
  const insert = db.prepare<unknown[], Row>(
    `INSERT INTO messages (conversation_id, client_id, role, text, redacted, meta, staff_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (conversation_id, client_id) DO NOTHING
     RETURNING *`,
  );
  const byClientId = db.prepare<[string, string], Row>(
    'SELECT * FROM messages WHERE conversation_id = ? AND client_id = ?',
  );
  const byId = db.prepare<[number], Row>('SELECT * FROM messages WHERE id = ?');
  const all = db.prepare<[string], Row>('SELECT * FROM messages WHERE conversation_id = ? ORDER BY id');
  const recent = db.prepare<[string, number], Row>(
    'SELECT * FROM (SELECT * FROM messages WHERE conversation_id = ? ORDER BY id DESC LIMIT ?) ORDER BY id',
  );

  return {
    /**
     * Stores a message once per client id: a resend returns the stored row with `duplicate: true`, so the
     * caller can acknowledge it again without acting on it twice.
     */
    append(m: NewMessage): { message: StoredMessage; duplicate: boolean } {
      const row = insert.get(
        m.conversationId,
        m.clientId ?? null,
        m.role,
        m.text,
        m.redacted,
        m.meta === undefined ? null : JSON.stringify(m.meta),
        m.staffId ?? null,
        m.at,
      );
      if (row) return { message: toMessage(row), duplicate: false };
      const existing = byClientId.get(m.conversationId, m.clientId ?? '');
      if (!existing) throw new Error('message insert returned nothing');
      return { message: toMessage(existing), duplicate: true };
    },
    get: (id: number): StoredMessage | undefined => {
      const r = byId.get(id);
      return r && toMessage(r);
    },
    list: (conversationId: string): StoredMessage[] => all.all(conversationId).map(toMessage),
    recent: (conversationId: string, limit: number): StoredMessage[] =>
      recent.all(conversationId, limit).map(toMessage),
  };
}
export type MessageRepo = ReturnType<typeof messageRepo>;
