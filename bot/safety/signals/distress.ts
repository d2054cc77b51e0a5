import type { DistressScore } from '../engine.ts';
import { builtInCompiledLexicon, scanDistress } from '../lexicons.ts';
import type { CompiledLexicon } from '../lexicons.ts';

export type { DistressScore };

/**
 * The distress score of a message's folded words: the weights of the distress concepts in
 * concepts/rules.yaml that occur, plus boosts (see engine.ts `distressOf`). Uses the same scan as the rules
 * when decide() has scanned these tokens already.
 */
export function distressScore(
  tokens: readonly string[],
  general: boolean,
  lexicon: CompiledLexicon = builtInCompiledLexicon(),
): DistressScore {
  return scanDistress(lexicon, tokens, general);
}
