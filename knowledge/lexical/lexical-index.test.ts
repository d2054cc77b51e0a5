import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeFolder } from '../load/load-knowledge-folder.ts';
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
