import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  calibrate,
  calibrateCached,
  createBotEnvironment,
  decide,
  DEFAULT_OPERATING_POINTS,
  expectedRates,
  MIN_PROBES,
  searchProbes,
  shippedAnswerModel,
} from '../bot/index.ts';
import { openKnowledge, type Retriever } from '../knowledge/index.ts';
import { writeSyntheticKnowledge } from './synthetic-knowledge.ts';

/** Calibration from the knowledge itself (bot/answer/calibrate.ts) over real indexes in temp folders. */
const VOCABULARY = (
  'barnehage skole vann avløp renovasjon søppel parkering bibliotek svømmehall idrett kultur helse ' +
  'sykehjem bolig skatt eiendom byggesak nabovarsel gebyr søknad frist plass pris åpningstid kontor ' +
  'havn båt kirkegård grav næring skjenking alkohol buss skyss vei brøyting strøm lys sti tur'
).split(' ');
const temp: string[] = [];
afterAll(async () => {
  for (const dir of temp) await rm(dir, { recursive: true, force: true });
});

async function knowledgeWith(files: number, extra: Record<string, string> = {}): Promise<Retriever> {
  const dir = await mkdtemp(join(tmpdir(), 'svar-cal-'));
  temp.push(dir);
  await writeSyntheticKnowledge(dir, files, VOCABULARY, 7);
  for (const [name, text] of Object.entries(extra)) await writeFile(join(dir, name), text);
  const data = await mkdtemp(join(tmpdir(), 'svar-cal-data-'));
  temp.push(data);
  return (await openKnowledge({ knowledgeDir: dir, dataDir: data })).retriever;
}

const GUIDE = `---
id: guide-havn
title: Havna i kommunen
lang: nb
tags: [havn]
---
## Gjestehavn
Gjestehavna har plass til tretti båter om sommeren, med strøm og vann på bryggene.

## Vinteropplag
Båter kan stå på land om vinteren på kaia ved verftet, mot leie per måned.
`;

