import type { Candidate, KnowledgeFile, Passage, RetrievalMode } from './types.ts';
import type { LexicalHit } from './lexical/lexical-index.ts';

export interface DenseHit {
  fileId: string;
  passageId: string;
  similarity: number;
}

/**
 * How cosine similarities map to confidence. A model's similarities live in its own narrow band (e5 puts
 * unrelated sentences near 0.7), so the band is a setting per model, calibrated with the eval harness.
 */
export interface DenseCalibration {
  floor: number;
  ceiling: number;
}
export const E5_CALIBRATION: DenseCalibration = { floor: 0.78, ceiling: 0.9 };

/**
 * Known bands per model. The fixture model's vectors are seeded random word vectors averaged, so related
 * and unrelated texts sit close together; its band only keeps the plumbing honest, not the ranking.
 */
const CALIBRATIONS: Record<string, DenseCalibration> = {
  'Xenova/multilingual-e5-small': E5_CALIBRATION,
  'svar/tiny-e5': { floor: 0.75, ceiling: 0.95 },
};

export function calibrationFor(modelId: string | undefined): DenseCalibration {
  return (modelId && CALIBRATIONS[modelId]) || E5_CALIBRATION;
}

/** Reciprocal-rank-fusion constant; 60 is the value from the original RRF paper and works without tuning. */
const RRF_K = 60;

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/**
 * Lexical confidence: mostly how much of the question the file covers, tempered by how far its BM25 score is
 * from the best file's, so that the runner-up of a clear winner does not look just as likely.
 */
export function lexicalConfidence(hit: LexicalHit, topScore: number): number {
  const relative = topScore > 0 ? hit.score / topScore : 0;
  return clamp01(Math.sqrt(hit.coverage) * relative);
}

export function denseConfidence(similarity: number, calibration: DenseCalibration): number {
  return clamp01((similarity - calibration.floor) / (calibration.ceiling - calibration.floor));
}

/** Each file's passages by id, built on first use: a guide has many, and every search shows a few. */
const passagesOf = new WeakMap<KnowledgeFile, Map<string, Passage>>();
function passageById(file: KnowledgeFile, id: string | undefined): Passage | undefined {
  if (id === undefined) return undefined;
  let byId = passagesOf.get(file);
  if (!byId) {
    byId = new Map();
    // The first passage with an id wins, as a search from the start would find it.
    for (const p of file.passages) if (!byId.has(p.id)) byId.set(p.id, p);
    passagesOf.set(file, byId);
  }
  return byId.get(id);
}

/** The passage to show: a guide's matched section, or an FAQ's body whatever passage matched. */
function displayPassage(file: KnowledgeFile, passageId: string | undefined): Passage {
  const matched = passageById(file, passageId);
  if (matched && matched.kind === 'body') return matched;
  const body = file.passages.find((p) => p.kind === 'body');
  return body ?? file.passages[0] ?? { id: `${file.id}#0`, fileId: file.id, kind: 'title', text: file.title };
}

export function fuse(input: {
  lexical: LexicalHit[];
  dense: DenseHit[];
  file: (id: string) => KnowledgeFile | undefined;
  mode: RetrievalMode;
  calibration: DenseCalibration;
  limit: number;
}): Candidate[] {
  const topLexical = input.lexical[0]?.score ?? 0;
  const denseBest = new Map<string, { hit: DenseHit; rank: number }>();
  for (const hit of input.dense) {
    if (!denseBest.has(hit.fileId)) denseBest.set(hit.fileId, { hit, rank: denseBest.size + 1 });
  }
  const ids = new Set([...input.lexical.map((h) => h.fileId), ...denseBest.keys()]);
  const ranked: Fused[] = [];
  for (const id of ids) {
    const file = input.file(id);
    if (!file) continue;
    const lexIndex = input.lexical.findIndex((h) => h.fileId === id);
    const lex = lexIndex >= 0 ? input.lexical[lexIndex] : undefined;
    const dense = denseBest.get(id);
    const lexConf = lex ? lexicalConfidence(lex, topLexical) : 0;
    const denseConf = dense ? denseConfidence(dense.hit.similarity, input.calibration) : 0;
    let confidence: number;
    if (input.mode === 'hybrid') {
      // Agreement between the two retrievers is the strongest signal; one alone counts for less.
      confidence = 0.7 * Math.max(lexConf, denseConf) + 0.3 * Math.min(lexConf, denseConf);
    } else {
      confidence = input.mode === 'dense' ? denseConf : lexConf;
    }
    const rrf = (lex ? 1 / (RRF_K + lexIndex + 1) : 0) + (dense ? 1 / (RRF_K + dense.rank) : 0);
    ranked.push({ file, lexIndex, lex, dense, confidence, rrf });
  }
  ranked.sort((a, b) => b.confidence - a.confidence || b.rrf - a.rrf);
  // Candidates and their explanations only for the files returned.
  return ranked.slice(0, input.limit).map(toCandidate);
}

interface Fused {
  file: KnowledgeFile;
  lexIndex: number;
  lex: LexicalHit | undefined;
  dense: { hit: DenseHit; rank: number } | undefined;
  confidence: number;
  rrf: number;
}

function toCandidate({ file, lexIndex, lex, dense, confidence }: Fused): Candidate {
  const why: string[] = [];
  if (lex) {
    why.push(
      `lexical #${lexIndex + 1}: score ${lex.score.toFixed(2)}, covers ${Math.round(lex.coverage * 100)}% of the question (${lex.matchedTerms.slice(0, 6).join(', ')})`,
    );
    if (lex.expansions.length > 0) why.push(`glossary: ${lex.expansions.slice(0, 6).join(', ')}`);
  }
  if (dense) {
    const passage = passageById(file, dense.hit.passageId);
    why.push(
      `dense #${dense.rank}: similarity ${dense.hit.similarity.toFixed(3)} with the ${passage?.kind ?? 'passage'} "${(passage?.text ?? '').slice(0, 60)}"`,
    );
  }
  return {
    fileId: file.id,
    title: file.title,
    lang: file.lang,
    kind: file.kind,
    ...(file.link === undefined ? {} : { link: file.link }),
    ...(file.owner === undefined ? {} : { owner: file.owner }),
    path: file.path,
    confidence,
    ...(lex
      ? {
          lexical: {
            score: lex.score,
            rank: lexIndex + 1,
            coverage: lex.coverage,
            glossary: lex.expansions.length > 0,
          },
        }
      : {}),
    ...(dense ? { dense: { score: dense.hit.similarity, rank: dense.rank } } : {}),
    passage: displayPassage(file, lex?.passageId ?? dense?.hit.passageId),
    why,
  };
}
