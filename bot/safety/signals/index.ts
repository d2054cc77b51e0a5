import { CRISIS_CONCEPTS } from './crisis-concepts.ts';
import { compileSignals, scanSignals } from './engine.ts';
import type { CompiledSignals, SignalScan } from './engine.ts';
import { REQUEST_CONCEPTS } from './request-concepts.ts';
import { SIGNAL_RULES, SIGNAL_VETOES } from './rules.ts';

export type { SignalHit, SignalScan, SignalVeto } from './engine.ts';

/** The built-in concepts, rules and vetoes, compiled once. */
export const BUILT_IN_SIGNALS: CompiledSignals = compileSignals(
  [CRISIS_CONCEPTS, REQUEST_CONCEPTS],
  SIGNAL_RULES,
  SIGNAL_VETOES,
);

/** Signal rules and vetoes for a message's folded words (see engine.ts). */
export function scanBuiltInSignals(tokens: readonly string[], general: boolean): SignalScan {
  return scanSignals(BUILT_IN_SIGNALS, tokens, general);
}
