import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openKnowledge } from './open-knowledge.ts';

const file = (
  id: string,
  lang: string,
  title: string,
  questions: string[],
  body: string,
  owner = 'oppvekst',
) =>
  `---\nid: ${id}\ntitle: ${title}\nlang: ${lang}\nowner: ${owner}\nlink: https://k.example/${id}\n${
    questions.length ? `questions:\n${questions.map((q) => `  - ${q}`).join('\n')}\n` : ''
  }---\n${body}\n`;

const FILES: Record<string, string> = {
  'oppvekst/barnehage-soknadsfrist.md': file(
    'barnehage-soknadsfrist',
    'nb',
    'Søknadsfrist for barnehageplass',
    ['Når må jeg søke om plass i barnehagen?'],
    'Fristen for å søke barnehageplass til hovedopptaket er 1. mars. Du søker på Min side.',
  ),
  'oppvekst/barnehage-oppsigelse.md': file(
    'barnehage-oppsigelse',
    'nb',
    'Si opp barnehageplass',
    ['Hvordan sier jeg opp plassen i barnehagen?'],
    'Oppsigelsestiden er én måned, regnet fra den 1. i måneden. Du sier opp på Min side.',
  ),
  'oppvekst/sfo-soknadsfrist.md': file(
    'sfo-soknadsfrist',
    'nb',
    'Søknadsfrist for SFO',
    ['Når er fristen for å søke SFO?'],
    'Søk plass i skolefritidsordningen innen 1. mai.',
  ),
  'teknisk/storskrald.md': file(
    'storskrald',
    'da',
    'Afhentning af storskrald',
    ['Hvordan bestiller jeg afhentning af storskrald?'],
    'Du kan bestille afhentning af storskrald på hjemmesiden. Det er gratis tolv gange om året.',
    'teknisk',
  ),
  'okonomi/guide-betaling.md': file(
    'guide-betaling',
    'nb',
    'Foreldrebetaling',
    [],
    'Slik betaler du.\n\n## Søskenmoderasjon\n\nAndre barn får 30 prosent moderasjon på prisen.\n\n## Gratis kjernetid\n\nFamilier med lav inntekt får 20 timer gratis i uka.',
    'okonomi',
  ),
};

async function knowledgeFolder(files = FILES): Promise<{ dir: string; data: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'svar-kb-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return { dir, data: await mkdtemp(join(tmpdir(), 'svar-data-')) };
}

describe('openKnowledge in lexical-only mode', () => {
  it('says plainly that it is lexical-only and why', async () => {
    const { dir, data } = await knowledgeFolder();
    const kb = await openKnowledge({
      knowledgeDir: dir,
      dataDir: data,
      embedderUnavailable: 'no model in models/',
    });
    const status = kb.status();
    expect(status.mode).toBe('lexical');
    expect(status.notice).toBe('Lexical-only mode: no model in models/.');
    expect(status.files).toBe(5);
    expect(status.errors).toEqual([]);
  });

  it.each([
    ['Når er søknadsfristen for barnehage?', 'barnehage-soknadsfrist'],
    ['soknadsfrist barnehageplass', 'barnehage-soknadsfrist'],
    ['barnehgae frist', 'barnehage-soknadsfrist'],
    ['hvordan si opp plassen i barnehagen', 'barnehage-oppsigelse'],
    ['frist for å søke sfo', 'sfo-soknadsfrist'],
    ['When is the deadline to apply for kindergarten?', 'barnehage-soknadsfrist'],
    ['after school club deadline', 'sfo-soknadsfrist'],
    ['bestille henting av storavfall', 'storskrald'],
    ['rabatt for søsken', 'guide-betaling'],
  ])('finds the right file for "%s"', async (question, expected) => {
    const { dir, data } = await knowledgeFolder();
    const kb = await openKnowledge({ knowledgeDir: dir, dataDir: data });
    const result = await kb.retriever.search(question);
    expect(result.candidates[0]?.fileId).toBe(expected);
    expect(result.candidates[0]?.why.join(' ')).toMatch(/lexical #1/);
  });

  it('answers a guide question with the matching section, heading included', async () => {
    const { dir, data } = await knowledgeFolder();
    const kb = await openKnowledge({ knowledgeDir: dir, dataDir: data });
    const top = (await kb.retriever.search('gratis timer lav inntekt')).candidates[0];
    expect(top?.fileId).toBe('guide-betaling');
    expect(top?.passage.heading).toBe('Gratis kjernetid');
    expect(top?.passage.markdown).toContain('20 timer');
  });

  it('gives low confidence to questions the knowledge does not cover', async () => {
    const { dir, data } = await knowledgeFolder();
    const kb = await openKnowledge({ knowledgeDir: dir, dataDir: data });
    const covered = (await kb.retriever.search('søknadsfrist barnehage')).candidates[0]?.confidence ?? 0;
    const uncovered =
      (await kb.retriever.search('hvordan blir været i morgen i fotballkampen')).candidates[0]?.confidence ??
      0;
    expect(covered).toBeGreaterThan(0.6);
    expect(uncovered).toBeLessThan(0.3);
  });

  it('reloads incrementally and keeps the last good version of a file that breaks', async () => {
    const { dir, data } = await knowledgeFolder();
    const kb = await openKnowledge({ knowledgeDir: dir, dataDir: data });
    const path = join(dir, 'oppvekst/sfo-soknadsfrist.md');
    await writeFile(path, (await readFile(path, 'utf8')).replace('innen 1. mai', 'innen 15. april'));
    let status = await kb.reload();
    expect(kb.retriever.file('sfo-soknadsfrist')?.body).toContain('15. april');
    expect(status.errors).toEqual([]);

    await writeFile(path, '---\nid: sfo-soknadsfrist\ntitle: [broken\n---\nx\n');
    status = await kb.reload();
    expect(status.errors[0]).toMatchObject({ code: 'yaml_invalid', path: 'oppvekst/sfo-soknadsfrist.md' });
    expect(kb.retriever.file('sfo-soknadsfrist')?.body).toContain('15. april');
    expect((await kb.retriever.search('søke sfo frist')).candidates[0]?.fileId).toBe('sfo-soknadsfrist');

    await writeFile(
      join(dir, 'oppvekst/ny-fil.md'),
      file('ny-fil', 'en', 'Swimming lessons', ['Are there swimming lessons?'], 'Lessons on Mondays.'),
    );
    await kb.reload();
    expect((await kb.retriever.search('swimming lessons')).candidates[0]?.fileId).toBe('ny-fil');
  });

  it('merges the editors\u2019 glossary with the base glossary', async () => {
    const { dir, data } = await knowledgeFolder({
      ...FILES,
      'glossary.yaml': 'groups:\n  - [oppsigelse, quitting]\n',
    });
    const kb = await openKnowledge({ knowledgeDir: dir, dataDir: data });
    expect(kb.glossary.groups.some((g) => g.includes('quitting') && g.includes('resign'))).toBe(true);
    const result = await kb.retriever.search('quitting kindergarten');
    expect(result.candidates[0]?.fileId).toBe('barnehage-oppsigelse');
  });
});
