import type { LearningSignal, LearningVerdict, SignalKind } from '../../bot/index.ts';
import type { Sql } from './sql.ts';

interface SignalRow {
  kind: SignalKind;
  conversation_id: string;
  client: string;
  lang: string;
  question: string;
  file_id: string | null;
  helpful: number | null;
  question_kind: string;
  question_reason: string | null;
  at: string;
}

/**
 * Learning signals and editors' verdicts on the review inbox. Callers pass redacted text only; each method is
 * one statement, so the PostgreSQL store can mirror it one to one.
 */
export function learningRepo(db: Sql) {
  return {
    async addSignal(s: LearningSignal): Promise<void> {
      await db.run(
        `INSERT INTO learning_signals
           (kind, conversation_id, client, lang, question, file_id, helpful, question_kind, question_reason, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          s.kind,
          s.conversationId,
          s.client,
          s.lang,
          s.question,
          s.fileId,
          s.helpful === undefined ? null : s.helpful ? 1 : 0,
          s.questionKind,
          s.questionReason ?? null,
          s.at,
        ],
      );
    },
    signalsSince: async (at: string): Promise<LearningSignal[]> =>
      (
        await db.all<SignalRow>(
          `SELECT kind, conversation_id, client, lang, question, file_id, helpful, question_kind, question_reason, at
           FROM learning_signals WHERE at >= ? ORDER BY id`,
          [at],
        )
      ).map((r) => ({
        kind: r.kind,
        conversationId: r.conversation_id,
        client: r.client,
        lang: r.lang,
        question: r.question,
        fileId: r.file_id,
        ...(r.helpful === null ? {} : { helpful: r.helpful === 1 }),
        questionKind: r.question_kind,
        ...(r.question_reason === null ? {} : { questionReason: r.question_reason }),
        at: r.at,
      })),
    async addVerdict(v: LearningVerdict & { editor: string }): Promise<void> {
      await db.run(
        'INSERT INTO learning_verdicts (item_key, action, reason, editor, at) VALUES (?, ?, ?, ?, ?)',
        [v.key, v.action, v.reason ?? null, v.editor, v.at],
      );
    },
    verdicts: async (): Promise<LearningVerdict[]> =>
      (
        await db.all<{
          item_key: string;
          action: 'approved' | 'dismissed';
          reason: string | null;
          at: string;
        }>('SELECT item_key, action, reason, at FROM learning_verdicts ORDER BY id')
      ).map((r) => ({
        key: r.item_key,
        action: r.action,
        ...(r.reason === null ? {} : { reason: r.reason }),
        at: r.at,
      })),
  };
}
