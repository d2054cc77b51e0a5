import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { calibrate, FEATURE_NAMES } from '../bot/index.ts';
import { loadEmbedder, openKnowledge, writeTinyModel } from '../knowledge/index.ts';
import { writeSyntheticKnowledge } from './synthetic-knowledge.ts';

/**
 * A change of retrieval mode recalibrates: the same knowledge, lexical and then hybrid with the fixture
 * model the project makes (`npm run models -- make-tiny`), gives probes with dense features and other weights.
 */
const VOCABULARY = (
  'barnehage skole vann avløp renovasjon søppel parkering bibliotek svømmehall idrett kultur helse ' +
  'sykehjem bolig skatt eiendom byggesak nabovarsel gebyr søknad frist plass pris åpningstid kontor'
).split(' ');
const temp: string[] = [];
afterAll(async () => {
  for (const dir of temp) await rm(dir, { recursive: true, force: true });
});
const tempDir = async (name: string) => {
  const dir = await mkdtemp(join(tmpdir(), name));
  temp.push(dir);
  return dir;
};

describe('answer model calibration across retrieval modes', () => {
  it('fits the dense features only when the dense index runs', async () => {
    const knowledgeDir = await tempDir('svar-cal-mode-');
    await writeSyntheticKnowledge(knowledgeDir, 24, VOCABULARY, 3);
    const modelsDir = await tempDir('svar-cal-models-');
    const tiny = await writeTinyModel(modelsDir);
    const loaded = await loadEmbedder({ modelId: tiny.modelId, modelsDir, allowRemote: false });
    if (!loaded.ok) throw new Error(loaded.reason);

    const lexical = await openKnowledge({ knowledgeDir, dataDir: await tempDir('svar-cal-lex-') });
    const hybrid = await openKnowledge({
      knowledgeDir,
      dataDir: await tempDir('svar-cal-hyb-'),
      embedder: loaded.embedder,
    });
    expect(hybrid.retriever.mode).toBe('hybrid');

    const a = await calibrate(lexical.retriever);
    const b = await calibrate(hybrid.retriever);
    expect(a.mode).toBe('lexical');
    expect(b.mode).toBe('hybrid');
    const agreement = FEATURE_NAMES.indexOf('denseAgreement');
    const denseSeen = (probes: typeof a.probes) =>
      probes.some((p) => p.rows.some((r) => (r[agreement] ?? 0) > 0));
    expect(denseSeen(a.probes)).toBe(false);
    expect(denseSeen(b.probes)).toBe(true);
    expect(b.model.candidate.coefficients[agreement + 1]).not.toBe(
      a.model.candidate.coefficients[agreement + 1],
    );
    expect(b.model.source).toMatch(/hybrid\)$/);
  }, 180_000);
});
