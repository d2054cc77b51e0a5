import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { KnowledgeFile, Passage } from '../types.ts';
import { buildDenseIndex } from './dense-index.ts';
import type { Embedder } from './embedder.ts';
import { loadEmbedder } from './load-embedder.ts';
import { TINY_MODEL_ID, writeTinyModel } from './tiny-model.ts';

function knowledgeFile(id: string, title: string, questions: string[], body: string[]): KnowledgeFile {
  const texts: { kind: Passage['kind']; text: string }[] = [
    { kind: 'title', text: title },
    ...questions.map((text) => ({ kind: 'question' as const, text })),
    ...body.map((text) => ({ kind: 'body' as const, text })),
  ];
  const raw = JSON.stringify({ id, title, questions, body });
  return {
    id,
    path: `${id}.md`,
    title,
    lang: 'nb',
    tags: [],
    questions,
    kind: 'faq',
    body: body.join('\n\n'),
    bodyLine: 5,
    passages: texts.map((t, i) => ({ id: `${id}#${i}`, fileId: id, kind: t.kind, text: t.text })),
    hash: createHash('sha256').update(raw).digest('hex'),
  };
}

const FILES: KnowledgeFile[] = [
  knowledgeFile(
    'barnehage-soknadsfrist',
    'Søknadsfrist for barnehageplass',
    ['Når er fristen for å søke barnehageplass?'],
    ['Hovedopptaket har søknadsfrist 1. mars. Søk på kommunens nettside.'],
  ),
  knowledgeFile(
    'barnehage-oppsigelse',
    'Si opp barnehageplass',
    ['Hvordan sier jeg opp plassen i barnehagen?'],
    ['Oppsigelsestiden er to måneder regnet fra den første i måneden etter oppsigelsen.'],
  ),
  knowledgeFile(
    'sfo-soknad',
    'Søke plass i SFO',
    ['Hvordan søker jeg skolefritidsordning?'],
    ['Søknad om SFO sendes innen 1. mai for neste skoleår.'],
  ),
  knowledgeFile(
    'avfall-tomming',
    'Tømming av restavfall',
    ['Når hentes søppelet?'],
    ['Restavfall tømmes annenhver uke; matavfall hver uke.', 'Tømmekalenderen finner du på nettsiden.'],
  ),
  knowledgeFile(
    'eiendomsskatt',
    'Eiendomsskatt',
    ['Når må eiendomsskatten betales?'],
    ['Eiendomsskatten betales i fire terminer gjennom året.'],
  ),
];

const ALL_TEXTS = FILES.flatMap((f) => f.passages.map((p) => p.text));
const PASSAGE_COUNT = ALL_TEXTS.length;

let modelsDir: string;
let embedder: Embedder;
let dir: string;

/** Counts what reaches the model, so tests can tell re-embedding from reuse. */
function counting(inner: Embedder, modelId = inner.modelId): Embedder & { passages: string[] } {
  const passages: string[] = [];
  return {
    modelId,
    dimensions: inner.dimensions,
    passages,
    embedQueries: (texts) => inner.embedQueries(texts),
    embedPassages: (texts) => {
      passages.push(...texts);
      return inner.embedPassages(texts);
    },
  };
}

async function currentGeneration(): Promise<string> {
  return (await readFile(join(dir, 'CURRENT'), 'utf8')).trim();
}

beforeAll(async () => {
  modelsDir = await mkdtemp(join(tmpdir(), 'svar-dense-model-'));
  await writeTinyModel(modelsDir, { texts: ALL_TEXTS });
  const loaded = await loadEmbedder({ modelId: TINY_MODEL_ID, modelsDir, allowRemote: false });
  if (!loaded.ok) throw new Error(loaded.reason);
  embedder = loaded.embedder;
});

afterAll(async () => {
  await rm(modelsDir, { recursive: true, force: true });
});

beforeEach(async (context) => {
  dir = await mkdtemp(join(tmpdir(), 'svar-dense-index-'));
  context.onTestFinished(() => rm(dir, { recursive: true, force: true }));
});

