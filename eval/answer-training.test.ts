import { describe, expect, it } from 'vitest';
import type { Probe } from '../bot/index.ts';
import { crossFittedScope } from './answer-training.ts';

const question = (words: string[], kind: Probe['kind']): Probe => ({
  rows: [],
  facts: { words, lang: 'nb', mode: 'lexical', unknownWords: [] },
  right: kind === 'answerable' ? 0 : -1,
  weight: 1,
  kind,
});

describe('out-of-scope scores for training', () => {
  const a = {
    label: 'a',
    labelled: [
      question(['skattemelding'], 'near-miss'),
      question(['skattemelding', 'frist'], 'near-miss'),
      question(['barnehage'], 'answerable'),
    ],
    probes: [question(['skattemelding'], 'answerable')],
  };
  const b = {
    label: 'b',
    labelled: [
      question(['pensjon'], 'near-miss'),
      question(['pensjon', 'alder'], 'near-miss'),
      question(['barnehage', 'pris'], 'answerable'),
      question(['barnehage'], 'answerable'),
    ],
    probes: [],
  };

  it('scores each folder by words learnt from the other folders only, never from its own questions', () => {
    const [fa, fb] = crossFittedScope([a, b]);
    // "skattemelding" is out of scope only in folder a's own questions: a's model never saw it.
    expect(fa?.labelled[0]?.facts.scopeScore).toBe(0);
    expect(fa?.probes[0]?.facts.scopeScore).toBe(0);
    // Likewise "pensjon" for folder b; a kindergarten question in a leans to "answered", learnt from b.
    expect(fb?.labelled[0]?.facts.scopeScore).toBe(0);
    expect(fa?.labelled[2]?.facts.scopeScore).toBeLessThan(0);
  });

  it('learns from other folders than it trains on when told to', () => {
    const [only] = crossFittedScope([a], [a, b]);
    expect(only?.labelled[2]?.facts.scopeScore).toBeLessThan(0);
    expect(only?.labelled[0]?.facts.scopeScore).toBe(0);
  });

  it('leaves the shared records untouched', () => {
    crossFittedScope([a, b]);
    expect(a.labelled[0]?.facts.scopeScore).toBeUndefined();
  });
});
