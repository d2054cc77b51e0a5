import { fold, words } from './normalize.ts';

/**
 * Lexicon phrases use a tiny syntax so the lists stay readable for editors (policy.yaml uses it too):
 *
 * - words match whole words, case- and diacritics-insensitively ("slår" = "slaar" = "slar");
 * - `word*` matches any word starting with `word` ("selvmord*" → "selvmordstanker");
 * - `*word` matches any word ending in `word` ("*kreft" → "brystkreft"), `*word*` any word containing it;
 * - a lone `*` stands for up to three arbitrary words ("redd for * mann");
 * - a leading `=` means the message must be essentially just this phrase (at most two more words):
 *   "=menneske" fires on "menneske please" but not on "er en saksbehandler et menneske?";
 * - a leading `!` marks a phrase as weak: it is ignored when the message is a general how-to question
 *   ("hvordan sender jeg min søknad?" is not about the citizen's own case).
 *
 * Between two words of a phrase, up to two intensifiers or hedges in the message are passed over ("lukter
 * veldig gass" is "lukter gass", "puster nesten ikke" is "puster ikke"), because people add them everywhere
 * and a list cannot hold every combination. Negations and quantities are never passed over.
 *
 * Words of six letters or more also match with one typo (a letter dropped, added or swapped with its
 * neighbour), because that is cheap and people in distress do not proofread. A changed letter counts only
 * from seven letters on: in shorter words it too often makes another real word ("cancel" is not "cancer",
 * "invest" is not "incest").
 */

export const GAP_MAX_WORDS = 3;
/** Extra words a `=` phrase tolerates ("tusen takk", "hei der", "menneske please"). */
export const WHOLE_EXTRA_WORDS = 2;
export const FUZZY_MIN_LENGTH = 6;
const SUBSTITUTION_MIN_LENGTH = 7;
export const FILLER_MAX_WORDS = 2;
/** Degree words and discourse particles in all five languages, folded like the message. */
export const FILLERS: ReadonlySet<string> = new Set(
  [
    'veldig kraftig skikkelig sykt helt nesten ganske virkelig jævlig fryktelig utrolig ekstremt svært',
    'altfor liksom egentlig jo forferdelig plutselig heilt verkeleg skikkeleg forferdeleg eigentleg plutseleg',
    'meget rigtig vildt næsten sgu frygtelig utroligt pludselig altså',
    'mycket jätte riktigt nästan väldigt ganska verkligen hemskt plötsligt',
    'very really so pretty quite almost totally completely extremely super seriously literally honestly',
    'suddenly strongly badly',
  ].flatMap((line) => line.split(' ').map(fold)),
);

export type PhraseToken =
  { gap: true } | { gap: false; text: string; prefix: boolean; suffix: boolean; fuzzy: boolean };

export interface CompiledPhrase {
  /** As written in the lexicon or policy file. */
  source: string;
  /** Where it came from: a language code or `policy.yaml`. */
  origin: string;
  whole: boolean;
  weak: boolean;
  /** Alternative token sequences (å is also tried as o: "slåss" → "slass" / "sloss"). */
  variants: PhraseToken[][];
  wordCount: number;
}

function tokensOf(body: string): PhraseToken[] {
  const out: PhraseToken[] = [];
  for (const part of body.split(/\s+/).filter(Boolean)) {
    if (part === '*') {
      if (out.length > 0 && !out[out.length - 1]!.gap) out.push({ gap: true });
      continue;
    }
    const prefix = part.endsWith('*');
    const suffix = part.startsWith('*');
    const before = out.length;
    const body = part.slice(suffix ? 1 : 0, prefix ? -1 : undefined);
    for (const w of words(fold(body))) {
      out.push({ gap: false, text: w, prefix: false, suffix: false, fuzzy: w.length >= FUZZY_MIN_LENGTH });
    }
    const first = out[before];
    if (suffix && first && !first.gap) {
      first.suffix = true;
      first.fuzzy = false;
    }
    const last = out[out.length - 1];
    if (prefix && out.length > before && last && !last.gap) {
      last.prefix = true;
      last.fuzzy = false;
    }
  }
  while (out.length > 0 && out[out.length - 1]!.gap) out.pop();
  return out;
}

/** Undefined when the phrase has no words. */
export function compilePhrase(source: string, origin: string): CompiledPhrase | undefined {
  let body = source.trim();
  let whole = false;
  let weak = false;
  for (;;) {
    if (body.startsWith('=')) whole = true;
    else if (body.startsWith('!')) weak = true;
    else break;
    body = body.slice(1).trimStart();
  }
  const lower = body.toLowerCase();
  const spellings = lower.includes('å') ? [lower, lower.replace(/å/g, 'o')] : [lower];
  const variants = spellings.map(tokensOf).filter((v) => v.length > 0);
  const first = variants[0];
  if (!first) return undefined;
  return { source, origin, whole, weak, variants, wordCount: first.filter((t) => !t.gap).length };
}

