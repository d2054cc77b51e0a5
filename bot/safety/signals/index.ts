import { CRISIS_CONCEPTS } from './crisis-concepts.ts';
import { compileSignals, scanSignals } from './engine.ts';
import { phraseSpans } from '../../text/phrase.ts';
import type { CompiledSignals, SignalScan } from './engine.ts';
import { REQUEST_CONCEPTS } from './request-concepts.ts';
import { SIGNAL_RULES, SIGNAL_VETOES } from './rules.ts';
import { SERVICE_CONCEPTS } from './service-concepts.ts';

export type { SignalHit, SignalScan, SignalVeto } from './engine.ts';

/** The built-in concepts, rules and vetoes, compiled once. */
export const BUILT_IN_SIGNALS: CompiledSignals = compileSignals(
  [CRISIS_CONCEPTS, REQUEST_CONCEPTS, SERVICE_CONCEPTS],
  SIGNAL_RULES,
  SIGNAL_VETOES,
);

/** Signal rules and vetoes for a message's folded words (see engine.ts). */
export function scanBuiltInSignals(tokens: readonly string[], general: boolean): SignalScan {
  return scanSignals(BUILT_IN_SIGNALS, tokens, general);
}

const spans = (name: string, tokens: readonly string[]) =>
  (BUILT_IN_SIGNALS.concepts.get(name) ?? []).flatMap((p) => phraseSpans(p, tokens));

/** How far after a question opener a service topic may start ("kan jeg nå at få pas" → 4). */
const SERVICE_TOPIC_WITHIN = 6;
/** Concepts that keep a sensitive phrase sensitive however the message goes on. */
const STILL_SENSITIVE = ['despair', 'cant_cope', 'worry', 'struggle', 'substance', 'child', 'neglect'];

/**
 * Where a how- or can-I-question about a municipal service starts ("…, hvordan søker man kommunal bolig",
 * "…, kan jeg nå at få pas"), or undefined. A sensitive phrase that ends before it is only the context of a
 * service question ("min far er blevet alvorligt syg …, kan jeg nå at få pas?") and counts as weak, unless the
 * message also speaks of despair, not coping, worry, a struggle, substances or a child.
 */
export function serviceQuestionStart(tokens: readonly string[]): number | undefined {
  if (STILL_SENSITIVE.some((name) => spans(name, tokens).length > 0)) return undefined;
  const topics = spans('service_topic', tokens);
  const openers = spans('question_opener', tokens).sort((a, b) => a.start - b.start);
  const opener = openers.find((o) =>
    topics.some((t) => t.start >= o.end && t.start - o.end <= SERVICE_TOPIC_WITHIN),
  );
  return opener?.start;
}
