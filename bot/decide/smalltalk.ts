import type { CompiledLexicon, LexiconHit, PhraseReason } from '../safety/lexicons.ts';
import { foldedWords } from '../text/normalize.ts';
import { compileMatcher } from '../safety/matcher.ts';
import type { CompiledMatcher } from '../safety/matcher.ts';
import { STOPWORDS } from '../text/stopwords.ts';
import type { SmalltalkKind } from './build.ts';

const SMALLTALK: readonly [PhraseReason, SmalltalkKind][] = [
  ['smalltalk_hello', 'hello'],
  ['smalltalk_thanks', 'thanks'],
  ['smalltalk_bye', 'bye'],
  ['smalltalk_ack', 'ack'],
  ['smalltalk_bot', 'bot'],
];

/** Punctuation and the plain "and" join pleasantries: "takk, ha det", "tak og god weekend". */
const CLAUSE_BREAK = /[.,;:!?\n]+|\s(?:og|and|och|&)\s/iu;

/** Addressing the bot by name ("God kveld, Svar!") is no clause of its own. */
const ADDRESS = new Set(['svar', 'bot', 'chatbot', 'robot']);

/** A comma may split one pleasantry ("det var lige det, jeg havde brug for"): a clause may take up to two more. */
const JOIN_MAX = 2;

/**
 * Stems of friendly chatter that may surround a greeting, thanks or goodbye ("håper du har en fin dag der inne
 * i maskinen", "du har været virkelig sød og tålmodig", "hope things aren't too busy for you today"), folded.
 * A clause made only of these and function words is a friendly clause, not a question. No topic words here:
 * a clause with any other word ("takk, men hva med SFO?") keeps the message a question.
 */
const FRIENDLY_STEMS: readonly string[] = (
  'haper hapar habe hope fin fint flott god good great nice lovely wonderful hyggelig koselig trevlig dejlig herlig ' +
  'dag dagen day today idag kveld kvell aften kvall evening morgen morning weekend helg videre vidare fortsat ' +
  'hjelp hjaelp hjalp help sod sot snill flink talmodig patient kind maskin machine inne inside travel busy ' +
  'things ting too alle all sporsmal sporgsmal fragor question orket orka gidd bother virkelig verkelig ' +
  'really veldig akkurat exactly lurte undra wonder wanted trengte brug needed sorted ordna gar going doing ' +
  'hos well bra ha hav have vaere vaeret vaert been aren isn t s s ll re ve d lige precis glad happy ' +
  'kaempe kjempe jatte enorm huge massive mega storartet varit vorte vore'
).split(' ');

/** Friendly words that are only friendly whole ("stor hjelp", but not "storavfall"). */
const FRIENDLY_WORDS: ReadonlySet<string> = new Set('stor stort store till big was were var'.split(' '));

/** Every word a function word or friendly chatter. */
function friendly(tokens: readonly string[]): boolean {
  return tokens.every(
    (t) =>
      STOPWORDS.has(t) ||
      FRIENDLY_WORDS.has(t) ||
      FRIENDLY_STEMS.some((s) => t === s || (s.length >= 4 && t.startsWith(s))),
  );
}

/** Folded words that open a thanks in the five languages ("takk for …", "tusind tak for …", "thanks for …"). */
const THANKS_WORDS: ReadonlySet<string> = new Set([
  'takk',
  'takker',
  'tak',
  'tack',
  'thanks',
  'thank',
  'cheers',
]);
const THANKS_LEADS: ReadonlySet<string> = new Set(['tusen', 'tusind', 'mange', 'stort', 'hjertelig', 'many']);
/** Longer than this, a clause that starts with thanks is probably going somewhere else. */
const THANKS_CLAUSE_MAX_WORDS = 8;

/**
 * A clause that opens with thanks is a thanks, whatever it thanks for ("takk for raskt svar", "tak for hjælpen
 * det var lige det jeg manglede"): the list of things one can thank for is endless. Questions are their own
 * clauses (the clause break includes "?"), so "takk, men hva koster SFO?" stays a question.
 */
