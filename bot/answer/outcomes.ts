import type { Candidate, Lang } from '../../knowledge/index.ts';
import { strongestReasons } from './answer-model.ts';
import type { AnswerModel } from './answer-model.ts';
import { FEATURE_NAMES } from './features.ts';
import type { QueryFacts } from './features.ts';
import type { Scored, Scoring } from './scoring.ts';
import type { OperatingPoints } from './operating-points.ts';
import { opposesQuestion } from './opposite-actions.ts';
import { fold, rawWords } from '../text/normalize.ts';

/**
 * The three honest outcomes (issue 14), from the answer model's probabilities:
 * - answer, when P(top file answers) ≥ answerAt, with at most two related links in the citizen's language;
 * - no answer, when P(no file answers) ≥ noAnswerAt, naming what was understood;
 * - otherwise 2–3 suggestions with P ≥ suggestAt, in the citizen's language unless none is, never opposite
 *   actions side by side unless the question names neither.
 */

export type AnswerJudgement =
  | { kind: 'answer'; top: Candidate; p: number; related: Candidate[]; why: string }
  | { kind: 'clarify'; options: Candidate[]; why: string }
  | { kind: 'none'; understood: string[]; why: string };

const MAX_RELATED = 2;
const MAX_SUGGESTIONS = 3;
const HEAD_COVERAGE = FEATURE_NAMES.indexOf('titleQuestionCoverage');
const f2 = (x: number): string => x.toFixed(2);
const family = (lang: Lang): string => (lang === 'nn' ? 'nb' : lang);

/**
 * In the citizen's language (Bokmål and Nynorsk together) first. A file in another language comes first too
 * when it is more likely to answer than every file in the citizen's language (e.g. the only file on the
 * topic), and after them when the knowledge has it in no other language: a file with the same self-service
 * link as one in the citizen's language is its translation, and is left out.
 */
function inCitizensLanguage(scored: readonly Scored[], lang: Lang): Scored[] {
  const own = (s: Scored): boolean => family(s.candidate.lang) === family(lang);
  const bestOwn = Math.max(-1, ...scored.filter(own).map((s) => s.p));
  const ownLinks = new Set(scored.filter(own).flatMap((s) => (s.candidate.link ? [s.candidate.link] : [])));
  const first = scored.filter((s) => own(s) || s.p > bestOwn);
  const untranslated = scored.filter(
    (s) => !own(s) && s.p <= bestOwn && !(s.candidate.link && ownLinks.has(s.candidate.link)),
  );
  return [...first, ...untranslated];
}

export function judgeAnswer(input: {
  scoring: Scoring;
  model: AnswerModel;
  points: OperatingPoints;
  facts: QueryFacts;
  question: string;
}): AnswerJudgement {
  const { points, facts, question, model } = input;
  const { scored, pNone } = input.scoring;
  const [top] = scored;
  const understood = facts.unknownWords.length > 0 ? [...facts.unknownWords] : longest(question, facts.words);
  if (!top) return { kind: 'none', understood, why: 'no answer: no candidates' };
  const topText = `"${top.candidate.fileId}" P(answers) ${f2(top.p)}`;
  const reasons = `model: ${strongestReasons(model.candidate, top.row)}; P(none) from ${strongestReasons(model.none, input.scoring.noneRow, 2)}`;
  // Two files in the same language that each clear answerAt are two answers to an ambiguous question ("hva
  // koster det?" over kindergarten and after-school prices): the citizen picks. A translation of the top file
  // in another language is no rival.
  const rival = scored
    .slice(1)
    .find((s) => s.p >= points.answerAt && family(s.candidate.lang) === family(top.candidate.lang));
  if (top.p >= points.answerAt && rival) {
    const options = inCitizensLanguage(
      scored.filter((s) => s.p >= points.answerAt),
      facts.lang,
    )
      .filter((s) => !opposesQuestion(question, s.candidate.title))
      .slice(0, MAX_SUGGESTIONS);
    if (options.length >= 2) {
      return {
        kind: 'clarify',
        options: options.map((s) => s.candidate),
        why: `suggest: ${topText} and "${rival.candidate.fileId}" P(answers) ${f2(rival.p)} both ≥ answerAt ${f2(points.answerAt)}: ambiguous; ${reasons}`,
      };
    }
  }
  if (top.p >= points.answerAt) {
    const related = inCitizensLanguage(scored.slice(1), facts.lang)
      .filter((s) => s.p >= points.suggestAt && family(s.candidate.lang) === family(facts.lang))
      .filter((s) => !opposesQuestion(question, s.candidate.title))
      .slice(0, MAX_RELATED)
      .map((s) => s.candidate);
    return {
      kind: 'answer',
      top: top.candidate,
      p: top.p,
      related,
      why: `answer: ${topText} ≥ answerAt ${f2(points.answerAt)}; ${reasons}${related.length > 0 ? `; related: ${related.map((c) => c.fileId).join(', ')}` : ''}`,
    };
  }
  const offered = inCitizensLanguage(
    scored.filter((s) => s.p >= points.suggestAt),
    facts.lang,
  )
    .filter((s) => !opposesQuestion(question, s.candidate.title))
    .slice(0, MAX_SUGGESTIONS);
  // "I found nothing about barnehage" would be untrue while files are titled or asked with every word of the
  // question: a bare keyword gets those files as suggestions instead.
  const titled = scored.filter((s) => (s.row[HEAD_COVERAGE] ?? 0) >= 1);
  const titledOwn = titled.filter((s) => family(s.candidate.lang) === family(facts.lang));
  const named = (titledOwn.length > 0 ? titledOwn : titled)
    .filter((s) => !opposesQuestion(question, s.candidate.title))
    .slice(0, MAX_SUGGESTIONS);
  // Whatever P(no file answers) says: a bare keyword that titles files is better served by those files than
  // by fewer, likelier ones (a file in another language, say) or by "nothing found".
  if (named.length > 0 && offered.length <= named.length) {
    return {
      kind: 'clarify',
      options: named.map((s) => s.candidate),
      why: `suggest: P(no file answers) ${f2(pNone)}, but ${named.length} file(s) use every word of the question in their title or questions; top ${topText}; ${reasons}`,
    };
  }
  if (pNone >= points.noAnswerAt || offered.length === 0) {
    return {
      kind: 'none',
      understood,
      why: `no answer: P(no file answers) ${f2(pNone)}${pNone >= points.noAnswerAt ? ` ≥ noAnswerAt ${f2(points.noAnswerAt)}` : `, no file reaches suggestAt ${f2(points.suggestAt)}`}; top ${topText}; ${reasons}`,
    };
  }
  return {
    kind: 'clarify',
    options: offered.map((s) => s.candidate),
    why: `suggest: top ${topText} < answerAt ${f2(points.answerAt)}, P(no file answers) ${f2(pNone)} < noAnswerAt ${f2(points.noAnswerAt)}; ${offered.length} file(s) ≥ suggestAt ${f2(points.suggestAt)}; ${reasons}`,
  };
}

/** What the question seemed to be about, when no word stands out as unknown: its two longest content words. */
function longest(question: string, content: readonly string[]): string[] {
  const wanted = new Set(content);
  const words = [...new Set(rawWords(question).filter((w) => wanted.has(fold(w))))];
  return words.sort((a, b) => b.length - a.length || a.localeCompare(b)).slice(0, 2);
}
