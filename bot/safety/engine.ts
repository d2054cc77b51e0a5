import { foldedWords } from '../text/normalize.ts';
import { compilePhrase } from '../text/phrase.ts';
import type { CompiledPhrase, PhraseSpan } from '../text/phrase.ts';
import type { SafetyData } from './concepts/load.ts';
import type { ListReason, Rule, RuleReason, RulesFile } from './concepts/schema.ts';
import { compileMatcher } from './matcher.ts';
import type { CompiledMatcher } from './matcher.ts';

/**
 * Concepts, lists, rules and vetoes compiled into one matcher. A message is scanned once; rules and the
 * distress score are then read off the concepts found (see concepts/rules.yaml for what they mean).
 */
export interface CompiledSafety {
  readonly matcher: CompiledMatcher;
  /** What each compiled phrase stands for: concept names and list reasons. */
  readonly owners: readonly { concepts: string[]; lists: ListReason[] }[];
  readonly rules: readonly Rule[];
  readonly vetoes: readonly Rule[];
  readonly distress: RulesFile['distress'];
  /** List phrases per reason, in file order (small talk looks at them clause by clause). */
  readonly lists: ReadonlyMap<ListReason, readonly CompiledPhrase[]>;
}

export interface ConceptSpan extends PhraseSpan {
  /** From a weak (`!`) phrase: not counted in general questions. */
  weak: boolean;
  phrase: CompiledPhrase;
}

export interface SafetyScan {
  tokens: readonly string[];
  concepts: ReadonlyMap<string, readonly ConceptSpan[]>;
  /** The first phrase of each list, in file order, that occurs in the message. */
  lists: ReadonlyMap<ListReason, CompiledPhrase>;
}

export function compileSafety(data: SafetyData): CompiledSafety {
  const phrases: CompiledPhrase[] = [];
  const owners: { concepts: string[]; lists: ListReason[] }[] = [];
  const index = new Map<string, number>();
  const add = (source: string, origin: string): number | undefined => {
    const key = `${origin}\u0000${source}`;
    let i = index.get(key);
    if (i === undefined) {
      const phrase = compilePhrase(source, origin);
      if (!phrase) return undefined;
      i = phrases.push(phrase) - 1;
      owners.push({ concepts: [], lists: [] });
      index.set(key, i);
    }
    return i;
  };
  for (const [name, list] of data.concepts) {
    for (const p of list) {
      const i = add(p.source, p.origin);
      if (i !== undefined) owners[i]?.concepts.push(name);
    }
  }
  const lists = new Map<ListReason, CompiledPhrase[]>();
  for (const [reason, list] of data.lists) {
    const compiled: CompiledPhrase[] = [];
    for (const p of list) {
      const i = add(p.source, p.origin);
      if (i === undefined) continue;
      owners[i]?.lists.push(reason);
      compiled.push(phrases[i] as CompiledPhrase);
    }
    lists.set(reason, compiled);
  }
  const groups = owners.map((o) => [...o.concepts, ...o.lists]);
  const protectedWords = new Set(data.protectedWords.flatMap((w) => foldedWords(w)));
  return {
    matcher: compileMatcher(phrases, { groupsOf: (i) => groups[i] ?? [], protectedWords }),
    owners,
    rules: data.rules,
    vetoes: data.vetoes,
    distress: data.distress,
    lists,
  };
}

export function scanSafety(safety: CompiledSafety, tokens: readonly string[]): SafetyScan {
  const concepts = new Map<string, ConceptSpan[]>();
  const firstOfList = new Map<ListReason, { phrase: CompiledPhrase; order: number }>();
  for (const [i, spans] of safety.matcher.scan(tokens)) {
    const phrase = safety.matcher.phrases[i] as CompiledPhrase;
    const owner = safety.owners[i];
    // One span object per place, shared by the phrase's concepts (nothing changes them).
    const placed: ConceptSpan[] | undefined = owner?.concepts.length
      ? spans.map(({ start, end }) => ({ start, end, weak: phrase.weak, phrase }))
      : undefined;
    for (const name of owner?.concepts ?? []) {
      let list = concepts.get(name);
      if (!list) concepts.set(name, (list = []));
      for (const span of placed ?? []) list.push(span);
    }
    for (const reason of owner?.lists ?? []) {
      const order = safety.lists.get(reason)?.indexOf(phrase) ?? 0;
      const known = firstOfList.get(reason);
      if (!known || order < known.order) firstOfList.set(reason, { phrase, order });
    }
  }
  const lists = new Map([...firstOfList].map(([reason, { phrase }]) => [reason, phrase]));
  return { tokens, concepts, lists };
}

export interface RuleHit {
  rule: Rule;
  /** The message's words that made each concept, for `why`. */
  words: string;
}

/** Spans of a concept that count: weak phrases do not in a general question. */
function spansOf(scan: SafetyScan, name: string, general: boolean): readonly ConceptSpan[] {
  const spans = scan.concepts.get(name) ?? [];
  return general ? spans.filter((s) => !s.weak) : spans;
}

