import { compilePhrase, phraseSpans } from '../../text/phrase.ts';
import type { CompiledPhrase, PhraseSpan } from '../../text/phrase.ts';

/**
 * Concept co-occurrence signals: a small engine over data. A concept is a list of words or short phrases per
 * language (phrase syntax of bot/text/phrase.ts: `word*` prefix, `*word` suffix, a lone `*` for up to three
 * words); every language is checked for every message, like the phrase lists. A rule fires when all of its
 * concepts are found in the message (optionally in order and close together) and none of its `unless`
 * concepts is. A veto drops a handover reason, however it was found, when the message is really a general
 * question (a phone number, where to complain, how long processing takes).
 */

export const SIGNAL_LANGS = ['nb', 'nn', 'da', 'sv', 'en'] as const;
export type SignalLang = (typeof SIGNAL_LANGS)[number];

/** The words of one concept, per language. */
export type Concept = Partial<Record<SignalLang, readonly string[]>>;
export type Concepts = Readonly<Record<string, Concept>>;

export type SignalReason = 'crisis' | 'human_request' | 'complaint' | 'personal' | 'sensitive';

export interface SignalRule {
  /** Short name shown in the decision's `why`. */
  id: string;
  reason: SignalReason;
  /** Every entry must be found; an array entry is met by any one of its concepts. */
  all: readonly (string | readonly string[])[];
  /** If set, the entries must occur in this order, each starting at most this many words after the previous ends. */
  within?: number;
  /** The rule does not fire when one of these concepts is found. */
  unless?: readonly string[];
  /** Ignored in general how-to questions and keyword-only messages, like `!` phrases. */
  weak?: boolean;
}

export interface SignalVeto {
  id: string;
  /** Never crisis: nothing may talk a crisis down. */
  reason: Exclude<SignalReason, 'crisis'>;
  /** The reason is dropped when one of these concepts is found … */
  when: readonly string[];
  /** … and, if set, one of these is found as well … */
  also?: readonly string[];
  /** … unless one of these is found too. */
  unless?: readonly string[];
}

export interface CompiledSignals {
  concepts: ReadonlyMap<string, readonly CompiledPhrase[]>;
  rules: readonly SignalRule[];
  vetoes: readonly SignalVeto[];
}

export interface SignalHit {
  reason: SignalReason;
  rule: string;
  /** The message's words that made the rule fire, e.g. "kastet meg … tør ikke". */
  words: string;
}

export interface SignalScan {
  hits: SignalHit[];
  /** Vetoes whose `when` (and `also`) concept was found, and no `unless` concept. */
  vetoes: SignalVeto[];
}

/** Numbers a child gives as their age ("im 14", "jeg er 13 år") become this word, so concepts can say it. */
export const CHILD_AGE_WORD = 'childage';
/** Likewise for someone old ("min nabo på 86"). */
export const OLD_AGE_WORD = 'oldage';
const AGE = /^(\d{1,3})(ar|aar|years?|yo|y)?$/;

/** The message's folded words with ages 6–17 read as `childage` and 70–109 as `oldage`. */
export function withAgeWords(tokens: readonly string[]): string[] {
  return tokens.map((t) => {
    const m = AGE.exec(t);
    const n = m ? Number(m[1]) : NaN;
    if (n >= 6 && n <= 17) return CHILD_AGE_WORD;
    if (n >= 70 && n <= 109) return OLD_AGE_WORD;
    return t;
  });
}

/** One concept's phrases in every language; a phrase without words must fail loudly. */
export function compileConcept(kind: string, name: string, perLang: Concept): CompiledPhrase[] {
  return SIGNAL_LANGS.flatMap((lang) =>
    (perLang[lang] ?? []).map((source) => {
      const phrase = compilePhrase(source, lang);
      if (!phrase) throw new Error(`${kind} concept "${name}" (${lang}): "${source}" has no words`);
      return phrase;
    }),
  );
}

