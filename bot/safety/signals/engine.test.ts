import { describe, expect, it } from 'vitest';
import { foldedWords } from '../../text/normalize.ts';
import { compileSignals, scanSignals } from './engine.ts';
import type { Concepts, SignalRule, SignalVeto } from './engine.ts';

const CONCEPTS: Concepts = {
  verb: { nb: ['slår'], en: ['hits'] },
  person: { nb: ['kona', 'meg'], en: ['me', 'my wife'] },
  idiom: { nb: ['slår meg ned'] },
  age: { en: ['im childage'] },
  illness: { da: ['*kræft'] },
  number: { en: ['phone number'] },
  human: { en: ['a person'] },
};
const RULES: SignalRule[] = [
  { id: 'ordered', reason: 'crisis', all: ['verb', 'person'], within: 1, unless: ['idiom'] },
  { id: 'child', reason: 'crisis', all: ['age'] },
  { id: 'illness', reason: 'sensitive', all: ['illness'], weak: true },
  { id: 'any order', reason: 'human_request', all: [['human', 'person'], 'number'] },
];
const VETOES: SignalVeto[] = [{ id: 'number', reason: 'human_request', when: ['number'], unless: ['verb'] }];
const signals = compileSignals([CONCEPTS], RULES, VETOES);
const rules = (message: string, general = false): string[] =>
  scanSignals(signals, foldedWords(message), general).hits.map((h) => h.rule);

describe('scanSignals', () => {
  it.each([
    ['han slår kona', ['ordered']],
    ['han slår den kona', ['ordered']], // one word between is within 1
    ['han slår hele den kona', []], // two are not
    ['kona slår han', []], // order matters
    ['jeg slår meg ned her', []], // unless
    ['he hits my wife', ['ordered']],
  ] as const)('"%s" → %j', (message, expected) => {
    expect(rules(message)).toEqual(expected);
  });

  it('reads ages 6–17 as "childage"', () => {
    expect(rules('im 14')).toEqual(['child']);
    expect(rules('im 14yo')).toEqual(['child']);
    expect(rules('im 42')).toEqual([]);
  });

  it('matches suffixes and skips weak rules in general questions', () => {
    expect(rules('jeg har brystkræft')).toEqual(['illness']);
    expect(rules('jeg har brystkræft', true)).toEqual([]);
  });

  it('finds unordered concepts anywhere and reports the words', () => {
    const scan = scanSignals(signals, foldedWords('Phone number of a person?'), false);
    expect(scan.hits).toEqual([
      { reason: 'human_request', rule: 'any order', words: 'a person … phone number' },
    ]);
    expect(scan.vetoes.map((v) => v.id)).toEqual(['number']);
    expect(scanSignals(signals, foldedWords('phone number, he hits me'), false).vetoes).toEqual([]);
  });

  it('rejects unknown and duplicate concepts', () => {
    expect(() => compileSignals([CONCEPTS], [{ id: 'x', reason: 'crisis', all: ['nope'] }], [])).toThrow(
      /unknown/,
    );
    expect(() => compileSignals([CONCEPTS, { verb: {} }], [], [])).toThrow(/twice/);
    expect(() => compileSignals([{ empty: { nb: ['  '] } }], [], [])).toThrow(/no words/);
  });
});
