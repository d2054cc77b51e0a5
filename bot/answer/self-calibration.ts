import type { Candidate, KnowledgeFile, Lang, LeaveOut, Retriever } from '../../knowledge/index.ts';
import { candidateFeatures, queryFacts } from './features.ts';
import type { QueryFacts } from './features.ts';

/**
 * Training questions the knowledge gives of itself (issue 14):
 * - each alternative question, searched with that question left out of the index: the file it belongs to
 *   should answer it (a positive);
 * - the same question with its whole file left out: the realistic near miss, where no file answers;
 * - where a file has no questions, its title and its guide headings, in the same two ways.
 * Leave-one-out is done in folds, not per question: fold k leaves out every question (or file) assigned to k,
 * so the whole knowledge is searched 2 × FOLDS times over instead of once per question.
 */
export const FOLDS = 2;
/**
 * At most this many questions are probed (each twice): enough to fit the model's few weights, and it keeps a
 * rebuild of a large knowledge base to a few seconds. Which ones is fixed by a hash, so it is deterministic.
 */
export const MAX_PROBE_QUESTIONS = 150;
/** Headings and titles say less about how citizens ask than editors' alternative questions do. */
const TITLE_WEIGHT = 0.5;

export interface ProbeQuestion {
  text: string;
  fileId: string;
  lang: Lang;
  /** Index in the file's questions; absent for titles and headings. */
  questionIndex?: number;
  weight: number;
}

/**
 * One searched question, a probe or a labelled one: its candidates' feature rows, which of them is right
 * (-1: none is) and whether any file in the knowledge answers it.
 */
export interface Probe {
  rows: number[][];
  facts: QueryFacts;
  right: number;
  weight: number;
  /** Its weight in the question-level part (P(no file answers)), when not `weight`. */
  noneWeight?: number;
  /** 'answerable': a file answers it (for a probe: its own file was in the index); 'near-miss': none does. */
  kind: 'answerable' | 'near-miss';
}

export function probeQuestions(files: readonly KnowledgeFile[]): ProbeQuestion[] {
  const out: ProbeQuestion[] = [];
  for (const file of files) {
    file.questions.forEach((text, questionIndex) =>
      out.push({ text, fileId: file.id, lang: file.lang, questionIndex, weight: 1 }),
    );
    if (file.questions.length > 0) continue;
    out.push({ text: file.title, fileId: file.id, lang: file.lang, weight: TITLE_WEIGHT });
    const headings = new Set(file.passages.flatMap((p) => (p.heading ? [p.heading] : [])));
    for (const heading of headings) {
      out.push({ text: heading, fileId: file.id, lang: file.lang, weight: TITLE_WEIGHT });
    }
  }
  return out;
}

/** FNV-1a: a stable hash, so the same knowledge always gives the same folds and the same probes. */
function hash(text: string, salt: number): number {
  let h = 2166136261 ^ salt;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
const foldOf = (text: string, salt: number): number => hash(text, salt) % FOLDS;

/**
 * Searches every probe twice (its question left out; its file left out) and returns the feature rows. Needs
 * `retriever.leaveOut`; returns no probes without it.
 */
export async function searchProbes(retriever: Retriever): Promise<Probe[]> {
  const leaveOut = retriever.leaveOut?.bind(retriever);
  if (!leaveOut) return [];
  const files = retriever.files();
  const questions = probeQuestions(files)
    .map((q) => ({ q, h: hash(`${q.fileId}#${q.questionIndex ?? q.text}`, 1) }))
    .sort((a, b) => a.h - b.h)
    .slice(0, MAX_PROBE_QUESTIONS)
    .map(({ q }) => q);
  const probes: Probe[] = [];
  const run = async (members: ProbeQuestion[], parts: LeaveOut, kind: Probe['kind']): Promise<void> => {
    if (members.length === 0) return;
    const view = leaveOut(parts);
    for (const q of members) {
      const result = await view.search(q.text, { lang: q.lang, limit: 20 });
      const candidates: Candidate[] = result.candidates;
      const facts = queryFacts(q.text, q.lang, result.mode, result.unknownWords);
      const rows = candidateFeatures(candidates, facts, (id) => retriever.file(id));
      const right =
        kind === 'answerable' ? candidates.slice(0, rows.length).findIndex((c) => c.fileId === q.fileId) : -1;
      probes.push({ rows, facts, right, weight: q.weight, kind });
    }
  };
  for (let fold = 0; fold < FOLDS; fold += 1) {
    const asked = questions.filter((q) => foldOf(q.fileId, q.questionIndex ?? 0) === fold);
    await run(
      asked,
      {
        files: [],
        questions: asked.flatMap((q) =>
          q.questionIndex === undefined ? [] : [{ fileId: q.fileId, index: q.questionIndex }],
        ),
      },
      'answerable',
    );
    // Files with the same self-service link are one service (often one file per language): a near miss
    // leaves them out together, or the sibling would answer what is labelled as answered by nothing.
    const goneFiles = files.filter((f) => foldOf(f.link ?? f.id, 7919) === fold).map((f) => f.id);
    const gone = new Set(goneFiles);
    await run(
      questions.filter((q) => gone.has(q.fileId)),
      { files: goneFiles, questions: [] },
      'near-miss',
    );
  }
  return probes;
}
