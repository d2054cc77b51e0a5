import type { Candidate, Lang, RetrievalMode, Retriever } from '../../knowledge/index.ts';
import type { Thresholds } from '../policy/thresholds.ts';

/** Deep enough that a follow-up can find a file's score in each of its three searches. */
const SEARCH_LIMIT = 20;
const f2 = (x: number): string => x.toFixed(2);
/** Confidences are sums of floats; 0.1 must count as ≥ 0.1 even when it is 0.09999999999999998. */
const EPS = 1e-9;

export interface Search {
  candidates: Candidate[];
  mode: RetrievalMode;
  /** The question's words the knowledge never uses (see RetrievalResult.unknownWords). */
  unknownWords: string[];
  why: string[];
  failed: boolean;
}

/** Retrieval never takes the bot down: a failing search is reported and treated as "nothing found". */
export async function search(retriever: Retriever, query: string, lang: Lang): Promise<Search> {
  if (!query.trim())
    return {
      candidates: [],
      mode: retriever.mode,
      unknownWords: [],
      why: ['retrieval: nothing left to search for'],
      failed: false,
    };
  try {
    const result = await retriever.search(query, { lang, limit: SEARCH_LIMIT });
    return {
      candidates: result.candidates,
      mode: result.mode,
      unknownWords: result.unknownWords,
      why: [],
      failed: false,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      candidates: [],
      mode: retriever.mode,
      unknownWords: [],
      why: [`retrieval failed: ${message}`],
      failed: true,
    };
  }
}

/**
 * Of two near-equal translations the citizen should get their own language: a candidate in another language
 * is pushed down by `penalty` (half for Bokmål vs Nynorsk), but only when a candidate in the message's
 * language is within that distance of it. Without such a rival nothing moves, so a question in English over
 * a mostly Norwegian knowledge base is judged on the same scale as one in Norwegian.
 */
export function preferLanguage(candidates: readonly Candidate[], lang: Lang, penalty: number): Candidate[] {
  if (penalty <= 0) return [...candidates];
  const norwegian = (l: Lang): boolean => l === 'nb' || l === 'nn';
  const own = candidates.filter((c) => c.lang === lang).map((c) => c.confidence);
  return candidates
    .map((c) => {
      if (c.lang === lang) return c;
      const p = norwegian(c.lang) && norwegian(lang) ? penalty / 2 : penalty;
      if (!own.some((o) => o >= c.confidence - p)) return c;
      return {
        ...c,
        confidence: Math.max(0, c.confidence - p),
        why: [...c.why, `language ${c.lang} ≠ ${lang}: -${p}`],
      };
    })
    .sort((a, b) => b.confidence - a.confidence);
}

export type Judgement =
  | { kind: 'answer'; top: Candidate; why: string }
  | { kind: 'clarify'; options: Candidate[]; why: string }
  | { kind: 'none'; why: string };

/** The candidates worth offering beside `top`: confident enough and within the clarify band of it. */
function closeTo(top: Candidate, candidates: readonly Candidate[], t: Thresholds): Candidate[] {
  return candidates
    .filter((c) => c.confidence >= t.clarifyMin - EPS && top.confidence - c.confidence <= t.clarifyBand + EPS)
    .slice(0, t.clarifyMax);
}

/** Answer a clear winner, offer the close ones, or admit there is nothing. */
export function judge(
  candidates: readonly Candidate[],
  t: Thresholds,
  answerMinName = 'answerMin',
): Judgement {
  const [top, second] = candidates;
  if (!top) return { kind: 'none', why: 'no candidates' };
  const margin = top.confidence - (second?.confidence ?? 0);
  const topText = `top "${top.fileId}" ${f2(top.confidence)}`;
  if (top.confidence >= t.answerMin - EPS && margin >= t.marginMin - EPS) {
    return {
      kind: 'answer',
      top,
      why: `answer: ${topText} ≥ ${answerMinName} ${f2(t.answerMin)}, margin ${f2(margin)} ≥ marginMin ${f2(t.marginMin)}`,
    };
  }
  const options = closeTo(top, candidates, t);
  if (options.length >= t.clarifyMinOptions) {
    return {
      kind: 'clarify',
      options,
      why: `clarify: ${options.length} candidates ≥ clarifyMin ${f2(t.clarifyMin)} within clarifyBand ${f2(t.clarifyBand)} of ${topText}${top.confidence >= t.answerMin ? `, margin ${f2(margin)} < marginMin ${f2(t.marginMin)}` : `, below ${answerMinName} ${f2(t.answerMin)}`}`,
    };
  }
  if (top.confidence >= t.answerMin - EPS) {
    return {
      kind: 'answer',
      top,
      why: `answer: ${topText} ≥ ${answerMinName} ${f2(t.answerMin)}, no close runner-up`,
    };
  }
  // A middling match with nothing near it is offered as one suggestion ("did you mean …?") rather than
  // given as an answer or dropped: the citizen confirms with one click, or asks for a person.
  if (top.confidence >= t.suggestAloneMin - EPS) {
    return {
      kind: 'clarify',
      options: [top],
      why: `clarify: only ${topText} ≥ suggestAloneMin ${f2(t.suggestAloneMin)}, below ${answerMinName} ${f2(t.answerMin)}`,
    };
  }
  return {
    kind: 'none',
    why: `no match: ${topText} < ${answerMinName} ${f2(t.answerMin)} and fewer than ${t.clarifyMinOptions} close candidates ≥ clarifyMin ${f2(t.clarifyMin)}`,
  };
}

/**
 * Lexical mode only: a question with a word the knowledge never uses ("hund", "kommunalvalg", "street
 * light") is often about something the knowledge does not cover, however well its other words match. Such
 * an answer, unless very confident, becomes suggestions, so the citizen chooses instead of being told
 * something beside the point. (An embedding model knows words the files do not contain, so hybrid and dense
 * answers are left alone.)
 */
export function withoutUnknownWordAnswer(
  judgement: Judgement,
  candidates: readonly Candidate[],
  search: Pick<Search, 'mode' | 'unknownWords'>,
  t: Thresholds,
): Judgement {
  if (judgement.kind !== 'answer' || search.mode !== 'lexical' || search.unknownWords.length === 0) {
    return judgement;
  }
  if (judgement.top.confidence >= t.unknownWordAnswerMin - EPS) return judgement;
  const { top } = judgement;
  const options = closeTo(top, candidates, t);
  return {
    kind: 'clarify',
    options: options.length > 0 ? options : [top],
    why: `clarify instead of answer: the knowledge never uses ${search.unknownWords.map((w) => `"${w}"`).join(', ')} and ${f2(top.confidence)} < unknownWordAnswerMin ${f2(t.unknownWordAnswerMin)}`,
  };
}
