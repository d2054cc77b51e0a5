import { redact } from '../../bot/index.ts';
import { analyzeTerms, LANGS, type Lang } from '../../knowledge/index.ts';
import { eventsOf, type ConversationLog } from './event-log.ts';
import type { GapGroup, Stats } from './stats-types.ts';

export interface GapOptions {
  /** Two questions belong together when their content terms overlap at least this much (Jaccard). */
  similarity?: number;
  maxGroups?: number;
  maxExamples?: number;
}

interface Question {
  text: string;
  terms: Set<string>;
  /** For questions without content words: grouped only with the same wording. */
  key: string;
}

/** An unanswered question as grouping needs it, plain enough to be stored in a daily rollup. */
export interface GapQuestion {
  text: string;
  terms: string[];
}

const PLACEHOLDER = /\[(?:FNR|CPR|PHONE|EMAIL|CASE_NO)\]/g;

export function gapQuestion(redacted: string, lang: string): GapQuestion {
  // Redacted again on the way out: statistics must not show an ID number even if a log line slipped one in.
  const text = redact(redacted).replace(/\s+/g, ' ').trim();
  const analysisLang: Lang = (LANGS as readonly string[]).includes(lang) ? (lang as Lang) : 'nb';
  return { text, terms: [...new Set(analyzeTerms(text.replace(PLACEHOLDER, ' '), analysisLang))] };
}

/** The unanswered questions of one conversation, in the order they were asked. */
export function gapQuestionsOf(c: ConversationLog): GapQuestion[] {
  return eventsOf(c, 'bot_decision')
    .filter((d) => d.p.unanswered)
    .map((d) => gapQuestion(d.p.redacted, d.p.detectedLang));
}

const toQuestion = (q: GapQuestion): Question => ({
  text: q.text,
  terms: new Set(q.terms),
  key: q.text.toLowerCase(),
});

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

class UnionFind {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root]!;
    while (this.parent[i] !== root) [i, this.parent[i]] = [this.parent[i]!, root];
    return root;
  }
  union(a: number, b: number): void {
    const [x, y] = [this.find(a), this.find(b)];
    if (x !== y) this.parent[Math.max(x, y)] = Math.min(x, y);
  }
}

/**
 * Questions the bot could not answer, grouped by what they are about. Each question is reduced to the
 * content terms the lexical index would see (stemmed, Nordic letters folded, stop and question words
 * dropped), so "søknad om barnehageplass" and "soke barnehageplass" meet. Questions whose term sets overlap
 * by at least `similarity` (Jaccard) are linked, and linked questions form a group (single linkage).
 */
export function knowledgeGaps(
  conversations: readonly ConversationLog[],
  o: GapOptions = {},
): Stats['knowledgeGaps'] {
  return groupGaps(conversations.flatMap(gapQuestionsOf), o);
}

/** Groups questions (in the order they were asked) as knowledgeGaps does. */
export function groupGaps(asked: readonly GapQuestion[], o: GapOptions = {}): Stats['knowledgeGaps'] {
  const similarity = o.similarity ?? 0.5;
  const questions = asked.map(toQuestion);
  const sets = new UnionFind(questions.length);
  const byTerm = new Map<string, number[]>();
  const byKey = new Map<string, number>();
  const bySet = new Map<string, number>();
  questions.forEach((q, i) => {
    if (q.terms.size === 0) {
      const same = byKey.get(q.key);
      if (same === undefined) byKey.set(q.key, i);
      else sets.union(same, i);
      return;
    }
    // Citizens ask the same thing in the same words a lot: compare each distinct term set once.
    const setKey = [...q.terms].sort().join(' ');
    const twin = bySet.get(setKey);
    if (twin !== undefined) return sets.union(twin, i);
    bySet.set(setKey, i);
    // Only questions sharing a term can reach the threshold, so compare with those alone.
    const seen = new Set<number>();
    for (const t of q.terms) {
      for (const j of byTerm.get(t) ?? []) {
        if (seen.has(j)) continue;
        seen.add(j);
        if (jaccard(q.terms, questions[j]!.terms) >= similarity) sets.union(i, j);
      }
    }
    for (const t of q.terms) {
      const list = byTerm.get(t);
      if (list) list.push(i);
      else byTerm.set(t, [i]);
    }
  });
  const members = new Map<number, Question[]>();
  questions.forEach((q, i) => {
    const root = sets.find(i);
    const list = members.get(root);
    if (list) list.push(q);
    else members.set(root, [q]);
  });
  const groups = [...members.values()].map((g) => describe(g, o.maxExamples ?? 3));
  groups.sort((a, b) => b.size - a.size || (a.examples[0] ?? '').localeCompare(b.examples[0] ?? ''));
  return { unanswered: questions.length, groups: groups.slice(0, o.maxGroups ?? 50) };
}

function describe(group: Question[], maxExamples: number): GapGroup {
  const termCounts = new Map<string, number>();
  const textCounts = new Map<string, number>();
  for (const q of group) {
    for (const t of q.terms) termCounts.set(t, (termCounts.get(t) ?? 0) + 1);
    textCounts.set(q.text, (textCounts.get(q.text) ?? 0) + 1);
  }
  const byCount = (m: Map<string, number>) =>
    [...m].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)).map(([k]) => k);
  return {
    size: group.length,
    terms: byCount(termCounts)
      .filter((t) => (termCounts.get(t) ?? 0) * 2 >= group.length)
      .slice(0, 5),
    examples: byCount(textCounts).slice(0, maxExamples),
  };
}
