import { mkdtemp, mkdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledgeFolder, type ParseCache } from './load-knowledge-folder.ts';

const TODAY = '2026-11-24';

async function folder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'svar-knowledge-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

const faq = (id: string, extra = '', body = 'Søk innen 1. mars.'): string =>
  `---\nid: ${id}\ntitle: Tittel for ${id}\nlang: nb\n${extra}---\n${body}\n`;

describe('loadKnowledgeFolder', () => {
  it('loads FAQs from sub-folders and ignores README and drafts', async () => {
    const dir = await folder({
      'oppvekst/a.md': faq(
        'a',
        'questions:\n  - Når er fristen?\nlink: https://x.example/a\nowner: oppvekst\n',
      ),
      'README.md': '# not knowledge',
      'drafts/b.md': faq('b'),
    });
    const { files, issues } = await loadKnowledgeFolder(dir, TODAY);
    expect(issues).toEqual([]);
    expect(files.map((f) => f.id)).toEqual(['a']);
    const a = files[0];
    expect(a?.path).toBe('oppvekst/a.md');
    expect(a?.kind).toBe('faq');
    expect(a?.owner).toBe('oppvekst');
    expect(a?.passages.map((p) => p.kind)).toEqual(['title', 'question', 'body']);
    expect(a?.bodyLine).toBe(10);
  });

  it('reports every problem with path and line, all at once, and still loads the good files', async () => {
    const dir = await folder({
      'good.md': faq('good'),
      'bad-yaml.md': '---\nid: bad-yaml\ntitle: [oops\nlang: nb\n---\nbody\n',
      'no-front.md': 'Just text',
      'wrong-name.md': faq('other-name'),
      'bad-lang.md': faq('bad-lang').replace('lang: nb', 'lang: de'),
      'empty.md': faq('empty', '', ''),
      'bad-link.md': faq('bad-link', 'link: ftp://x.example/file\n'),
      'old.md': faq('old', 'review: 2026-01-15\n'),
      'dup-a.md': faq('dup-a', 'questions:\n  - Hva koster det?\n'),
      'dup-b.md': faq('dup-b', 'questions:\n  - hva koster det\n'),
      'sub/good.md': faq('good'),
    });
    const { files, issues } = await loadKnowledgeFolder(dir, TODAY);
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i]));
    expect(byPath['bad-yaml.md']).toMatchObject({ code: 'yaml_invalid', severity: 'error', line: 4 });
    expect(byPath['no-front.md']).toMatchObject({ code: 'front_matter_missing', line: 1 });
    expect(byPath['wrong-name.md']).toMatchObject({ code: 'id_filename_mismatch', line: 2 });
    expect(byPath['bad-lang.md']).toMatchObject({ code: 'lang_unknown', line: 4 });
    expect(byPath['empty.md']).toMatchObject({ code: 'body_empty', line: 6 });
    expect(byPath['bad-link.md']).toMatchObject({ code: 'link_invalid', line: 5 });
    expect(byPath['old.md']).toMatchObject({ code: 'review_passed', severity: 'warning', line: 5 });
    expect(byPath['dup-b.md']).toMatchObject({ code: 'question_duplicate', severity: 'warning', line: 6 });
    expect(byPath['sub/good.md']).toMatchObject({ code: 'id_duplicate', severity: 'error' });
    expect(files.map((f) => f.id).sort()).toEqual(['dup-a', 'dup-b', 'good', 'old']);
    for (const issue of issues) expect(issue.message).toMatch(/\.$/);
  });

  it('reads a number among the tags as the word it is', async () => {
    const dir = await folder({ 'a.md': faq('a', 'tags: [legevakt, 116117, 2027]\n') });
    const { files, issues } = await loadKnowledgeFolder(dir, TODAY);
    expect(issues).toEqual([]);
    expect(files[0]?.tags).toEqual(['legevakt', '116117', '2027']);
  });

  it('reports a missing id as id_missing', async () => {
    const dir = await folder({ 'x.md': '---\ntitle: X\nlang: nb\n---\nbody\n' });
    const { issues } = await loadKnowledgeFolder(dir, TODAY);
    expect(issues).toEqual([expect.objectContaining({ code: 'id_missing', path: 'x.md' })]);
  });

  it('splits a guide into passages by its ## sections, keeping the heading with each', async () => {
    const body =
      'Intro om betaling.\n\n## Søskenmoderasjon\n\nAndre barn får 30 % rabatt.\n\n## Fritak\n\nLav inntekt gir fritak.';
    const dir = await folder({ 'guide-betaling.md': faq('guide-betaling', '', body) });
    const { files } = await loadKnowledgeFolder(dir, TODAY);
    const guide = files[0];
    expect(guide?.kind).toBe('guide');
    const bodies = guide?.passages.filter((p) => p.kind === 'body') ?? [];
    expect(bodies.map((p) => p.heading)).toEqual([undefined, 'Søskenmoderasjon', 'Fritak']);
    expect(bodies[1]?.text).toBe('Søskenmoderasjon. Andre barn får 30 % rabatt.');
    expect(bodies[1]?.markdown).toBe('Andre barn får 30 % rabatt.');
  });

  it('loads folders of more files than one slice of look-ups, with paths relative to the root', async () => {
    const files = Object.fromEntries(
      Array.from({ length: 1100 }, (_, i) => [`del/${i % 2 ? 'a' : 'b/c'}/f${i}.md`, faq(`f${i}`)]),
    );
    const dir = await folder(files);
    const { files: loaded, issues } = await loadKnowledgeFolder(dir, TODAY);
    expect(issues).toEqual([]);
    expect(loaded.map((f) => f.path).sort()).toEqual(Object.keys(files).sort());
  });

  it('refuses oversized files before parsing them', async () => {
    const dir = await folder({ 'big.md': faq('big', '', 'x'.repeat(300 * 1024)) });
    const { files, issues } = await loadKnowledgeFolder(dir, TODAY);
    expect(files).toEqual([]);
    expect(issues[0]).toMatchObject({ code: 'file_too_large', path: 'big.md' });
  });
});

describe('loadKnowledgeFolder with a parse cache', () => {
  it('sees an edit that keeps the size, a new review date overnight, and files removed', async () => {
    const dir = await folder({ 'a.md': faq('a', '', 'Søk innen 1. mars.'), 'b.md': faq('b') });
    const cache: ParseCache = new Map();
    const first = await loadKnowledgeFolder(dir, TODAY, cache);
    expect(first.files.map((f) => f.body)).toContain('Søk innen 1. mars.');

    // Same length, new content, and a modification time the file system cannot confuse with the first.
    await writeFile(join(dir, 'a.md'), faq('a', '', 'Søk innen 9. mars.'));
    const later = new Date(Date.now() + 60_000);
    await utimes(join(dir, 'a.md'), later, later);
    const second = await loadKnowledgeFolder(dir, TODAY, cache);
    expect(second.files.find((f) => f.id === 'a')?.body).toBe('Søk innen 9. mars.');

    await writeFile(join(dir, 'b.md'), faq('b', 'review: 2026-11-24\n'));
    expect((await loadKnowledgeFolder(dir, TODAY, cache)).issues).toEqual([]);
    const nextDay = await loadKnowledgeFolder(dir, '2026-11-25', cache);
    expect(nextDay.issues.map((i) => i.code)).toContain('review_passed');

    await rm(join(dir, 'b.md'));
    expect((await loadKnowledgeFolder(dir, TODAY, cache)).files.map((f) => f.id)).toEqual(['a']);
    expect([...cache.keys()]).toEqual(['a.md']);
  });
});
