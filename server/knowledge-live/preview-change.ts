import type { Decision } from '../../bot/types.ts';
import type { KnowledgeBase, KnowledgeIssue, KnowledgeSnapshot } from '../../knowledge/index.ts';

export interface AnswerSummary {
  kind: string;
  fileId?: string;
  title?: string;
  confidence?: number;
}

export interface PreviewRow {
  question: string;
  /** 'alternative' questions come from the file; 'citizen' ones reached it in the last 30 days (redacted). */
  source: 'alternative' | 'citizen';
  before: AnswerSummary;
  after: AnswerSummary;
  changed: boolean;
}

export interface ChangePreview {
  rows: PreviewRow[];
  /** Alternative questions of the changed file that another file now matches better. */
  confusable: { question: string; fileId: string; title: string }[];
  issues: KnowledgeIssue[];
  /** Retrieval mode of the live answers; the changed index is lexical (see KnowledgeBase.candidate). */
  liveMode: string;
}

const MAX_QUESTIONS = 40;

/**
 * "How would the bot answer after this change?": asks the file's alternative questions and recent citizen
 * questions that reached it of the live bot and of a bot on a temporary index with the change, side by side.
 */
export async function previewChange<Env>(o: {
  knowledge: KnowledgeBase;
  path: string;
  text: string | null;
  ask(question: string, env: Env | 'live'): Promise<Decision>;
  buildEnv(snapshot: KnowledgeSnapshot): Promise<Env>;
  reachedQuestions(fileId: string): string[] | Promise<string[]>;
}): Promise<ChangePreview> {
  const { snapshot, issues } = await o.knowledge.candidate(o.path, o.text);
  const changedEnv = await o.buildEnv(snapshot);
  const liveFile = o.knowledge.retriever.files().find((f) => f.path === o.path);
  const newFile = snapshot.retriever.files().find((f) => f.path === o.path);
  const questions = new Map<string, PreviewRow['source']>();
  for (const q of [...(newFile?.questions ?? []), ...(liveFile?.questions ?? [])])
    questions.set(q, 'alternative');
  for (const id of new Set([liveFile?.id, newFile?.id])) {
    if (!id) continue;
    for (const q of await o.reachedQuestions(id)) if (!questions.has(q)) questions.set(q, 'citizen');
  }
  const summary = (d: Decision, titleOf: (id: string) => string | undefined): AnswerSummary => {
    const top = d.candidates.find((c) => c.fileId === d.fileId);
    const title = d.fileId ? titleOf(d.fileId) : undefined;
    return {
      kind: d.kind,
      ...(d.fileId ? { fileId: d.fileId } : {}),
      ...(title ? { title } : {}),
      ...(top ? { confidence: Math.round(top.confidence * 100) / 100 } : {}),
    };
  };
  const rows: PreviewRow[] = [];
  for (const [question, source] of [...questions].slice(0, MAX_QUESTIONS)) {
    const before = summary(await o.ask(question, 'live'), (id) => o.knowledge.retriever.file(id)?.title);
    const after = summary(await o.ask(question, changedEnv), (id) => snapshot.retriever.file(id)?.title);
    rows.push({
      question,
      source,
      before,
      after,
      changed: before.kind !== after.kind || before.fileId !== after.fileId,
    });
  }
  const confusable: ChangePreview['confusable'] = [];
  for (const question of newFile?.questions ?? []) {
    const top = (await snapshot.retriever.search(question, { lang: newFile?.lang ?? 'nb', limit: 3 }))
      .candidates[0];
    if (top && top.fileId !== newFile?.id)
      confusable.push({ question, fileId: top.fileId, title: top.title });
  }
  return { rows, confusable, issues, liveMode: o.knowledge.retriever.mode };
}
