import {
  FILLER_MAX_WORDS,
  FILLERS,
  FUZZY_MIN_LENGTH,
  GAP_MAX_WORDS,
  WHOLE_EXTRA_WORDS,
  withinOneEdit,
} from '../text/phrase.ts';
import type { CompiledPhrase, PhraseSpan } from '../text/phrase.ts';

/**
 * Every phrase of every concept and list, compiled once into one trie over folded words, so a message is
 * walked once from each word instead of once per phrase. Edges are word keys: `e:word` (exact, and within one
 * typo for words of six letters or more), `p:stem` (prefix), `s:end` (suffix), `i:part` (infix); a gap edge
 * stands for `*` (up to three words). Which keys a message word has is looked up in hash sets, typos through
 * a deletion index (every word with one letter dropped), so the cost does not grow with the number of phrases.
 * A typo never crosses into another concept's word, and protected everyday words are never typos (options).
 *
 * Without options the result is, per phrase, exactly what `phraseSpans` in bot/text/phrase.ts finds (matcher.test.ts checks
 * that on random messages): same first-found end per start word, fillers passed over inside a phrase, the
 * first spelling variant that matches.
 */

interface Terminal {
  phrase: number;
  variant: number;
}

interface Node {
  next: Map<string, Node>;
  gap?: Node;
  ends: Terminal[];
  /** The root and nodes right after a gap: no filler words are passed over before the next word. */
  noFiller: boolean;
}

const newNode = (noFiller: boolean): Node => ({ next: new Map(), ends: [], noFiller });

/** Words of one letter dropped: the deletion neighbourhood for one-typo lookups. */
function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

export interface CompiledMatcher {
  readonly phrases: readonly CompiledPhrase[];
  /** Spans per phrase index (only phrases that occur), each list by start word. */
  scan(tokens: readonly string[]): Map<number, PhraseSpan[]>;
}

const WORD_CACHE_MAX = 20_000;

export interface MatcherOptions {
  /**
   * What each phrase stands for (its concepts or lists). A message word that is itself a word of some phrase
   * is not read as a typo of a word that only phrases of other concepts have: "homeless" is a housing word,
   * not "hopeless" mistyped. Typos within one concept still match ("breath" for "breathe").
   */
  groupsOf?: (phrase: number) => readonly string[];
  /** Everyday words (folded) that are never read as a typo of anything: "breeding" is not "bleeding". */
  protectedWords?: ReadonlySet<string>;
}

