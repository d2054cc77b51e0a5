import type { CompiledLexicon, LexiconHit, PhraseReason } from '../safety/lexicons.ts';
import { foldedWords } from '../text/normalize.ts';
import { phraseMatches } from '../text/phrase.ts';
import type { SmalltalkKind } from './build.ts';

const SMALLTALK: readonly [PhraseReason, SmalltalkKind][] = [
  ['smalltalk_hello', 'hello'],
  ['smalltalk_thanks', 'thanks'],
  ['smalltalk_bye', 'bye'],
  ['smalltalk_ack', 'ack'],
];

/** Punctuation and the plain "and" join pleasantries: "takk, ha det", "tak og god weekend". */
const CLAUSE_BREAK = /[.,;:!?\n]+|\s(?:og|and|och|&)\s/iu;

export interface SmalltalkHit {
  kind: SmalltalkKind;
  why: string;
}

/** The longest phrase wins: in "hav en god dag" the farewell, not the greeting "god dag". */
function kindOf(lexicon: CompiledLexicon, tokens: readonly string[]): [SmalltalkKind, string] | undefined {
  let best: [SmalltalkKind, string, number] | undefined;
  for (const [reason, kind] of SMALLTALK) {
    for (const phrase of lexicon[reason]) {
      if ((best && phrase.wordCount <= best[2]) || !phraseMatches(phrase, tokens)) continue;
      best = [kind, phrase.source, phrase.wordCount];
    }
  }
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
    .filter((tokens) => tokens.length > 0);
  if (clauses.length < 2) return undefined;
  const kinds: [SmalltalkKind, string][] = [];
  for (const tokens of clauses) {
    const found = kindOf(lexicon, tokens);
    if (!found) return undefined;
    kinds.push(found);
  }
  const [kind] = kinds[kinds.length - 1]!;
  return {
    kind,
    why: `rule smalltalk: every clause is small talk (${kinds.map(([, phrase]) => `"${phrase}"`).join(', ')})`,
  };
}
