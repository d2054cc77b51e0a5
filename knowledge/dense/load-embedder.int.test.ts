import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from './embedder.ts';
import { loadEmbedder } from './load-embedder.ts';
import { TINY_MODEL_ID, writeTinyModel } from './tiny-model.ts';

const TEXTS = [
  'Søknadsfrist for barnehageplass er 1. mars.',
  'Oppsigelse av barnehageplass må skje skriftlig med to måneders frist.',
  'Søknad om SFO-plass sendes innen 1. mai.',
  'Restavfall hentes annenhver uke.',
  'Eiendomsskatt betales i fire terminer.',
  'Parkering i sentrum krever gyldig billett.',
];

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}

let modelsDir: string;
let embedder: Embedder;

beforeAll(async () => {
  modelsDir = await mkdtemp(join(tmpdir(), 'svar-embedder-'));
  await writeTinyModel(modelsDir, { texts: TEXTS });
  const loaded = await loadEmbedder({ modelId: TINY_MODEL_ID, modelsDir, allowRemote: false });
  if (!loaded.ok) throw new Error(loaded.reason);
  embedder = loaded.embedder;
});

afterAll(async () => {
  await rm(modelsDir, { recursive: true, force: true });
});

describe('loadEmbedder with the tiny model', () => {
  it('loads offline from <modelsDir>/svar/tiny-e5 and reports the model width', async () => {
    expect(embedder.modelId).toBe(TINY_MODEL_ID);
    expect(embedder.dimensions).toBe(32);
    const [vector] = await embedder.embedPassages([TEXTS[0] ?? '']);
    expect(vector).toBeInstanceOf(Float32Array);
    expect(vector?.length).toBe(32);
  });

  it('returns L2-normalised vectors', async () => {
    const vectors = [...(await embedder.embedQueries(TEXTS)), ...(await embedder.embedPassages(TEXTS))];
    for (const vector of vectors) expect(Math.sqrt(dot(vector, vector))).toBeCloseTo(1, 5);
  });

  it('applies different prefixes to queries and passages', async () => {
    const text = TEXTS[0] ?? '';
    const [query] = await embedder.embedQueries([text]);
    const [passage] = await embedder.embedPassages([text]);
    if (!query || !passage) throw new Error('no vectors');
    expect(dot(query, passage)).toBeLessThan(0.999);
    // The same text under the other prefix is still far closer than an unrelated text.
    const [other] = await embedder.embedPassages([TEXTS[3] ?? '']);
    expect(dot(query, passage)).toBeGreaterThan(dot(query, other ?? passage));
  });

  it('gives the same words the same vector and different words different vectors', async () => {
    const [a, b, c] = await embedder.embedPassages([
      'restavfall hentes',
      'Restavfall  hentes',
      'eiendomsskatt betales',
    ]);
    if (!a || !b || !c) throw new Error('no vectors');
    expect(dot(a, b)).toBeCloseTo(1, 6);
    expect(dot(a, c)).toBeLessThan(0.95);
  });

  it('gives the same vectors in batches as one by one, across batch boundaries and padding', async () => {
    // 40 texts of different lengths: three batches of 16, padded to different lengths.
    const texts = Array.from({ length: 40 }, (_, i) => TEXTS.slice(0, (i % TEXTS.length) + 1).join(' '));
    const batched = await embedder.embedPassages(texts);
    expect(batched).toHaveLength(texts.length);
    for (const [i, text] of texts.entries()) {
      const [single] = await embedder.embedPassages([text]);
      const fromBatch = batched[i];
      if (!single || !fromBatch) throw new Error('no vectors');
      for (let d = 0; d < single.length; d++) expect(fromBatch[d]).toBeCloseTo(single[d] ?? NaN, 5);
    }
  });

  it('returns nothing for nothing', async () => {
    expect(await embedder.embedQueries([])).toEqual([]);
  });
});

describe('loadEmbedder failures', () => {
  it('says in one line that the model is missing when the hub may not be used', async () => {
    const result = await loadEmbedder({
      modelId: 'Xenova/multilingual-e5-small',
      modelsDir,
      allowRemote: false,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toContain('Xenova/multilingual-e5-small not found in');
    expect(result.reason).not.toContain('\n');
    expect(result.reason).not.toMatch(/\bat .*:\d+:\d+/);
  });

  it('loads a copied model folder given as localPath, under the configured model id', async () => {
    const result = await loadEmbedder({
      modelId: 'Xenova/multilingual-e5-small',
      modelsDir: join(modelsDir, 'nowhere'),
      localPath: join(modelsDir, 'svar', 'tiny-e5'),
      allowRemote: false,
    });
    if (!result.ok) throw new Error(result.reason);
    expect(result.embedder.modelId).toBe('Xenova/multilingual-e5-small');
    expect(result.embedder.dimensions).toBe(32);
  });

  it('names the missing files of an incomplete localPath folder', async () => {
    const result = await loadEmbedder({
      modelId: TINY_MODEL_ID,
      modelsDir,
      localPath: join(modelsDir, 'svar'),
      allowRemote: true,
    });
    expect(result).toEqual({
      ok: false,
      reason: expect.stringContaining('is incomplete (missing config.json'),
    });
  });

  it('reports a model whose weights are broken in one line instead of throwing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'svar-broken-model-'));
    try {
      const tiny = await writeTinyModel(dir, { texts: TEXTS });
      await writeFile(join(tiny.folder, 'onnx', 'model.onnx'), 'not an onnx graph');
      const result = await loadEmbedder({ modelId: TINY_MODEL_ID, modelsDir: dir, allowRemote: false });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.reason).toMatch(/^embedding model svar\/tiny-e5 in .* could not be loaded: /);
      expect(result.reason).not.toContain('\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects model ids that would point outside the models folder', async () => {
    const result = await loadEmbedder({ modelId: '../etc/passwd', modelsDir, allowRemote: true });
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('is not valid') });
  });
});
