import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldedWords } from '../../text/normalize.ts';
import { builtInHandoverModel } from './built-in.ts';
import { CompiledHandoverModel } from './compiled-model.ts';
import { featureCounts } from './features.ts';
import { vectorise, type HandoverModel } from './handover-model.ts';

/** The vector as the model defines it: feature names and values, in order. */
const reference = (model: HandoverModel, words: readonly string[]): [string, number][] => [
  ...vectorise(featureCounts(words), (f) => model.features[f]?.[0]),
];

const compiledVector = (model: HandoverModel, words: readonly string[]): [string, number][] => {
  const compiled = CompiledHandoverModel.of(model);
  const { ids, values } = compiled.vector(words);
  return ids.map((id, k) => [compiled.names[id] ?? '', values[k] as number]);
};

const TEXTS = [
  '',
  'hei',
  'Jeg vil snakke med et menneske, ikke en robot! Et menneske!',
  'saksnummer 2024/1234 og fødselsnummer 010190 12345, ring 12 34 56 78',
  'min sønn min sønn min sønn er syk og jeg vet ikke hva jeg skal gjøre',
  'I applied for a resident parking permit 3 weeks ago and still heard nothing, can you check?',
  'søknad søknaden soknad soeknad søknadene',
];

describe('CompiledHandoverModel', async () => {
  const model = await builtInHandoverModel();

  it('gives exactly the vector vectorise(featureCounts(…)) gives, in the same order', () => {
    for (const text of TEXTS) {
      const words = foldedWords(text);
      expect(compiledVector(model, words), text).toEqual(reference(model, words));
    }
  });

  it('does so for any words, repeated or not, and past the word limit', () => {
    const word = fc.oneof(
      fc.constantFrom('jeg', 'vil', 'snakke', 'med', 'menneske', 'sak', 'hjelp', 'barnehage', 'min', 'sønn'),
      fc.stringMatching(/^[a-zæøå0-9]{1,9}$/),
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 30 }), (raw) => {
        const words = foldedWords(raw.join(' '));
        expect(compiledVector(model, words)).toEqual(reference(model, words));
      }),
      { numRuns: 200 },
    );
    const long = foldedWords('jeg trenger hjelp med saken min nå '.repeat(80));
    expect(long.length).toBeGreaterThan(400);
    expect(compiledVector(model, long)).toEqual(reference(model, long));
  });

  it('compiles each model once', () => {
    expect(CompiledHandoverModel.of(model)).toBe(CompiledHandoverModel.of(model));
  });
});
