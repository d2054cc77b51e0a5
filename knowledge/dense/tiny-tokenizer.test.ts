import { describe, expect, it } from 'vitest';
import { SPECIAL_TOKENS, buildVocabulary, preTokenize, tokenizerJson } from './tiny-tokenizer.ts';

describe('tiny tokenizer vocabulary', () => {
  it('splits like BERT: lower-cased words, punctuation on its own, Nordic letters kept', () => {
    expect(preTokenize('Søknadsfrist: 1. mars (SFO-plass)!')).toEqual([
      'søknadsfrist',
      ':',
      '1',
      '.',
      'mars',
      '(',
      'sfo',
      '-',
      'plass',
      ')',
      '!',
    ]);
  });

  it('puts the special tokens first, then letters, prefixes and the words of the texts', () => {
    const vocab = buildVocabulary(['Barnehage barnehage søknad', 'Ærlig talt'], 100);
    expect(vocab.slice(0, SPECIAL_TOKENS.length)).toEqual([...SPECIAL_TOKENS]);
    for (const token of [
      'barnehage',
      'søknad',
      'ærlig',
      'talt',
      'query',
      'passage',
      ':',
      'ø',
      '##ø',
      '##æ',
    ]) {
      expect(vocab).toContain(token);
    }
    expect(new Set(vocab).size).toBe(vocab.length);
  });

  it('keeps the most frequent words when capped', () => {
    const vocab = buildVocabulary(['sjelden vanlig vanlig vanlig ofte ofte'], 2);
    expect(vocab).toContain('vanlig');
    expect(vocab).toContain('ofte');
    expect(vocab).not.toContain('sjelden');
  });

  it('writes a WordPiece tokenizer.json whose ids match the vocabulary order', () => {
    const vocab = buildVocabulary(['restavfall'], 10);
    const json = tokenizerJson(vocab) as { model: { type: string; vocab: Record<string, number> } };
    expect(json.model.type).toBe('WordPiece');
    expect(json.model.vocab['[CLS]']).toBe(2);
    expect(json.model.vocab.restavfall).toBe(vocab.indexOf('restavfall'));
  });
});
