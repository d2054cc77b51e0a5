import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeFolder } from '../load/load-knowledge-folder.ts';
import { parseKnowledgeFile } from '../load/parse-knowledge-file.ts';
import type { KnowledgeFile } from '../types.ts';
import { loadBaseGlossary } from './glossary.ts';
import { createLexicalIndex, type LexicalIndex } from './lexical-index.ts';

const SAMPLE = fileURLToPath(new URL('../sample', import.meta.url));

// Questions that touch many files, including guidance pages with several passages each.
const QUERIES = [
  'hva koster barnehage og sfo',
  'søppel henting sortering plast',
  'byggesøknad nabovarsel garasje',
  'foreldrebetaling redusert pris lav inntekt søsken',
  'new residents moving register doctor school',
  'affald sortering pap glas',
];

describe('lexical index ranking', () => {
  let index: LexicalIndex;
  let files: KnowledgeFile[];
  beforeAll(async () => {
    files = (await loadKnowledgeFolder(SAMPLE, '2026-01-01')).files;
    index = createLexicalIndex(files, await loadBaseGlossary());
  });

  it.each(QUERIES)('a small limit returns exactly the head of a long list: %s', (query) => {
    const long = index.search(query, { limit: 50 }).hits;
    expect(long.length).toBeGreaterThan(5);
    for (const limit of [1, 3, 5]) {
      expect(index.search(query, { limit }).hits).toEqual(long.slice(0, limit));
    }
  });

  it.each(QUERIES)('ranks files best first and lists each file once: %s', (query) => {
    const hits = index.search(query, { limit: 50 }).hits;
    const ids = hits.map((h) => h.fileId);
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < hits.length; i += 1) {
      const [before, after] = [hits[i - 1], hits[i]];
      expect(before && after && before.score >= after.score).toBe(true);
    }
  });

  it('answers a guidance page with one of its own passages', () => {
    const guide = files.find((f) => f.kind === 'guide' && f.id === 'guide-affaldssortering');
    expect(guide).toBeDefined();
    const hit = index
      .search('affald sortering pap glas', { limit: 50 })
      .hits.find((h) => h.fileId === guide?.id);
    expect(hit).toBeDefined();
    expect(guide?.passages.map((p) => p.id)).toContain(hit?.passageId);
  });

  it('returns nothing for a limit of zero', () => {
    expect(index.search('barnehage', { limit: 0 }).hits).toEqual([]);
  });
});

describe('lexical index after edits', () => {
  let files: KnowledgeFile[];
  let glossary: Awaited<ReturnType<typeof loadBaseGlossary>>;
  beforeAll(async () => {
    files = (await loadKnowledgeFolder(SAMPLE, '2026-01-01')).files;
    glossary = await loadBaseGlossary();
  });

  const edit = (index: LexicalIndex): void => {
    const [first, second] = files;
    if (!first || !second) throw new Error('sample knowledge is too small');
    index.upsert({ ...first, title: `${first.title} kontaktinformasjon` });
    index.remove(second.id);
  };

  it('scores nothing from before an edit: a warmed index agrees with one never searched', () => {
    const warmed = createLexicalIndex(files, glossary);
    warmed.warm();
    const before = warmed.search(QUERIES[0] ?? '', { limit: 5 });
    const untouched = createLexicalIndex(files, glossary);
    edit(warmed);
    edit(untouched);
    for (const query of QUERIES) {
      expect(warmed.search(query, { limit: 8 })).toEqual(untouched.search(query, { limit: 8 }));
    }
    // Removing a file changes every score (BM25 counts documents), so the warmed scores had to be dropped.
    expect(warmed.search(QUERIES[0] ?? '', { limit: 5 }).hits[0]?.score).not.toBe(before.hits[0]?.score);
  });

  it('scores a changed file exactly as an index built fresh with it', () => {
    const [first, ...rest] = files;
    if (!first) throw new Error('sample knowledge is empty');
    const changed: KnowledgeFile = { ...first, title: `${first.title} kontaktinformasjon` };
    const edited = createLexicalIndex(files, glossary);
    edited.warm();
    edited.upsert(changed);
    const fresh = createLexicalIndex([changed, ...rest], glossary);
    for (const query of [...QUERIES, changed.title]) {
      const got = edited.search(query, { limit: 8 }).hits;
      const want = fresh.search(query, { limit: 8 }).hits;
      // Same documents and terms; scores agree up to the rounding of MiniSearch's running average lengths.
      expect(got.map(({ score: _, ...rest }) => rest)).toEqual(want.map(({ score: _, ...rest }) => rest));
      got.forEach((hit, i) => expect(hit.score).toBeCloseTo(want[i]?.score ?? NaN, 9));
    }
  });
});

