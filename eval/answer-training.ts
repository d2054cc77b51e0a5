import { readFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  candidateFeatures,
  fitAnswerModel,
  PRIOR_STRENGTH,
  queryFacts,
  searchProbes,
  type AnswerModel,
  type Probe,
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

/**
 * The shipped model: fitted on labelled questions and probes together, pooled over one or more knowledge
 * folders. The reference that knowledge-specific calibration is measured against (bot/answer/calibrate.ts) is
 * the mean of the refits on each folder's probes alone: a served knowledge is one folder, so its refit must be
 * compared with one folder's, not with a refit on several folders' probes at once (which moves further from the
 * prior for the sheer number of examples, and would shift every served knowledge the same wrong way).
 */
export function trainShippedAnswerModel(
  folders: readonly { labelled: readonly Probe[]; probes: readonly Probe[] }[],
  source: string,
): AnswerModel {
  const shipped = fitAnswerModel(
    folders.flatMap((f) => [...f.labelled, ...f.probes]),
    { l2: 1, source },
  );
  const refits = folders
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
