import type { Sql } from './sql.ts';

export interface FileUse {
  answers: number;
  up: number;
  down: number;
}

export interface StoredVersion {
  id: number;
  path: string;
  editor: string;
  message: string;
  at: string;
}

/**
 * What the editor console reads and writes in the database: how often each knowledge file answered and was
 * rated, the citizen questions that reached a file (redacted, from the interaction log), and the versions of
 * knowledge files where the knowledge folder is not a git repository.
 */
/** A field of an event's JSON payload, and JSON true/false, in each dialect. */
function jsonSql(db: Sql) {
  return db.dialect === 'sqlite'
    ? { field: (f: string) => `json_extract(payload, '$.${f}')`, yes: '1', no: '0' }
    : { field: (f: string) => `(payload::jsonb ->> '${f}')`, yes: "'true'", no: "'false'" };
}

export function knowledgeEditingRepo(db: Sql) {
  const j = jsonSql(db);
  const answers = `SELECT ${j.field('fileId')} AS "fileId", COUNT(*) AS n FROM events
     WHERE type = 'bot_decision' AND at >= ? AND ${j.field('kind')} = 'answer'
     GROUP BY 1`;
  const ratings = `SELECT ${j.field('fileId')} AS "fileId",
            SUM(CASE WHEN ${j.field('helpful')} = ${j.yes} THEN 1 ELSE 0 END) AS up,
            SUM(CASE WHEN ${j.field('helpful')} = ${j.no} THEN 1 ELSE 0 END) AS down
     FROM events
     WHERE type = 'feedback' AND at >= ? AND ${j.field('target')} = 'bot'
     GROUP BY 1`;
  const reached = `SELECT ${j.field('redacted')} AS text FROM events
     WHERE type = 'bot_decision' AND at >= ? AND ${j.field('fileId')} = ?
       AND ${j.field('choice')} = ${j.no}
     GROUP BY 1 ORDER BY MAX(id) DESC LIMIT ?`;
  // Questions that differ only in case, surrounding spaces or end punctuation count as one.
  const unanswered = `SELECT MAX(${j.field('redacted')}) AS text, COUNT(*) AS count, MAX(at) AS "lastAt"
    FROM events
    WHERE type = 'bot_decision' AND ${j.field('unanswered')} = ${j.yes}
    GROUP BY lower(${db.dialect === 'sqlite' ? 'trim' : 'btrim'}(${j.field('redacted')}, ' ?!.'))
    ORDER BY count DESC, "lastAt" DESC
    LIMIT ?`;

  return {
    /** Answers and 👍/👎 per file id since `since` (ISO). */
    async usageSince(since: string): Promise<Map<string, FileUse>> {
      const out = new Map<string, FileUse>();
      const of = (id: string): FileUse => {
        let u = out.get(id);
        if (!u) out.set(id, (u = { answers: 0, up: 0, down: 0 }));
        return u;
      };
      for (const r of await db.all<{ fileId: string; n: number }>(answers, [since]))
        if (r.fileId) of(r.fileId).answers = r.n;
      for (const r of await db.all<{ fileId: string; up: number; down: number }>(ratings, [since])) {
        if (!r.fileId) continue;
        of(r.fileId).up = r.up;
        of(r.fileId).down = r.down;
      }
      return out;
    },
    /** Distinct redacted questions the bot answered with `fileId` since `since`, newest first. */
    async questionsThatReached(fileId: string, since: string, limit: number): Promise<string[]> {
      return (await db.all<{ text: string }>(reached, [since, fileId, limit]))
        .map((r) => r.text)
        .filter(Boolean);
    },
    /** Questions the bot could not answer (redacted, as logged), most frequent first. */
    unanswered: (limit: number): Promise<{ text: string; count: number; lastAt: string }[]> =>
      db.all(unanswered, [limit]),
    /** `text` null: the file was removed (retired) at this version. */
    async addVersion(v: {
      path: string;
      text: string | null;
      editor: string;
      message: string;
      at: string;
    }): Promise<number> {
      const r = await db.get<{ id: number }>(
        'INSERT INTO knowledge_versions (path, text, editor, message, at) VALUES (?, ?, ?, ?, ?) RETURNING id',
        [v.path, v.text, v.editor, v.message, v.at],
      );
      return Number(r?.id);
    },
    versions: (path: string): Promise<StoredVersion[]> =>
      db.all<StoredVersion>(
        'SELECT id, path, editor, message, at FROM knowledge_versions WHERE path = ? ORDER BY id DESC',
        [path],
      ),
    versionText: async (path: string, id: number): Promise<string | null | undefined> =>
      (
        await db.get<{ text: string | null }>(
          'SELECT text FROM knowledge_versions WHERE id = ? AND path = ?',
          [id, path],
        )
      )?.text,
    previousText: async (path: string, id: number): Promise<string | null | undefined> =>
      (
        await db.get<{ text: string | null }>(
          'SELECT text FROM knowledge_versions WHERE path = ? AND id < ? ORDER BY id DESC LIMIT 1',
          [path, id],
        )
      )?.text,
  };
}
export type KnowledgeEditingRepo = ReturnType<typeof knowledgeEditingRepo>;