function thanksClause(tokens: readonly string[]): boolean {
  if (tokens.length > THANKS_CLAUSE_MAX_WORDS) return false;
  const [first, second] = tokens;
  if (first === undefined) return false;
  return (
    THANKS_WORDS.has(first) || (THANKS_LEADS.has(first) && second !== undefined && THANKS_WORDS.has(second))
  );
}

export interface SmalltalkHit {
  kind: SmalltalkKind;
  why: string;
}

/** The longest phrase wins: in "hav en god dag" the farewell, not the greeting "god dag". */
/**
 * The small-talk phrases of a lexicon in one matcher (without the safety matcher's typo guards, so it finds
 * exactly what `phraseMatches` finds), compiled once: clauses are tried one by one and joined, and trying
 * every phrase on each was most of the time small talk took.
 */
const smalltalkMatchers = new WeakMap<
  CompiledLexicon,
  { matcher: CompiledMatcher; kinds: SmalltalkKind[] }
>();
function smalltalkMatcher(lexicon: CompiledLexicon): { matcher: CompiledMatcher; kinds: SmalltalkKind[] } {
  let compiled = smalltalkMatchers.get(lexicon);
  if (!compiled) {
    const phrases = SMALLTALK.flatMap(([reason]) => lexicon[reason]);
    const kinds = SMALLTALK.flatMap(([reason, kind]) => lexicon[reason].map(() => kind));
    smalltalkMatchers.set(lexicon, (compiled = { matcher: compileMatcher(phrases), kinds }));
  }
  return compiled;
}

function kindOf(lexicon: CompiledLexicon, tokens: readonly string[]): [SmalltalkKind, string] | undefined {
  const { matcher, kinds } = smalltalkMatcher(lexicon);
  const found = matcher.scan(tokens);
  let best: [SmalltalkKind, string, number] | undefined;
  // In list order, as phrase after phrase would be tried: the longest phrase wins, the first on a tie.
  matcher.phrases.forEach((phrase, i) => {
    if ((best && phrase.wordCount <= best[2]) || !found.has(i)) return;
    best = [kinds[i] as SmalltalkKind, phrase.source, phrase.wordCount];
  });
  return best && [best[0], best[1]];
}

/**
 * Small talk, or undefined. A whole-message phrase (`=takk`) tolerates only a couple of extra words, so
 * "Tusen takk, det var til stor hjelp!" is also read clause by clause: it is small talk when every clause
 * is, and the last clause says which kind ("takk, ha en fin dag" takes leave). A clause with anything else
 * in it ("takk, men hva med SFO?") keeps the message a question.
 */
export function smalltalkOf(
  lexicon: CompiledLexicon,
  hits: ReadonlyMap<PhraseReason, LexiconHit>,
  message: string,
): SmalltalkHit | undefined {
  for (const [reason, kind] of SMALLTALK) {
    const hit = hits.get(reason);
    if (hit) return { kind, why: `rule ${reason}: matched "${hit.phrase}" (${hit.origin})` };
  }
  const clauses = message
    .split(CLAUSE_BREAK)
    .map(foldedWords)
    .filter((tokens) => tokens.length > 0 && !(tokens.length === 1 && ADDRESS.has(tokens[0]!)));
  if (clauses.length === 0) return undefined;
  const kinds: [SmalltalkKind, string][] = [];
  for (let i = 0; i < clauses.length;) {
    let found: [SmalltalkKind, string] | undefined;
    let joined: string[] = [];
    let used = 0;
    while (!found && used <= JOIN_MAX && i + used < clauses.length) {
      joined = [...joined, ...clauses[i + used]!];
      used++;
      found = kindOf(lexicon, joined);
    }
    if (!found && thanksClause(clauses[i]!)) {
      kinds.push(['thanks', clauses[i]!.slice(0, 2).join(' ')]);
      i++;
      continue;
    }
    if (!found) {
      // Friendly chatter around a pleasantry ("hope things aren't too busy for you today") is no question.
      if (!friendly(clauses[i]!)) return undefined;
      i++;
      continue;
    }
    kinds.push(found);
    i += used;
  }
  const last = kinds[kinds.length - 1];
  if (!last) return undefined;
  const [kind] = last;
  return {
    kind,
    why: `rule smalltalk: every clause is small talk (${kinds.map(([, phrase]) => `"${phrase}"`).join(', ')})`,
  };
}