describe('buildDenseIndex', () => {
  it('indexes every passage and finds a passage’s own file for its text', async () => {
    const model = counting(embedder);
    const progress: [number, number][] = [];
    const built = await buildDenseIndex({
      dir,
      embedder: model,
      files: FILES,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(built.warnings).toEqual([]);
    expect(built.embedded).toBe(PASSAGE_COUNT);
    expect(built.reused).toBe(0);
    expect(built.index.size).toBe(PASSAGE_COUNT);
    expect(model.passages).toEqual(ALL_TEXTS);
    expect(progress.at(-1)).toEqual([PASSAGE_COUNT, PASSAGE_COUNT]);

    for (const file of FILES) {
      for (const passage of file.passages) {
        const [query] = await embedder.embedQueries([passage.text]);
        if (!query) throw new Error('no query vector');
        const [best] = built.index.search(query, 3);
        expect(best?.fileId, passage.text).toBe(file.id);
        expect(best?.passageId).toBe(passage.id);
        expect(best?.similarity).toBeGreaterThan(0.5);
        expect(best?.similarity).toBeLessThanOrEqual(1.0001);
      }
    }
  });

  it('returns at most k hits, best first, and none for an empty index', async () => {
    const built = await buildDenseIndex({ dir, embedder, files: FILES });
    const [query] = await embedder.embedQueries(['restavfall']);
    if (!query) throw new Error('no query vector');
    const hits = built.index.search(query, 4);
    expect(hits).toHaveLength(4);
    const similarities = hits.map((h) => h.similarity);
    expect(similarities).toEqual([...similarities].sort((a, b) => b - a));
    expect(built.index.search(query, 1000)).toHaveLength(PASSAGE_COUNT);

    const empty = await buildDenseIndex({ dir: join(dir, 'empty'), embedder, files: [] });
    expect(empty.index.size).toBe(0);
    expect(empty.index.search(query, 5)).toEqual([]);
  });

  it('reuses every stored vector when nothing changed', async () => {
    await buildDenseIndex({ dir, embedder, files: FILES });
    const generation = await currentGeneration();
    const model = counting(embedder);
    const again = await buildDenseIndex({ dir, embedder: model, files: [...FILES].reverse() });
    expect(again.warnings).toEqual([]);
    expect(again.embedded).toBe(0);
    expect(again.reused).toBe(PASSAGE_COUNT);
    expect(model.passages).toEqual([]);
    expect(await currentGeneration()).toBe(generation);
    const [query] = await embedder.embedQueries([FILES[1]?.passages[2]?.text ?? '']);
    expect(again.index.search(query ?? new Float32Array(), 1)[0]?.fileId).toBe('barnehage-oppsigelse');
  });

  it('re-embeds only a changed file, drops a removed one and swaps in a new generation', async () => {
    await buildDenseIndex({ dir, embedder, files: FILES });
    const before = await currentGeneration();
    const changed = knowledgeFile(
      'avfall-tomming',
      'Tømming av restavfall og matavfall',
      ['Når hentes søppelet?'],
      ['Matavfall hentes hver uke, restavfall hver tredje uke.'],
    );
    const files = [...FILES.filter((f) => f.id !== 'avfall-tomming' && f.id !== 'eiendomsskatt'), changed];
    const model = counting(embedder);
    const rebuilt = await buildDenseIndex({ dir, embedder: model, files });

    expect(rebuilt.changedFiles).toEqual(['avfall-tomming']);
    expect(rebuilt.removedFiles).toEqual(['eiendomsskatt']);
    expect(model.passages).toEqual(changed.passages.map((p) => p.text));
    expect(rebuilt.embedded).toBe(changed.passages.length);
    expect(rebuilt.reused).toBe(files.reduce((n, f) => n + f.passages.length, 0) - changed.passages.length);
    expect(rebuilt.index.size).toBe(rebuilt.embedded + rebuilt.reused);

    const after = await currentGeneration();
    expect(after).not.toBe(before);
    expect((await readdir(dir)).filter((e) => e.startsWith('gen-'))).toEqual([after]);

    const [query] = await embedder.embedQueries(['Matavfall hentes hver uke, restavfall hver tredje uke.']);
    if (!query) throw new Error('no query vector');
    const hits = rebuilt.index.search(query, 100);
    expect(hits).toHaveLength(rebuilt.index.size);
    expect(hits[0]?.fileId).toBe('avfall-tomming');
    expect(hits.some((h) => h.fileId === 'eiendomsskatt')).toBe(false);
    // The old text of the changed file is gone from the index.
    expect(hits.filter((h) => h.fileId === 'avfall-tomming')).toHaveLength(changed.passages.length);

    // The incremental result is persisted: a third build reuses everything.
    const third = await buildDenseIndex({ dir, embedder: counting(embedder), files });
    expect(third.embedded).toBe(0);
    expect(third.warnings).toEqual([]);
  });

  it('rebuilds from scratch with a warning when the manifest is corrupt', async () => {
    await buildDenseIndex({ dir, embedder, files: FILES });
    await writeFile(join(dir, await currentGeneration(), 'manifest.json'), '{"format": 1, "modelId": ');
    const model = counting(embedder);
    const rebuilt = await buildDenseIndex({ dir, embedder: model, files: FILES });
    expect(rebuilt.warnings).toEqual([
      expect.stringMatching(/^Dense index rebuilt from scratch: the manifest could not be read/),
    ]);
    expect(rebuilt.embedded).toBe(PASSAGE_COUNT);
    const next = await buildDenseIndex({ dir, embedder, files: FILES });
    expect(next.warnings).toEqual([]);
    expect(next.embedded).toBe(0);
  });

  it('rebuilds from scratch when the stored vectors are damaged', async () => {
    await buildDenseIndex({ dir, embedder, files: FILES });
    const vectors = join(dir, await currentGeneration(), 'vectors.f32');
    const bytes = await readFile(vectors);
    bytes[10] = (bytes[10] ?? 0) ^ 0xff;
    await writeFile(vectors, bytes);
    const rebuilt = await buildDenseIndex({ dir, embedder, files: FILES });
    expect(rebuilt.warnings).toEqual([expect.stringContaining('stored vectors do not match')]);
    expect(rebuilt.embedded).toBe(PASSAGE_COUNT);
  });

  it('rebuilds only the search graph from stored vectors when hnsw.bin is damaged', async () => {
    await buildDenseIndex({ dir, embedder, files: FILES });
    await writeFile(join(dir, await currentGeneration(), 'hnsw.bin'), 'garbage');
    const model = counting(embedder);
    const rebuilt = await buildDenseIndex({ dir, embedder: model, files: FILES });
    expect(rebuilt.warnings).toEqual([
      expect.stringContaining('search graph rebuilt from the stored vectors'),
    ]);
    expect(rebuilt.embedded).toBe(0);
    const [query] = await embedder.embedQueries([FILES[2]?.title ?? '']);
    expect(rebuilt.index.search(query ?? new Float32Array(), 1)[0]?.fileId).toBe('sfo-soknad');
  });

  it('rebuilds from scratch with a warning when the CURRENT pointer is garbage', async () => {
    await buildDenseIndex({ dir, embedder, files: FILES });
    await writeFile(join(dir, 'CURRENT'), '../../etc\n');
    const rebuilt = await buildDenseIndex({ dir, embedder, files: FILES });
    expect(rebuilt.warnings).toEqual([expect.stringContaining('CURRENT pointer is unreadable')]);
    expect(rebuilt.embedded).toBe(PASSAGE_COUNT);
  });

  it('rebuilds from scratch when the index was made with another model', async () => {
    await buildDenseIndex({ dir, embedder: counting(embedder, 'other/model'), files: FILES });
    const model = counting(embedder);
    const rebuilt = await buildDenseIndex({ dir, embedder: model, files: FILES });
    expect(rebuilt.warnings).toEqual([
      `Dense index rebuilt from scratch: it was made with other/model (32 dimensions), not ${TINY_MODEL_ID} (32).`,
    ]);
    expect(rebuilt.embedded).toBe(PASSAGE_COUNT);
    expect(model.passages).toHaveLength(PASSAGE_COUNT);
  });

  it('keeps the previous generation live when the embedder fails mid-build', async () => {
    await buildDenseIndex({ dir, embedder, files: FILES });
    const before = await currentGeneration();
    const failing: Embedder = {
      ...embedder,
      embedPassages: () => Promise.reject(new Error('model crashed')),
    };
    const changed = knowledgeFile('eiendomsskatt', 'Eiendomsskatt 2026', [], ['Ny sats.']);
    await expect(
      buildDenseIndex({ dir, embedder: failing, files: [...FILES.slice(0, 4), changed] }),
    ).rejects.toThrow('model crashed');
    expect(await currentGeneration()).toBe(before);
    expect((await readdir(dir)).filter((e) => e.startsWith('.tmp-'))).toEqual([]);
    const next = await buildDenseIndex({ dir, embedder, files: FILES });
    expect(next.embedded).toBe(0);
  });

  it('indexes a duplicated file id once, with a warning', async () => {
    const first = FILES[0];
    if (!first) throw new Error('no file');
    const built = await buildDenseIndex({ dir, embedder, files: [first, { ...first, path: 'copy/dup.md' }] });
    expect(built.index.size).toBe(first.passages.length);
    expect(built.warnings).toEqual([expect.stringContaining('appears more than once')]);
  });
});
