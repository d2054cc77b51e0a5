import { describe, expect, it } from 'vitest';
import { foldedWords } from '../../text/normalize.ts';
import { classify, MAX_MODEL_BYTES, parseHandoverModel } from './handover-model.ts';
import { trainHandoverModel, type TrainingExample } from './train.ts';

// Invented messages: two handover reasons and ordinary questions, small enough to fit in a moment.
const EXAMPLES: TrainingExample[] = [
  { text: 'kan jeg få snakke med et menneske', label: 'human_request' },
  { text: 'jeg vil snakke med en saksbehandler nå', label: 'human_request' },
  { text: 'can I talk to a real person please', label: 'human_request' },
  { text: 'I want to speak to a person', label: 'human_request' },
  { text: 'har dere behandlet søknaden min', label: 'personal' },
  { text: 'hvor langt har dere kommet med søknaden min', label: 'personal' },
  { text: 'has my application been processed yet', label: 'personal' },
  { text: 'when will my application be decided', label: 'personal' },
  { text: 'hva koster barnehage', label: 'none' },
  { text: 'når er fristen for å søke barnehageplass', label: 'none' },
  { text: 'what are the library opening hours', label: 'none' },
  { text: 'how much is the waste fee', label: 'none' },
  { text: 'hvordan søker jeg om sfo', label: 'none' },
  { text: 'where is the recycling centre', label: 'none' },
];

const verdict = (model: ReturnType<typeof trainHandoverModel>, text: string) =>
  classify(model, foldedWords(text));

describe('trainHandoverModel', () => {
  const model = trainHandoverModel(EXAMPLES, { minDocs: 1, sources: ['toy.jsonl'] });

  it('learns the reasons well enough to recognise new wordings of them', () => {
    const person = verdict(model, 'kan jeg snakke med en person');
    expect(person.reason).toBe('human_request');
    expect(person.handover).toBeGreaterThan(0.5);
    const own = verdict(model, 'is my application processed');
    expect(own.reason).toBe('personal');
    expect(own.handover).toBeGreaterThan(0.5);
    expect(verdict(model, 'hva koster sfo').handover).toBeLessThan(0.5);
  });

  it('explains a verdict with the words that pushed it', () => {
    expect(verdict(model, 'snakke med et menneske').evidence).toContain('menneske');
  });

  it('gives the same model for the same examples', () => {
    expect(trainHandoverModel(EXAMPLES, { minDocs: 1, sources: ['toy.jsonl'] })).toEqual(model);
  });

  it('records what it was trained on and leaves out features seen only once by default', () => {
    expect(model.trainedOn).toEqual({ examples: EXAMPLES.length, sources: ['toy.jsonl'] });
    const pruned = trainHandoverModel(EXAMPLES);
    expect(Object.keys(pruned.features).length).toBeLessThan(Object.keys(model.features).length);
    expect(pruned.features['w:menneske']).toBeUndefined();
  });

  it('leaves out words found in more than maxWordShare of the examples, but keeps their pairs and letters', () => {
    // "med" is in 3 of 14 examples, "menneske" in 1.
    const common = trainHandoverModel(EXAMPLES, { minDocs: 1, maxWordShare: 0.2 });
    expect(model.features['w:med']).toBeDefined();
    expect(common.features['w:med']).toBeUndefined();
    expect(common.features['w:menneske']).toBeDefined();
    expect(common.features['b:med et']).toBeDefined();
    expect(common.features['c: med ']).toBeDefined();
  });

  it('refuses to train on nothing', () => {
    expect(() => trainHandoverModel([])).toThrow(/no training examples/);
  });
});

describe('parseHandoverModel', () => {
  const model = trainHandoverModel(EXAMPLES, { minDocs: 1 });

  it('reads back what training wrote', () => {
    expect(parseHandoverModel(JSON.stringify(model))).toEqual({ ok: true, model });
  });

  it('reports a broken file instead of throwing', () => {
    expect(parseHandoverModel('{"format":')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^not JSON/),
    });
    const wrongRow = { ...model, features: { 'w:x': [1, 2] } };
    expect(parseHandoverModel(JSON.stringify(wrongRow))).toMatchObject({
      ok: false,
      error: expect.stringContaining('features.w:x'),
    });
    expect(parseHandoverModel(JSON.stringify({ ...model, format: 'other/1' }))).toMatchObject({ ok: false });
  });

  it('checks the size before parsing', () => {
    expect(parseHandoverModel(' '.repeat(MAX_MODEL_BYTES + 1))).toEqual({
      ok: false,
      error: `larger than ${MAX_MODEL_BYTES} bytes`,
    });
  });
});