describe('answer model calibration', () => {
  it('keeps the shipped weights and warns when the folder has too few questions', async () => {
    const retriever = await knowledgeWith(4);
    const calibration = await calibrate(retriever);
    expect(calibration.answerable).toBeLessThan(MIN_PROBES);
    expect(calibration.model).toBe(shippedAnswerModel());
    expect(calibration.warning).toMatch(/fewer than 30/);
  });

  it('probes a file without questions through its title and guide headings, left out as a near miss', async () => {
    const retriever = await knowledgeWith(4, { 'guide-havn.md': GUIDE });
    const guide = retriever.file('guide-havn');
    expect(guide?.questions).toEqual([]);
    const probes = await searchProbes(retriever);
    const texts = probes.map((p) => p.facts.words.join(' '));
    expect(texts).toContain('havna kommunen');
    expect(texts).toContain('vinteropplag');
    // Left out, the guide cannot be the answer to its own heading.
    const nearMisses = probes.filter(
      (p) => p.kind === 'near-miss' && p.facts.words.join(' ') === 'vinteropplag',
    );
    expect(nearMisses.length).toBeGreaterThan(0);
    expect(nearMisses.every((p) => p.right === -1)).toBe(true);
  });

  it('leaves a file out together with the files that share its self-service link (its translations)', async () => {
    const faq = (id: string, lang: string, title: string, question: string, n: number) => `---
id: ${id}
title: ${title}
lang: ${lang}
questions:
  - ${question}
link: https://kommune.example/tjeneste-${n}
---
${title}: søk på nettsiden, svar innen fire uker.
`;
    // Several pairs, so that a pair landing in the same fold by chance cannot pass the test.
    const pairs = [1, 2, 3, 4, 5, 6].map((n) => [`tjeneste-${n}`, `service-${n}`] as const);
    const extra = Object.fromEntries(
      pairs.flatMap(([nb, en], i) => [
        [
          `${nb}.md`,
          faq(nb, 'nb', `Søke tjeneste ${VOCABULARY[i]}`, `Hvordan søker jeg ${VOCABULARY[i]}?`, i),
        ],
        [
          `${en}.md`,
          faq(en, 'en', `Applying for ${VOCABULARY[i]}`, `How do I apply for ${VOCABULARY[i]}?`, i),
        ],
      ]),
    );
    const retriever = await knowledgeWith(12, extra);
    const leftOut: string[][] = [];
    const spy: Retriever = {
      mode: retriever.mode,
      search: (q, o) => retriever.search(q, o),
      file: (id) => retriever.file(id),
      files: () => retriever.files(),
      leaveOut: (parts) => {
        leftOut.push([...parts.files]);
        return (retriever.leaveOut as NonNullable<Retriever['leaveOut']>)(parts);
      },
    };
    await searchProbes(spy);
    for (const pair of pairs) {
      const withEither = leftOut.filter((files) => pair.some((id) => files.includes(id)));
      expect(withEither.length).toBeGreaterThan(0);
      for (const files of withEither) expect(files).toEqual(expect.arrayContaining([...pair]));
    }
  });

  it('calibrates on titles and headings when most files have no questions, and says so', async () => {
    const guides = Object.fromEntries(
      VOCABULARY.slice(0, 24).map((word, i) => [
        `guide-${i}.md`,
        `---\nid: guide-${i}\ntitle: Alt om ${word}\nlang: nb\n---\n## Søke om ${word}\nSøknad om ${word} sendes på nettsiden.\n\n## Pris for ${word}\n${word} koster ${100 + i} kroner.\n`,
      ]),
    );
    const calibration = await calibrate(await knowledgeWith(4, guides));
    expect(calibration.answerable).toBeGreaterThanOrEqual(MIN_PROBES);
    expect(calibration.model).not.toBe(shippedAnswerModel());
    expect(calibration.warning).toMatch(/24 of 28 files have no alternative questions/);
  });

  it('adjusts the weights to a folder with enough questions, the same way every time', async () => {
    const retriever = await knowledgeWith(24, { 'guide-havn.md': GUIDE });
    const a = await calibrate(retriever);
    const b = await calibrate(retriever);
    expect(a.warning).toBeUndefined();
    expect(a.answerable).toBeGreaterThanOrEqual(MIN_PROBES);
    expect(a.model).toEqual(b.model);
    expect(a.model.candidate.coefficients).not.toEqual(shippedAnswerModel().candidate.coefficients);
    expect(a.model.source).toMatch(/adjusted to this knowledge .* lexical\)/);
    const rates = expectedRates(a, DEFAULT_OPERATING_POINTS);
    for (const rate of Object.values(rates)) expect(rate).toBeGreaterThanOrEqual(0);
    expect(rates.directAnswer).toBeGreaterThan(0);
  });

  it('calibrates again when the retrieval mode changes, and reuses the result while nothing changes', async () => {
    const lexical = await knowledgeWith(24);
    // The same knowledge as a hybrid retriever would report it: the mode is part of the cache key.
    const hybrid: Retriever = {
      get mode() {
        return 'hybrid' as const;
      },
      search: (q, o) => lexical.search(q, o).then((r) => ({ ...r, mode: 'hybrid' as const })),
      file: (id) => lexical.file(id),
      files: () => lexical.files(),
      leaveOut: (parts) => {
        const view = lexical.leaveOut!(parts);
        return {
          mode: 'hybrid',
          search: (q, o) => view.search(q, o).then((r) => ({ ...r, mode: 'hybrid' })),
        };
      },
    };
    const first = await calibrateCached(lexical);
    expect(await calibrateCached(lexical)).toBe(first);
    const other = await calibrateCached(hybrid);
    expect(other).not.toBe(first);
    expect(other.mode).toBe('hybrid');
    expect(other.model.source).toMatch(/hybrid\)$/);
  });

  it('runs in the environment decide uses, naming the model in why', async () => {
    const retriever = await knowledgeWith(24, { 'guide-havn.md': GUIDE });
    const { env } = await createBotEnvironment({ retriever, handoverModel: null });
    expect(env.answers.calibration.mode).toBe('lexical');
    const d = await decide('vinteropplag for båter på kaia ved verftet', { history: [] }, env);
    expect(['answer', 'clarify']).toContain(d.kind);
    expect(d.why.join(' ')).toMatch(/P\(answers\)/);
  });
});
