import type { Candidate, KnowledgeFile } from '../../knowledge/index.ts';
import { probability } from './answer-model.ts';
import type { AnswerModel, LogisticPart } from './answer-model.ts';
import { candidateFeatures, MODEL_DEPTH, noneFeatures } from './features.ts';
import type { QueryFacts } from './features.ts';
import { withScope } from './scope-words.ts';

export interface Scored {
  candidate: Candidate;
  /** P(this candidate answers the question). */
  p: number;
  row: number[];
}

export interface Scoring {
  /** Best first by the model: this is the re-ranking. */
  scored: Scored[];
  /** P(no file answers the question). */
  pNone: number;
  noneRow: number[];
}

/** Rows and probabilities ordered best first, and the question-level row built from them. */
export function orderAndNone(
  rows: readonly number[][],
  part: LogisticPart,
  facts: QueryFacts,
): { order: number[]; ps: number[]; noneRow: number[] } {
  const raw = rows.map((row) => probability(part, row));
  const order = raw.map((_, i) => i).sort((a, b) => (raw[b] ?? 0) - (raw[a] ?? 0) || a - b);
  const ps = order.map((i) => raw[i] ?? 0);
  const noneRow = noneFeatures(
    order.map((i) => rows[i] ?? []),
    ps,
    facts,
  );
  return { order, ps, noneRow };
}

export function scoreQuestion(
  candidates: readonly Candidate[],
  facts: QueryFacts,
  fileOf: (id: string) => KnowledgeFile | undefined,
  model: AnswerModel,
): Scoring {
  const rows = candidateFeatures(candidates, facts, fileOf);
  const { order, ps, noneRow } = orderAndNone(rows, model.candidate, withScope(facts, model.scope));
  const scored = order.map((i, k) => ({
    candidate: candidates[i] as Candidate,
    p: ps[k] ?? 0,
    row: rows[i] ?? [],
  }));
  return { scored, pNone: 1 - probability(model.none, noneRow), noneRow };
}

/** The candidates in the model's order, then the rest as retrieval ranked them. */
export function reranked(scored: readonly Scored[], candidates: readonly Candidate[]): Candidate[] {
  const ids = new Set(scored.map((s) => s.candidate.fileId));
  return [
    ...scored.map((s) => s.candidate),
    ...candidates.slice(MODEL_DEPTH).filter((c) => !ids.has(c.fileId)),
  ];
}
