import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openKnowledge } from './open-knowledge.ts';

const faq = (id: string, title: string, question: string, body: string): string =>
  `---\nid: ${id}\ntitle: ${title}\nlang: nb\nquestions:\n  - ${question}\n---\n${body}\n`;

const FILES: Record<string, string> = {
  'teknisk/hundeskatt.md': faq('hundeskatt', 'Hundeskatt', 'Må jeg betale hundeskatt?', 'Ingen hundeskatt.'),
  'kultur/bibliotek.md': faq('bibliotek', 'Lånekort', 'Hvordan får jeg lånekort?', 'Kom innom biblioteket.'),
};
const BROKEN = '---\nid: hundeskatt\ntitle: [broken\n---\nx\n';

async function folder(files = FILES): Promise<{ dir: string; data: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'svar-reload-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return { dir, data: await mkdtemp(join(tmpdir(), 'svar-reload-data-')) };
}

describe('knowledge reloads', () => {
  it('keeps a broken file\u2019s last good version across a restart, and says so', async () => {
    const { dir, data } = await folder();
    await openKnowledge({ knowledgeDir: dir, dataDir: data });
    await writeFile(join(dir, 'teknisk/hundeskatt.md'), BROKEN);

    const restarted = await openKnowledge({ knowledgeDir: dir, dataDir: data });
    const status = restarted.status();
    expect(status.errors[0]).toMatchObject({ code: 'yaml_invalid', path: 'teknisk/hundeskatt.md' });
    expect(status.keptLastGood).toEqual(['teknisk/hundeskatt.md']);
    expect(restarted.retriever.file('hundeskatt')?.body).toContain('Ingen hundeskatt');
  });

  it('forgets the last good version of a file that was deleted', async () => {
    const { dir, data } = await folder();
    const kb = await openKnowledge({ knowledgeDir: dir, dataDir: data });
    const { rm } = await import('node:fs/promises');
    await rm(join(dir, 'teknisk/hundeskatt.md'));
    await kb.reload();
    await writeFile(join(dir, 'teknisk/hundeskatt.md'), BROKEN);
    const restarted = await openKnowledge({ knowledgeDir: dir, dataDir: data });
    expect(restarted.retriever.file('hundeskatt')).toBeUndefined();
    expect(restarted.status().keptLastGood).toEqual([]);
  });

  it('reuses an unchanged glossary across reloads and picks up an edited one', async () => {
    const { dir, data } = await folder({ ...FILES, 'glossary.yaml': 'groups:\n  - [bikkje, hund]\n' });
    const kb = await openKnowledge({ knowledgeDir: dir, dataDir: data });
    const first = kb.glossary;
    await writeFile(join(dir, 'kultur/bibliotek.md'), FILES['kultur/bibliotek.md'] + '\nNy linje.\n');
    await kb.reload();
    expect(kb.glossary).toBe(first);
    await writeFile(join(dir, 'glossary.yaml'), 'groups:\n  - [bikkje, hund, vovse]\n');
    await kb.reload();
    expect(kb.glossary.groups.some((g) => g.includes('vovse'))).toBe(true);
    expect((await kb.retriever.search('vovse')).candidates[0]?.fileId).toBe('hundeskatt');
  });

  it('keeps the last good glossary and policy.yaml when they break, also after a restart', async () => {
    const { dir, data } = await folder({
      ...FILES,
      'glossary.yaml': 'groups:\n  - [bikkje, hund]\n',
      'policy.yaml': 'handover: ok\n',
    });
    const validatePolicy = (text: string) =>
      text.includes('ok')
        ? []
        : [
            {
              severity: 'error' as const,
              code: 'policy_invalid' as const,
              path: 'policy.yaml',
              line: 1,
              message: 'bad',
            },
          ];
    const kb = await openKnowledge({ knowledgeDir: dir, dataDir: data, validatePolicy });
    expect((await kb.retriever.search('bikkjeskatt')).candidates[0]?.fileId).toBe('hundeskatt');

    await writeFile(join(dir, 'glossary.yaml'), 'groups: [[unclosed\n');
    await writeFile(join(dir, 'policy.yaml'), 'handover: [\n');
    const status = await kb.reload();
    expect(status.errors.map((e) => e.code).sort()).toEqual(['glossary_invalid', 'policy_invalid']);
    expect(status.keptLastGood.sort()).toEqual(['glossary.yaml', 'policy.yaml']);
    expect(kb.policyText).toBe('handover: ok\n');
    expect(kb.glossary.groups.some((g) => g.includes('bikkje'))).toBe(true);

    const restarted = await openKnowledge({ knowledgeDir: dir, dataDir: data, validatePolicy });
    expect(restarted.policyText).toBe('handover: ok\n');
    expect(restarted.glossary.groups.some((g) => g.includes('bikkje'))).toBe(true);
  });

  it('answers a snapshot from its own version after a reload: one question, one index version', async () => {
    const { dir, data } = await folder();
    const kb = await openKnowledge({ knowledgeDir: dir, dataDir: data });
    const before = kb.snapshot();
    const path = join(dir, 'teknisk/hundeskatt.md');
    await writeFile(
      path,
      (await readFile(path, 'utf8')).replace('Ingen hundeskatt.', 'Hundeskatten er 300 kr.'),
    );

    let seenInHook: number | undefined;
    const status = await kb.reload({
      beforeSwap: async (next) => {
        // Not live yet: the live retriever still answers from the old version.
        seenInHook = next.version;
        expect(kb.retriever.file('hundeskatt')?.body).toContain('Ingen hundeskatt');
      },
    });
    expect(seenInHook).toBe(2);
    expect(status.version).toBe(2);
    expect(before.version).toBe(1);
    expect(before.retriever.file('hundeskatt')?.body).toContain('Ingen hundeskatt');
    expect(kb.snapshot().retriever.file('hundeskatt')?.body).toContain('300 kr');
    expect(kb.retriever.file('hundeskatt')?.body).toContain('300 kr');
  });

  it('cancels the swap when the hook fails, and a reload during a reload is not lost', async () => {
    const { dir, data } = await folder();
    const kb = await openKnowledge({ knowledgeDir: dir, dataDir: data });
    const path = join(dir, 'teknisk/hundeskatt.md');
    await writeFile(path, faq('hundeskatt', 'Hundeskatt', 'Må jeg betale hundeskatt?', 'Versjon to.'));
    await expect(kb.reload({ beforeSwap: () => Promise.reject(new Error('no')) })).rejects.toThrow('no');
    expect(kb.status().version).toBe(1);

    const first = kb.reload();
    await writeFile(path, faq('hundeskatt', 'Hundeskatt', 'Må jeg betale hundeskatt?', 'Versjon tre.'));
    const second = kb.reload();
    await first;
    await second;
    expect(kb.retriever.file('hundeskatt')?.body).toContain('Versjon tre');
  });
});