const counts = (spans: readonly ConceptSpan[] | undefined, general: boolean): boolean =>
  spans !== undefined && (general ? spans.some((s) => !s.weak) : spans.length > 0);

/**
 * One span per concept of the rule, in order and close enough when the rule asks for it; undefined when the
 * rule does not fire. Rules name at most six concepts with a handful of spans each, so trying the
 * combinations depth-first is cheap.
 */
export function evaluateRule(rule: Rule, scan: SafetyScan, general: boolean): RuleHit | undefined {
  if (rule.weak && general) return undefined;
  if (rule.unless) for (const name of rule.unless) if (scan.concepts.get(name)?.length) return undefined;
  // Most rules miss a concept: find that out before building anything (every rule runs on every message).
  for (const name of rule.all) if (!counts(scan.concepts.get(name), general)) return undefined;
  const options = rule.all.map((name) => spansOf(scan, name, general));
  const chosen: ConceptSpan[] = [];
  const fits = (): boolean => {
    if (rule.within === undefined) return true;
    const start = Math.min(...chosen.map((s) => s.start));
    const end = Math.max(...chosen.map((s) => s.end));
    const covered = new Set(
      chosen.flatMap((s) => Array.from({ length: s.end - s.start }, (_, k) => s.start + k)),
    );
    return end - start - covered.size <= rule.within;
  };
  const pick = (k: number): boolean => {
    if (k === options.length) return fits();
    for (const span of options[k] ?? []) {
      const before = chosen[k - 1];
      if (rule.ordered && before && span.start < before.end) continue;
      chosen.push(span);
      if (pick(k + 1)) return true;
      chosen.pop();
    }
    return false;
  };
  if (!pick(0)) return undefined;
  const words = chosen.map((s) => scan.tokens.slice(s.start, s.end).join(' ')).join(' … ');
  return { rule, words };
}

export interface ReasonHit {
  reason: RuleReason;
  rule: string;
  words: string;
}

/** The first rule per reason that fires, and the vetoes that fire on reasons found. */
export function evaluateRules(
  safety: CompiledSafety,
  scan: SafetyScan,
  general: boolean,
): { hits: Map<RuleReason, ReasonHit>; vetoes: ReasonHit[] } {
  const hits = new Map<RuleReason, ReasonHit>();
  for (const rule of safety.rules) {
    if (hits.has(rule.reason)) continue;
    const hit = evaluateRule(rule, scan, general);
    if (hit) hits.set(rule.reason, { reason: rule.reason, rule: rule.id, words: hit.words });
  }
  const vetoes = vetoesOf(safety, scan).filter((v) => hits.has(v.reason));
  return { hits, vetoes };
}

/** Every veto that fires on the message, whether or not a rule found its reason (the classifier may). */
export function vetoesOf(safety: CompiledSafety, scan: SafetyScan): ReasonHit[] {
  const vetoes: ReasonHit[] = [];
  for (const veto of safety.vetoes) {
    if (veto.reason === 'crisis') continue;
    const hit = evaluateRule(veto, scan, false);
    if (hit) vetoes.push({ reason: veto.reason, rule: veto.id, words: hit.words });
  }
  return vetoes;
}

export interface DistressScore {
  score: number;
  /** For `why`: the concepts and boosts that made the score. */
  note: string;
  concepts: string[];
}

/**
 * A recall-oriented net under the rules: the weights of the distress concepts present, plus the boosts (first
 * person, now, a child or family member) once at least one concept is there. The boosts add at most as much
 * as the concepts weigh, so "my son bumped his head today" (one weak concept) never becomes a crisis on
 * pronouns and time words alone. A general how-to question, a keyword search, or a message about the topic
 * (a damper: a thesis on suicide prevention, a first-aid course) counts half.
 */
export function distressOf(safety: CompiledSafety, scan: SafetyScan, general: boolean): DistressScore {
  const present = (name: string) => (scan.concepts.get(name)?.length ?? 0) > 0;
  const concepts = Object.keys(safety.distress.weights).filter(present);
  if (concepts.length === 0) return { score: 0, note: 'distress score 0', concepts };
  const boosts = Object.keys(safety.distress.boosts).filter(present);
  const damper = safety.distress.dampers?.find(present);
  let weight = 0;
  for (const c of concepts) weight += safety.distress.weights[c] ?? 0;
  let boost = 0;
  for (const b of boosts) boost += safety.distress.boosts[b] ?? 0;
  let score = weight + Math.min(boost, weight);
  if (general || damper) score /= 2;
  const halved = general
    ? '; general question, halved'
    : damper
      ? `; about the topic (${damper}), halved`
      : '';
  const note = `distress score ${score.toFixed(1)} (${concepts.join(', ')}${boosts.length ? `; boosts ${boosts.join(', ')}` : ''}${halved})`;
  return { score, note, concepts };
}