/** Compiles concept data and checks that every rule names known concepts (a typo must fail loudly). */
export function compileSignals(
  conceptSets: readonly Concepts[],
  rules: readonly SignalRule[],
  vetoes: readonly SignalVeto[],
): CompiledSignals {
  const concepts = new Map<string, CompiledPhrase[]>();
  for (const set of conceptSets) {
    for (const [name, perLang] of Object.entries(set)) {
      if (concepts.has(name)) throw new Error(`signal concept "${name}" is defined twice`);
      concepts.set(name, compileConcept('signal', name, perLang));
    }
  }
  const known = (name: string, where: string): void => {
    if (!concepts.has(name)) throw new Error(`${where} names unknown concept "${name}"`);
  };
  for (const rule of rules) {
    for (const entry of rule.all) for (const name of [entry].flat()) known(name, `rule ${rule.id}`);
    for (const name of rule.unless ?? []) known(name, `rule ${rule.id}`);
  }
  for (const veto of vetoes) {
    for (const name of [...veto.when, ...(veto.also ?? []), ...(veto.unless ?? [])])
      known(name, `veto ${veto.id}`);
  }
  return { concepts, rules, vetoes };
}

type Found = { concept: string; span: PhraseSpan };

/**
 * Rules and vetoes that apply to a message's folded words. `general` is true for general how-to questions and
 * keyword-only messages; weak rules are skipped then.
 */
export function scanSignals(
  signals: CompiledSignals,
  folded: readonly string[],
  general: boolean,
): SignalScan {
  const tokens = withAgeWords(folded);
  const cache = new Map<string, PhraseSpan[]>();
  const spansOf = (name: string): PhraseSpan[] => {
    let spans = cache.get(name);
    if (!spans) {
      const seen = new Set<string>();
      spans = [];
      for (const phrase of signals.concepts.get(name) ?? []) {
        for (const s of phraseSpans(phrase, tokens)) {
          const key = `${s.start}:${s.end}`;
          if (seen.has(key)) continue;
          seen.add(key);
          spans.push(s);
        }
      }
      spans.sort((a, b) => a.start - b.start || b.end - a.end);
      cache.set(name, spans);
    }
    return spans;
  };
  const any = (names: readonly string[]): boolean => names.some((n) => spansOf(n).length > 0);
  const options = (entry: string | readonly string[]): Found[] =>
    [entry].flat().flatMap((concept) => spansOf(concept).map((span) => ({ concept, span })));
  const text = (found: readonly Found[]): string =>
    found.map((f) => folded.slice(f.span.start, f.span.end).join(' ')).join(' … ');

  const hits: SignalHit[] = [];
  for (const rule of signals.rules) {
    if (rule.weak && general) continue;
    if (rule.unless && any(rule.unless)) continue;
    const found = rule.within === undefined ? unordered(rule, options) : ordered(rule, options, rule.within);
    if (found) hits.push({ reason: rule.reason, rule: rule.id, words: text(found) });
  }
  const vetoes = signals.vetoes.filter(
    (v) => any(v.when) && (!v.also || any(v.also)) && !(v.unless && any(v.unless)),
  );
  return { hits, vetoes };
}

function unordered(
  rule: SignalRule,
  options: (entry: string | readonly string[]) => Found[],
): Found[] | undefined {
  const found: Found[] = [];
  for (const entry of rule.all) {
    const first = options(entry)[0];
    if (!first) return undefined;
    found.push(first);
  }
  return found;
}

function ordered(
  rule: SignalRule,
  options: (entry: string | readonly string[]) => Found[],
  within: number,
): Found[] | undefined {
  const perEntry = rule.all.map(options);
  const walk = (i: number, after: number | undefined): Found[] | undefined => {
    if (i === perEntry.length) return [];
    for (const f of perEntry[i]!) {
      if (after !== undefined && (f.span.start < after || f.span.start - after > within)) continue;
      const rest = walk(i + 1, f.span.end);
      if (rest) return [f, ...rest];
    }
    return undefined;
  };
  return walk(0, undefined);
}