export function compileMatcher(
  phrases: readonly CompiledPhrase[],
  options: MatcherOptions = {},
): CompiledMatcher {
  const root = newNode(true);
  const exact = new Set<string>();
  const prefixes = new Set<string>();
  const suffixes = new Set<string>();
  const infixes = new Set<string>();
  const typoIndex = new Map<string, Set<string>>();
  /** Per whole word of any phrase, the groups whose phrases have it. */
  const groupsOfWord = new Map<string, Set<string>>();
  const noteGroups = (word: string, index: number): void => {
    if (!options.groupsOf) return;
    let set = groupsOfWord.get(word);
    if (!set) groupsOfWord.set(word, (set = new Set()));
    for (const g of options.groupsOf(index)) set.add(g);
  };
  const addTypo = (key: string, word: string): void => {
    let set = typoIndex.get(key);
    if (!set) typoIndex.set(key, (set = new Set()));
    set.add(word);
  };

  phrases.forEach((phrase, index) => {
    phrase.variants.forEach((seq, variant) => {
      let node = root;
      for (const token of seq) {
        if (token.gap) {
          node = node.gap ??= newNode(true);
          continue;
        }
        const kind = token.prefix && token.suffix ? 'i' : token.prefix ? 'p' : token.suffix ? 's' : 'e';
        const key = `${kind}:${token.text}`;
        if (kind === 'i') infixes.add(token.text);
        else if (kind === 'p') prefixes.add(token.text);
        else if (kind === 's') suffixes.add(token.text);
        else {
          exact.add(token.text);
          noteGroups(token.text, index);
          if (token.fuzzy) {
            addTypo(token.text, token.text);
            for (const d of deletions(token.text)) addTypo(d, token.text);
          }
        }
        let child = node.next.get(key);
        if (!child) node.next.set(key, (child = newNode(false)));
        node = child;
      }
      node.ends.push({ phrase: index, variant });
    });
  });

  const infixList = [...infixes];
  const cache = new Map<string, readonly string[]>();
  const keysOf = (word: string): readonly string[] => {
    const cached = cache.get(word);
    if (cached) return cached;
    const keys: string[] = [];
    if (exact.has(word)) keys.push(`e:${word}`);
    const own = groupsOfWord.get(word);
    const crosses = (candidate: string): boolean => {
      if (!own) return false;
      const theirs = groupsOfWord.get(candidate);
      return !theirs || ![...theirs].some((g) => own.has(g));
    };
    if (word.length >= FUZZY_MIN_LENGTH && !options.protectedWords?.has(word)) {
      const near = new Set<string>();
      for (const probe of [word, ...deletions(word)]) {
        for (const candidate of typoIndex.get(probe) ?? []) near.add(candidate);
      }
      for (const candidate of near) {
        if (
          candidate !== word &&
          candidate[0] === word[0] &&
          withinOneEdit(candidate, word) &&
          !crosses(candidate)
        )
          keys.push(`e:${candidate}`);
      }
    }
    for (let n = 1; n <= word.length; n++) {
      if (prefixes.has(word.slice(0, n))) keys.push(`p:${word.slice(0, n)}`);
      if (suffixes.has(word.slice(word.length - n))) keys.push(`s:${word.slice(word.length - n)}`);
    }
    for (const part of infixList) if (word.includes(part)) keys.push(`i:${part}`);
    if (cache.size >= WORD_CACHE_MAX) cache.clear();
    cache.set(word, keys);
    return keys;
  };

  function scan(tokens: readonly string[]): Map<number, PhraseSpan[]> {
    const n = tokens.length;
    const keys = tokens.map(keysOf);
    const out = new Map<number, PhraseSpan[]>();
    for (let start = 0; start < n; start++) {
      /** First end found per phrase and variant, as phraseSpans' depth-first search finds it. */
      const found = new Map<number, Map<number, number>>();
      const walk = (node: Node, ti: number): void => {
        for (const { phrase, variant } of node.ends) {
          let byVariant = found.get(phrase);
          if (!byVariant) found.set(phrase, (byVariant = new Map()));
          if (!byVariant.has(variant)) byVariant.set(variant, ti);
        }
        if (node.gap) {
          for (let skip = 0; skip <= GAP_MAX_WORDS && ti + skip <= n; skip++) walk(node.gap, ti + skip);
        }
        if (node.next.size === 0 || ti >= n) return;
        const direct = keys[ti] ?? [];
        for (const key of direct) {
          const child = node.next.get(key);
          if (child) walk(child, ti + 1);
        }
        if (node.noFiller) return;
        // A word that did not match here may still match after up to two fillers ("puster nesten ikke").
        const taken = new Set(direct);
        for (let skip = 0; skip < FILLER_MAX_WORDS && FILLERS.has(tokens[ti + skip] ?? ''); skip++) {
          for (const key of keys[ti + skip + 1] ?? []) {
            const child = node.next.get(key);
            if (!child || taken.has(key)) continue;
            taken.add(key);
            walk(child, ti + skip + 2);
          }
        }
      };
      walk(root, start);
      for (const [phrase, byVariant] of found) {
        const compiled = phrases[phrase];
        if (!compiled || (compiled.whole && n > compiled.wordCount + WHOLE_EXTRA_WORDS)) continue;
        const variant = Math.min(...byVariant.keys());
        const end = byVariant.get(variant) ?? start;
        let spans = out.get(phrase);
        if (!spans) out.set(phrase, (spans = []));
        spans.push({ start, end });
      }
    }
    return out;
  }

  return { phrases, scan };
}