/** Key positions on a Nordic/QWERTY keyboard: a slip of the finger lands on a neighbouring key. */
const KEY_AT = new Map<string, [number, number]>(
  ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'].flatMap((row, y) =>
    [...row].map((ch, x): [string, [number, number]] => [ch, [x + [0, 0.25, 0.75][y]!, y]]),
  ),
);
const VOWELS = new Set('aeiouy');
/**
 * Neighbouring keys, one vowel for another (people spell by ear: "voldtakt"), or a letter off the plain
 * keyboard: a changed letter that could be a slip rather than another word.
 */
function slipOfFinger(a: string | undefined, b: string | undefined): boolean {
  if (a !== undefined && b !== undefined && VOWELS.has(a) && VOWELS.has(b)) return true;
  const pa = a === undefined ? undefined : KEY_AT.get(a);
  const pb = b === undefined ? undefined : KEY_AT.get(b);
  if (!pa || !pb) return true;
  return Math.abs(pa[0] - pb[0]) <= 1.25 && Math.abs(pa[1] - pb[1]) <= 1;
}

/**
 * Optimal-string-alignment distance, but only answers "at most one?" cheaply. A changed letter counts only
 * where a finger could slip to it or a vowel was spelt by ear: "skriver" is not "skriker", "homeless" not
 * "hopeless", "breeding" not "bleeding", but "bleefing" is "bleeding" and "voldtakt" "voldtekt".
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (la >= SUBSTITUTION_MIN_LENGTH && a.slice(i + 1) === b.slice(i + 1) && slipOfFinger(a[i], b[i]))
      return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  // A letter more or less at the very end is another form of the word, not a typo: "brenne" is not
  // "brenner" (burning), "kommune" not "kommunen".
  if (i >= Math.max(la, lb) - 1) return false;
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function wordMatches(t: Extract<PhraseToken, { gap: false }>, word: string): boolean {
  if (t.prefix && t.suffix) return word.includes(t.text);
  if (t.prefix) return word.startsWith(t.text);
  if (t.suffix) return word.endsWith(t.text);
  if (word === t.text) return true;
  return t.fuzzy && word.length >= FUZZY_MIN_LENGTH && word[0] === t.text[0] && withinOneEdit(t.text, word);
}

/** Index just past the match of seq[pi..] at tokens[ti..], or -1. */
function matchFrom(seq: PhraseToken[], pi: number, tokens: readonly string[], ti: number): number {
  if (pi === seq.length) return ti;
  const t = seq[pi]!;
  if (t.gap) {
    for (let skip = 0; skip <= GAP_MAX_WORDS && ti + skip <= tokens.length; skip++) {
      const end = matchFrom(seq, pi + 1, tokens, ti + skip);
      if (end >= 0) return end;
    }
    return -1;
  }
  const word = tokens[ti];
  if (word === undefined) return -1;
  if (wordMatches(t, word)) return matchFrom(seq, pi + 1, tokens, ti + 1);
  // Inside a phrase (not before its first word, and a gap already skips words): pass over fillers.
  // pi > 0 first: reading seq[-1] would send V8 down its slow path for every phrase at every word.
  if (pi === 0 || seq[pi - 1]!.gap) return -1;
  for (let skip = 0; skip < FILLER_MAX_WORDS && FILLERS.has(tokens[ti + skip] ?? ''); skip++) {
    const next = tokens[ti + skip + 1];
    if (next !== undefined && wordMatches(t, next)) return matchFrom(seq, pi + 1, tokens, ti + skip + 2);
  }
  return -1;
}

/** A phrase found in a message: word indices, `end` exclusive. */
export interface PhraseSpan {
  start: number;
  end: number;
}

/** Every place the phrase occurs in the (folded) words of a message, at most one per start word. */
export function phraseSpans(phrase: CompiledPhrase, tokens: readonly string[]): PhraseSpan[] {
  if (phrase.whole && tokens.length > phrase.wordCount + WHOLE_EXTRA_WORDS) return [];
  const spans: PhraseSpan[] = [];
  for (let start = 0; start < tokens.length; start++) {
    for (const seq of phrase.variants) {
      const end = matchFrom(seq, 0, tokens, start);
      if (end >= 0) {
        spans.push({ start, end });
        break;
      }
    }
  }
  return spans;
}

/** Does the phrase occur in the (folded) words of a message? */
export function phraseMatches(phrase: CompiledPhrase, tokens: readonly string[]): boolean {
  if (phrase.whole && tokens.length > phrase.wordCount + WHOLE_EXTRA_WORDS) return false;
  for (const seq of phrase.variants) {
    for (let start = 0; start < tokens.length; start++) {
      if (matchFrom(seq, 0, tokens, start) >= 0) return true;
    }
  }
  return false;
}

/**
 * The text without the words of a matched phrase, e.g. "Put me through to Oppvekstkontoret" minus
 * "put me through" leaves the part that says where to.
 */
export function withoutPhraseWords(text: string, phraseSource: string): string {
  const drop = new Set(words(fold(phraseSource.replace(/^[=!\s]+/, '').replace(/\*/g, ' '))));
  return text
    .split(/\s+/)
    .filter((part) => {
      const ws = words(fold(part));
      return ws.length === 0 || !ws.every((w) => drop.has(w));
    })
    .join(' ')
    .trim();
}
