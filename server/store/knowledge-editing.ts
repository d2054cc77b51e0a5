import type { Db } from './db.ts';

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
export function knowledgeEditingRepo(db: Db) {
  const answers = db.prepare<[string], { fileId: string; n: number }>(
    `SELECT json_extract(payload, '$.fileId') AS fileId, COUNT(*) AS n FROM events
     WHERE type = 'bot_decision' AND at >= ? AND json_extract(payload, '$.kind') = 'answer'
     GROUP BY fileId`,
  );
  const ratings = db.prepare<[string], { fileId: string; up: number; down: number }>(
    `SELECT json_extract(payload, '$.fileId') AS fileId,
            SUM(json_extract(payload, '$.helpful') = 1) AS up,
            SUM(json_extract(payload, '$.helpful') = 0) AS down
     FROM events
     WHERE type = 'feedback' AND at >= ? AND json_extract(payload, '$.target') = 'bot'
     GROUP BY fileId`,
  );
  const reached = db.prepare<[string, string, number], { text: string }>(
    `SELECT json_extract(payload, '$.redacted') AS text FROM events
     WHERE type = 'bot_decision' AND at >= ? AND json_extract(payload, '$.fileId') = ?
       AND json_extract(payload, '$.choice') = 0
     GROUP BY text ORDER BY MAX(id) DESC LIMIT ?`,
  );
  const insertVersion = db.prepare(
    'INSERT INTO knowledge_versions (path, text, editor, message, at) VALUES (?, ?, ?, ?, ?)',
  );
  const versions = db.prepare<[string], StoredVersion>(
    'SELECT id, path, editor, message, at FROM knowledge_versions WHERE path = ? ORDER BY id DESC',
  );
  const versionText = db.prepare<[number, string], { text: string | null }>(
    'SELECT text FROM knowledge_versions WHERE id = ? AND path = ?',
  );
  const previousText = db.prepare<[string, number], { text: string | null }>(
    'SELECT text FROM knowledge_versions WHERE path = ? AND id < ? ORDER BY id DESC LIMIT 1',
  );

  return {
    /** Answers and 👍/👎 per file id since `since` (ISO). */
    usageSince(since: string): Map<string, FileUse> {
      const out = new Map<string, FileUse>();
      const of = (id: string): FileUse => {
        let u = out.get(id);
        if (!u) out.set(id, (u = { answers: 0, up: 0, down: 0 }));
        return u;
      };
      for (const r of answers.all(since)) if (r.fileId) of(r.fileId).answers = r.n;
      for (const r of ratings.all(since)) {
        if (!r.fileId) continue;
        of(r.fileId).up = r.up;
        of(r.fileId).down = r.down;
      }
      return out;
    },
    /** Distinct redacted questions the bot answered with `fileId` since `since`, newest first. */
    questionsThatReached(fileId: string, since: string, limit: number): string[] {
      return reached
        .all(since, fileId, limit)
        .map((r) => r.text)
        .filter(Boolean);
    },
    /** `text` null: the file was removed (retired) at this version. */
    addVersion(v: {
      path: string;
      text: string | null;
      editor: string;
      message: string;
      at: string;
    }): number {
      return Number(insertVersion.run(v.path, v.text, v.editor, v.message, v.at).lastInsertRowid);
    },
    versions: (path: string): StoredVersion[] => versions.all(path),
    versionText: (path: string, id: number): string | null | undefined => versionText.get(id, path)?.text,
    previousText: (path: string, id: number): string | null | undefined => previousText.get(path, id)?.text,
  };
}
export type KnowledgeEditingRepo = ReturnType<typeof knowledgeEditingRepo>;
