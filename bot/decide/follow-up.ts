import type { Candidate, Retriever } from '../../knowledge/index.ts';
import type { Thresholds } from '../policy/thresholds.ts';
import { stripSensitive } from '../safety/redact.ts';
import { foldedWords } from '../text/normalize.ts';
import { contentWords } from '../text/stopwords.ts';
import type { Turn } from '../types.ts';

/**
 * Short follow-ups ("og for SFO?", "what does it cost?", "hva med nynorsk?") lean on the conversation:
 * retrieval is retried with the previous question in front, and the result is re-ranked towards files that
 * match the new words, share tags with the file just answered, and are not that file again.
 */

export interface PreviousContext {
  /** The earlier citizen question(s) to put in front, sensitive numbers removed. */
  question?: string;
  /** The file the bot answered last. */
  answeredFileId?: string;
}

/** Words that open a follow-up rather than a new question (folded). */
const CONTINUATION_OPENERS = [
  'og',
  'and',
  'men',
  'but',
  'also',
  'ogsa',
  'enn',
  'sa',
  'then',
  'what about',
  'how about',
  'hva med',
  'kva med',
  'hvad med',
  'vad med',
  'hva da med',
  'hva om',
  'kva om',
  'what if',
  'og hva',
  'og kva',
  'og hvad',
  'hva hvis',
  'kva viss',
  'and what',
  'and for',
  'og for',
  'same for',
  'samme for',
].map((o) => o.split(' '));
/** Pronouns pointing back at the previous topic. */
const BACK_REFERENCES = new Set([
  'it',
  'that',
  'this',
  'they',
  'them',
  'det',
  'den',
  'dette',
  'denne',
  'dei',
  'de',
]);

export function previousContext(history: readonly Turn[], maxWords: number): PreviousContext {
  const out: PreviousContext = {};
  const questions: string[] = [];
  let nextBotKind: string | undefined;
  for (let i = history.length - 1; i >= 0 && questions.length < 2; i--) {
    const turn = history[i]!;
    if (turn.role === 'bot') {
      nextBotKind = turn.decision?.kind;
      if (out.answeredFileId === undefined && turn.decision?.kind === 'answer' && turn.decision.fileId) {
        out.answeredFileId = turn.decision.fileId;
      }
      continue;
    }
    if (turn.role !== 'citizen') continue;
    const kind = nextBotKind;
    nextBotKind = undefined;
    if (kind === 'smalltalk' || kind === 'handover') continue;
    const text = stripSensitive(turn.text);
    if (!text) continue;
    questions.unshift(text);
    // One earlier question is enough unless it was itself a short follow-up.
    if (contentWords(foldedWords(text)).length > maxWords) break;
  }
  if (questions.length > 0) out.question = questions.join(' ');
  return out;
}

export interface FollowUpSignals {
  short: boolean;
  contentWords: number;
  /** Starts like a continuation ("og …", "what about …"). */
  continuation: boolean;
  /** Short and points back with a pronoun ("what does it cost?"). */
  backReference: boolean;
}

export function followUpSignals(tokens: readonly string[], maxWords: number): FollowUpSignals {
  const count = contentWords(tokens).length;
  const short = count <= maxWords;
  const continuation = CONTINUATION_OPENERS.some((opener) => opener.every((w, i) => tokens[i] === w));
  const backReference = tokens.some((w) => BACK_REFERENCES.has(w));
  return { short, contentWords: count, continuation, backReference };
}

/**
 * Scores for "previous question + this message". A follow-up's answer must fit both the new words and the
 * earlier topic, so besides the combined query's confidence C it counts min(S, P): the file's confidence for
 * the message alone (S) and for the previous question alone (P). The combined query on its own lets the
 * longer previous question drown the new words ("and how do I appeal it?" after a property-tax question
 * finds the tax-rate page again); min(S, P) alone fails when the message has no topic words at all.
 *   score = (1 − w)·C + w·min(S, P) + tag boost − repeat penalty,  w = followUpBlend
 */
export function rerankFollowUp(input: {
  combined: readonly Candidate[];
  standalone: readonly Candidate[];
  previous: readonly Candidate[];
  answeredFileId: string | undefined;
  retriever: Retriever;
  t: Thresholds;
}): { candidates: Candidate[]; why: string } {
  const { t, retriever } = input;
  const conf = (list: readonly Candidate[]): Map<string, number> =>
    new Map(list.map((c) => [c.fileId, c.confidence]));
  const [C, S, P] = [conf(input.combined), conf(input.standalone), conf(input.previous)];
  const pool = new Map<string, Candidate>();
  for (const c of [...input.previous, ...input.standalone, ...input.combined]) pool.set(c.fileId, c);
  const answeredTags = new Set(
    input.answeredFileId ? (retriever.file(input.answeredFileId)?.tags ?? []) : [],
  );
  const w = t.followUpBlend;
  const notes: string[] = [];
  const candidates = [...pool.values()]
    .map((c) => {
      const [cc, sc, pc] = [C.get(c.fileId) ?? 0, S.get(c.fileId) ?? 0, P.get(c.fileId) ?? 0];
      let score = (1 - w) * cc + w * Math.min(sc, pc);
      const parts = [`C ${cc.toFixed(2)}, S ${sc.toFixed(2)}, P ${pc.toFixed(2)}`];
      const tags = retriever.file(c.fileId)?.tags ?? [];
      if (tags.some((tag) => answeredTags.has(tag))) {
        score += t.followUpTagBoost;
        parts.push(`+${t.followUpTagBoost} shares a tag with the last answer`);
      }
      if (c.fileId === input.answeredFileId) {
        score -= t.followUpRepeatPenalty;
        parts.push(`-${t.followUpRepeatPenalty} just answered`);
      }
      const confidence = Math.min(1, Math.max(0, score));
      notes.push(`${c.fileId} ${confidence.toFixed(2)} (${parts.join(', ')})`);
      return { ...c, confidence, why: [...c.why, `follow-up: ${parts.join(', ')}`] };
    })
    .filter((c) => c.confidence > 0)
    .sort((a, b) => b.confidence - a.confidence || a.fileId.localeCompare(b.fileId));
  const ordered = candidates.map((c) => notes.find((n) => n.startsWith(`${c.fileId} `))!);
  return { candidates, why: `follow-up scores: ${ordered.slice(0, 3).join('; ') || 'none'}` };
}
