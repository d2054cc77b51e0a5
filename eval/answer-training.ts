import { readFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  candidateFeatures,
  fitAnswerModel,
  fitScopeWords,
  PRIOR_STRENGTH,
  queryFacts,
  searchProbes,
  type AnswerModel,
  scopedProbes,
  scopeScore,
  type Probe,
  type ScopeExample,
} from '../bot/index.ts';
import { openKnowledge } from '../knowledge/index.ts';
import { parseQuestions } from './dataset.ts';

/**
 * Training data for the shipped answer model (bot/answer/answer-model.json): the labelled sets' answer and
 * fallback questions searched over their knowledge (how citizens really ask: typos, everyday words), plus the
 * knowledge's own probes (bot/answer/self-calibration.ts). Follow-ups are left out: their retrieval depends on
 * the conversation.
 */
export async function answerTrainingRecords(
  knowledgeDir: string,
  questionFiles: readonly string[],
): Promise<{ labelled: Probe[]; probes: Probe[] }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'svar-train-answers-'));
  try {
    const knowledge = await openKnowledge({ knowledgeDir: resolve(knowledgeDir), dataDir });
    const retriever = knowledge.retriever;
    const ids = new Set(retriever.files().map((f) => f.id));
    const labelled: Probe[] = [];
    for (const file of questionFiles) {
      const { questions } = parseQuestions(await readFile(resolve(file), 'utf8'), ids);
      for (const q of questions) {
        if (q.context.length > 0 || (q.expect !== 'answer' && q.expect !== 'fallback')) continue;
        const result = await retriever.search(q.text, { lang: q.lang, limit: 20 });
        const facts = queryFacts(q.text, q.lang, result.mode, result.unknownWords);
        const rows = candidateFeatures(result.candidates, facts, (id) => retriever.file(id));
        const right = result.candidates.slice(0, rows.length).findIndex((c) => q.faq.includes(c.fileId));
        labelled.push({
          rows,
          facts,
          right: q.expect === 'answer' ? right : -1,
          weight: 1,
          kind: q.expect === 'answer' ? 'answerable' : 'near-miss',
        });
      }
    }
    return { labelled, probes: await searchProbes(retriever) };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Stable, so the same labelled questions always fall in the same folds. */
function fnv(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
const SCOPE_FOLDS = 5;
const scopeExamples = (records: readonly Probe[]): ScopeExample[] =>
  records.map((r) => ({ words: r.facts.words, outOfScope: r.kind === 'near-miss' }));

type Folder = { label?: string; labelled: readonly Probe[]; probes: readonly Probe[] };

/**
 * Each folder's questions scored by an out-of-scope word model (bot/answer/scope-words.ts) that never saw them:
 * fitted on the other folders' labelled questions (of `scopeFolders`), or, with no other folder, on its own
 * other folds. The answer model then learns how far that score holds on new text, not how well it remembers
 * its own training questions.
 */
export function crossFittedScope(
  folders: readonly Folder[],
  scopeFolders: readonly Folder[] = folders,
): Folder[] {
  return folders.map((f) => {
    const others = scopeFolders.filter((o) => o !== f && (o.label === undefined || o.label !== f.label));
    if (others.length > 0) {
      const scope = fitScopeWords(others.flatMap((o) => scopeExamples(o.labelled)));
      return { labelled: scopedProbes(f.labelled, scope), probes: scopedProbes(f.probes, scope) };
    }
    const foldOf = (r: Probe): number => fnv(r.facts.words.join(' ')) % SCOPE_FOLDS;
    const labelled = f.labelled.map((r) => {
      const scope = fitScopeWords(scopeExamples(f.labelled.filter((o) => foldOf(o) !== foldOf(r))));
      return { ...r, facts: { ...r.facts, scopeScore: scopeScore(scope, r.facts.words) } };
    });
    return { labelled, probes: scopedProbes(f.probes, fitScopeWords(scopeExamples(f.labelled))) };
  });
}

/**
 * How much a probe counts, against a labelled question, in the shipped model's question-level part (P(no file
 * answers)). A near-miss probe is an editor's question whose file was left out: a good stand-in for whether the
 * right file is first, a poor one for how citizens ask about what no file covers (a near-miss probe and its
 * answerable twin have the same words, so nothing in the question can tell them apart). Chosen under leave one
 * municipality out (npm run eval -- --leave-one-out): 1 → 0.25 raised the held-out separation of "no file
 * answers" (AUC) on every folder, 0.1 and 0 gave no more. The probes still move the model to each knowledge
 * (bot/answer/calibrate.ts).
 */
export const PROBE_NONE_WEIGHT = 0.25;

/**
 * The shipped model: fitted on labelled questions and probes together, pooled over one or more knowledge
 * folders, with the out-of-scope words fitted on the labelled questions of `scopeFolders` (by default the same
 * folders; they only generalise when learnt across several municipalities) (the answer model's weights on
 * cross-fitted scores, crossFittedScope). The reference that knowledge-specific calibration is measured against
 * (bot/answer/calibrate.ts) is the mean of the refits on each folder's probes alone: a served knowledge is one
 * folder, so its refit must be compared with one folder's, not with a refit on several folders' probes at once
 * (which moves further from the prior for the sheer number of examples, and would shift every served knowledge
 * the same wrong way).
 */
export function trainShippedAnswerModel(
  folders: readonly Folder[],
  source: string,
  scopeFolders: readonly Folder[] = folders,
): AnswerModel {
  const scope = fitScopeWords(scopeFolders.flatMap((f) => scopeExamples(f.labelled)));
  const fitted = crossFittedScope(folders, scopeFolders);
  const shipped = fitAnswerModel(
    fitted.flatMap((f) => [
      ...f.labelled,
      ...f.probes.map((p) => ({ ...p, noneWeight: p.weight * PROBE_NONE_WEIGHT })),
    ]),
    { l2: 1, source, scope },
  );
  const refits = fitted
    .filter((f) => f.probes.length > 0)
    .map((f) => fitAnswerModel(f.probes, { base: shipped, l2: PRIOR_STRENGTH, source: '' }));
  const mean = (pick: (m: AnswerModel) => number[]): number[] =>
    pick(shipped).map(
      (_, i) => refits.reduce((sum, m) => sum + (pick(m)[i] ?? 0), 0) / Math.max(1, refits.length),
    );
  return {
    ...shipped,
    probeReference: {
      lexical: { candidate: mean((m) => m.candidate.coefficients), none: mean((m) => m.none.coefficients) },
    },
  };
}
