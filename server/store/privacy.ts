import type { Sql } from './sql.ts';

export type Row = Record<string, unknown>;

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** What one retention run removed (see server/privacy/retention.ts for the periods). */
export interface RetentionCounts {
  messageTexts: number;
  ticketTexts: number;
  feedbackComments: number;
  closeNotes: number;
  events: number;
  conversations: number;
  tickets: number;
  openTicketsKept: number;
}

/**
 * The SQL behind exports, deletions and retention (server/privacy/). Callers decide what to look for and
 * what to remove; this file only finds and removes rows.
 */
export function privacyRepo(db: Sql) {
  const sqlite = db.dialect === 'sqlite';
  // A later migration's table with a conversation_id column is exported and deleted without anyone
  // remembering to list it: the schema itself says which tables refer to a conversation.
  const tablesSql = sqlite
    ? `SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) p
       WHERE m.type = 'table' AND p.name = 'conversation_id' ORDER BY m.name`
    : `SELECT table_name AS name FROM information_schema.columns
       WHERE table_schema = current_schema() AND column_name = 'conversation_id' ORDER BY table_name`;
  const conversationTables = async (): Promise<string[]> =>
    (await db.all<{ name: string }>(tablesSql)).map((r) => r.name);
  const count = async (sql: string, params: (string | number)[]): Promise<number> =>
    (await db.get<{ n: number }>(sql, params))?.n ?? 0;
  // Rows in the order they were written: SQLite's rowid; in PostgreSQL the id, or the key where there is none.
  const orderOf = async (table: string): Promise<string> => {
    if (sqlite) return 'rowid';
    const hasId = await db.get(
      `SELECT 1 FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = ? AND column_name = 'id'`,
      [table],
    );
    return hasId ? 'id' : '1';
  };
  const latest = (...xs: string[]) => `${sqlite ? 'max' : 'greatest'}(${xs.join(', ')})`;

  return {
    conversationTables,
    /** Every row of `table` that refers to the conversation, in the order written. */
    rowsOf: async (table: string, conversationId: string): Promise<Row[]> =>
      db.all<Row>(
        `SELECT * FROM ${quoteIdent(table)} WHERE conversation_id = ? ORDER BY ${await orderOf(table)}`,
        [conversationId],
      ),
    conversationRow: (id: string): Promise<Row | undefined> =>
      db.get<Row>('SELECT * FROM conversations WHERE id = ?', [id]),
    auditAbout: (target: string): Promise<Row[]> =>
      db.all<Row>('SELECT * FROM audit WHERE target = ? ORDER BY id', [target]),
    /** Offline messages that hold an e-mail address (`email`) or phone number (`phone`). */
    ticketsWith: (column: 'email' | 'phone'): Promise<Row[]> =>
      db.all<Row>(`SELECT * FROM tickets WHERE ${column} IS NOT NULL ORDER BY id`),
    /** Everything written in full (messages, comments, questions, answers, notes), by conversation. */
    writtenTexts: (): Promise<{ conversation_id: string | null; text: string | null }[]> =>
      db.all(
        `SELECT conversation_id, text FROM messages WHERE text IS NOT NULL
         UNION ALL SELECT conversation_id, comment FROM feedback WHERE comment IS NOT NULL
         UNION ALL SELECT conversation_id, question FROM tickets WHERE question IS NOT NULL
         UNION ALL SELECT conversation_id, answer FROM tickets WHERE answer IS NOT NULL
         UNION ALL SELECT id, close_note FROM conversations WHERE close_note IS NOT NULL`,
      ),
    /** Rows per table that refer to the conversation, and the conversation itself. */
    async countConversationRows(id: string): Promise<Record<string, number>> {
      const rows: Record<string, number> = {};
      for (const table of await conversationTables())
        rows[table] = await count(
          `SELECT count(*) AS n FROM ${quoteIdent(table)} WHERE conversation_id = ?`,
          [id],
        );
      rows.conversations = await count('SELECT count(*) AS n FROM conversations WHERE id = ?', [id]);
      return rows;
    },
    /** Deletes the conversation and every row that refers to it; rows deleted by table. */
    async eraseConversation(id: string): Promise<Record<string, number>> {
      const deleted: Record<string, number> = {};
      for (const table of await conversationTables())
        deleted[table] = await db.run(`DELETE FROM ${quoteIdent(table)} WHERE conversation_id = ?`, [id]);
      deleted.conversations = await db.run('DELETE FROM conversations WHERE id = ?', [id]);
      return deleted;
    },
    deleteTicket: (id: number): Promise<number> => db.run('DELETE FROM tickets WHERE id = ?', [id]),
    /**
     * Retention's deletes and clean-ups (call inside a transaction). Whole conversations first, so the text
     * clean-up does not count rows about to go anyway.
     */
    async expire(textCutoff: string, eventCutoff: string): Promise<RetentionCounts> {
      const old = `SELECT c.id FROM conversations c
      WHERE c.state NOT IN ('waiting', 'assigned')
        AND ${latest(
          'c.created_at',
          'c.updated_at',
          "coalesce(c.closed_at, '')",
          "coalesce((SELECT max(m.created_at) FROM messages m WHERE m.conversation_id = c.id), '')",
          `coalesce((SELECT max(coalesce(t.answered_at, t.created_at)) FROM tickets t
                          WHERE t.conversation_id = c.id), '')`,
        )} < ?`;
      const tickets = await db.run(`DELETE FROM tickets WHERE conversation_id IN (${old})`, [eventCutoff]);
      const conversations = await db.run(`DELETE FROM conversations WHERE id IN (${old})`, [eventCutoff]);
      const orphanTickets = await db.run(
        `DELETE FROM tickets WHERE conversation_id IS NULL AND coalesce(answered_at, created_at) < ?`,
        [eventCutoff],
      );
      const events = await db.run('DELETE FROM events WHERE at < ?', [eventCutoff]);
      const messageTexts = await db.run(
        'UPDATE messages SET text = NULL WHERE text IS NOT NULL AND created_at < ?',
        [textCutoff],
      );
      const ticketTexts = await db.run(
        `UPDATE tickets SET question = NULL, answer = NULL, email = NULL, phone = NULL
       WHERE status = 'answered' AND answered_at < ?
         AND (question IS NOT NULL OR answer IS NOT NULL OR email IS NOT NULL OR phone IS NOT NULL)`,
        [textCutoff],
      );
      const feedbackComments = await db.run(
        'UPDATE feedback SET comment = NULL WHERE comment IS NOT NULL AND created_at < ?',
        [textCutoff],
      );
      const closeNotes = await db.run(
        'UPDATE conversations SET close_note = NULL WHERE close_note IS NOT NULL AND closed_at < ?',
        [textCutoff],
      );
      const openTicketsKept = await count(
        `SELECT count(*) AS n FROM tickets WHERE status = 'open' AND created_at < ?
           AND (question IS NOT NULL OR email IS NOT NULL OR phone IS NOT NULL)`,
        [textCutoff],
      );
      return {
        messageTexts,
        ticketTexts,
        feedbackComments,
        closeNotes,
        events,
        conversations,
        tickets: tickets + orphanTickets,
        openTicketsKept,
      };
    },
  };
}
export type PrivacyRepo = ReturnType<typeof privacyRepo>;
