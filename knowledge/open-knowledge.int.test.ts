import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEmbedder, writeTinyModel } from './dense/index.ts';
import { openKnowledge } from './open-knowledge.ts';

const faq = (id: string, title: string, body: string) =>
  `---\nid: ${id}\ntitle: ${title}\nlang: nb\nquestions:\n  - ${title}?\n---\n${body}\n`;

describe('openKnowledge with the fixture embedding model (hybrid)', () => {
  it('builds a dense index, fuses it with lexical and rebuilds incrementally', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'svar-kb-'));
    const data = await mkdtemp(join(tmpdir(), 'svar-data-'));
    const models = await mkdtemp(join(tmpdir(), 'svar-models-'));
    const files = {
      'a.md': faq('a', 'Søknadsfrist barnehage', 'Fristen er 1. mars.'),
      'b.md': faq('b', 'Pris for SFO', 'SFO koster 3100 kroner.'),
      'c.md': faq('c', 'Tømming av søppel', 'Restavfall hentes annenhver uke.'),
    };
    for (const [name, text] of Object.entries(files)) {
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, name), text);
    }
    const tiny = await writeTinyModel(models, { texts: Object.values(files) });
    const loaded = await loadEmbedder({ modelId: tiny.modelId, modelsDir: models, allowRemote: false });
    if (!loaded.ok) throw new Error(loaded.reason);
    const calibration = { floor: 0, ceiling: 1 };
    const kb = await openKnowledge({
      knowledgeDir: dir,
      dataDir: data,
      embedder: loaded.embedder,
      calibration,
    });
    expect(kb.status().mode).toBe('hybrid');
    expect(kb.status().notice).toBeUndefined();
    expect(kb.status().dense?.embedded).toBeGreaterThan(0);

    const result = await kb.retriever.search('Pris for SFO');
    expect(result.mode).toBe('hybrid');
    const top = result.candidates[0];
    expect(top?.fileId).toBe('b');
    expect(top?.dense?.rank).toBe(1);
    expect(top?.lexical?.rank).toBe(1);
    expect(top?.why.some((w) => w.startsWith('dense #1'))).toBe(true);

    await writeFile(join(dir, 'c.md'), faq('c', 'Tømming av søppel', 'Restavfall hentes hver uke.'));
    const status = await kb.reload();
    expect(status.dense?.reused).toBeGreaterThan(0);
    expect(status.dense?.embedded).toBeLessThan(status.passages);
  });
});