describe('lexical index: words the knowledge never uses', () => {
  it('reports them, but not typos, compounds, glossary words, short words or numbers', async () => {
    const files = (await loadKnowledgeFolder(SAMPLE, '2026-01-01')).files;
    const index = createLexicalIndex(files, await loadBaseGlossary());
    expect(index.search('hvordan registrerer jeg hunden min i kommunen').unknown).toEqual(['hunden']);
    expect(index.search('søknadsfirst barnehage').unknown).toEqual([]); // a typo of a known word
    expect(index.search('barnehageplassen').unknown).toEqual([]); // a compound of known words
    expect(index.search('kindergarten deadline').unknown).toEqual([]); // through the glossary
    expect(index.search('zyx 20250 barnehage').unknown).toEqual([]);
    expect(index.search('kommunalvalg næste gang', { lang: 'da' }).unknown).toEqual(['kommunalvalg']);
  });
});

describe('lexical index: compounds', () => {
  it('splits an unknown compound into known parts, but not an English word', async () => {
    const files = (await loadKnowledgeFolder(SAMPLE, '2026-01-01')).files;
    const index = createLexicalIndex(files, await loadBaseGlossary());
    expect(index.search('søppelhentingsdag').terms).toEqual(expect.arrayContaining(['soppelhenting', 'dag']));
    // "including" is English "includ" in the knowledge, not "includ" + a Norwegian "ing".
    const terms = index.search('monthly fee including meals', { lang: 'en' }).terms;
    expect(terms).toContain('includ');
    expect(terms).not.toContain('ing');
  });
});

describe('lexical index: questions in another language than the files', () => {
  const file = async (name: string, lang: string, title: string, body: string): Promise<KnowledgeFile> => {
    const text = `---\nid: ${name}\ntitle: ${title}\nlang: ${lang}\nowner: test\nreview: 2027-01-01\n---\n${body}\n`;
    const parsed = await parseKnowledgeFile(`${name}.md`, text, '2026-01-01');
    if (!parsed.file) throw new Error(JSON.stringify(parsed.issues));
    return parsed.file;
  };

  it('counts a glossary translation in a file of another language as fully as the word itself', async () => {
    const files = [
      await file('bibliotek', 'nb', 'Bibliotek', 'Biblioteket har åpent lørdag 10–14. Lånekort er gratis.'),
      await file(
        'pool',
        'en',
        'Swimming pool',
        'The pool is open on Saturday and Sunday. Tickets cost 80 kr.',
      ),
    ];
    const glossary = {
      groups: [
        ['bibliotek', 'library'],
        ['lørdag', 'saturday'],
        ['åpent', 'open'],
      ],
    };
    const index = createLexicalIndex(files, glossary);
    const hits = index.search('is the library open on saturday', { lang: 'en' }).hits;
    expect(hits.map((h) => h.fileId)).toEqual(['bibliotek', 'pool']);
    expect(hits[0]?.coverage).toBeCloseTo(1);
    // In the citizen's own language a synonym still counts for a little less than their word.
    const own = index.search('er biblioteket åpent på lørdag', { lang: 'nb' }).hits[0];
    expect(own).toMatchObject({ fileId: 'bibliotek', coverage: 1 });
  });
});
