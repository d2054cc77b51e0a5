import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { TermPostings } from './term-postings.ts';

// The cache is only correct if summing its per-term scores gives what MiniSearch's own OR query with typo
// tolerance gives. These tests ask MiniSearch directly and compare, so a library upgrade that changes its
// scoring or fuzzy weighting fails here rather than shifting the bot's decisions unnoticed.

const DOCS = [
  { id: 'a', title: 'barnehage plass soknad', body: 'frist for soknad om barnehage plass er mars' },
  { id: 'b', title: 'barnehage pris', body: 'pris for plassen i barnehage og sfo' },
  { id: 'c', title: 'sfo soknad', body: 'soknad om sfo plass skjer i mars og april' },
  { id: 'd', title: 'avfall henting', body: 'plast og papir hentes annenhver uke' },
  { id: 'e', title: 'eiendomsskatt', body: 'skatt på eiendom betales i fire terminer' },
];

function build(): { mini: MiniSearch; postings: TermPostings; rows: Map<string, number> } {
  const mini = new MiniSearch({
    fields: ['title', 'body'],
    tokenize: (text) => text.split(' ').filter(Boolean),
    searchOptions: { boost: { title: 3, body: 1 } },
  });
  mini.addAll(DOCS);
  const rows = new Map(DOCS.map((d, i) => [d.id, i]));
  const postings = new TermPostings(mini, (id) => rows.get(id));
  const vocabulary = new Set(DOCS.flatMap((d) => `${d.title} ${d.body}`.split(' ')));
  postings.reset(vocabulary);
  return { mini, postings, rows };
}

/** The same sum the lexical index makes: each spelling exactly, plus its typo neighbours at their weight. */
function summed(postings: TermPostings, terms: string[], edits: number): Map<number, number> {
  const sums = new Map<number, number>();
  const add = (term: string, weight: number) => {
    const { rows, scores } = postings.exact(term);
    rows.forEach((row, i) => sums.set(row, (sums.get(row) ?? 0) + (scores[i] ?? 0) * weight));
  };
  for (const term of terms) {
    add(term, 1);
    for (const near of postings.fuzzy(term, edits)) add(near.term, near.weight);
  }
  return sums;
}

describe('term postings', () => {
  it.each([
    [['plass'], 1],
    [['plass', 'soknad'], 1],
    [['barnehag'], 1],
    [['soknadd', 'mars'], 2],
    [['eiendom', 'skatt', 'pris'], 0],
  ])('sums to MiniSearch’s own OR query for %j with %i edits', (terms, edits) => {
    const { mini, postings, rows } = build();
    const direct = mini.search({ combineWith: 'OR', queries: terms, fuzzy: edits > 0 ? edits : false });
    const ours = summed(postings, terms, edits);
    expect(direct.length).toBeGreaterThan(0);
    expect(ours.size).toBe(direct.length);
    for (const result of direct) {
      // MiniSearch multiplies by the number of query terms matched; the index divides that back out.
      const plain = result.score / result.queryTerms.length;
      expect(ours.get(rows.get(result.id as string) ?? -1)).toBeCloseTo(plain, 10);
    }
  });

  it('finds typo neighbours but not the term itself, weighted as MiniSearch weighs them', () => {
    const { postings } = build();
    const near = postings.fuzzy('plass', 1).map((n) => n.term);
    expect(near).toContain('plast');
    expect(near).not.toContain('plass');
    expect(postings.fuzzy('plass', 0)).toEqual([]);
  });

  it('returns nothing for a term the index does not hold, without asking MiniSearch', () => {
    const { postings } = build();
    expect(postings.exact('fotball').rows.length).toBe(0);
    expect(postings.has('fotball')).toBe(false);
  });

  it('keeps scores until reset, then scores the documents added since', () => {
    const { mini, postings, rows } = build();
    expect(postings.exact('sfo').rows.length).toBe(2);
    rows.set('f', DOCS.length);
    mini.add({ id: 'f', title: 'sfo ferie', body: 'sfo har åpent i ferien' });
    expect(postings.exact('sfo').rows.length).toBe(2);
    postings.reset(['sfo', 'ferie']);
    expect([...postings.exact('sfo').rows].sort()).toEqual([1, 2, DOCS.length]);
    expect(postings.has('ferie')).toBe(true);
  });

  it('warms the terms questions used after an edit, including one the edit removed', async () => {
    const { mini, postings, rows } = build();
    postings.exact('sfo');
    postings.exact('henting');
    rows.set('f', DOCS.length);
    mini.add({ id: 'f', title: 'sfo ferie', body: 'sfo har åpent i ferien' });
    mini.remove(DOCS[3] as (typeof DOCS)[number]);
    postings.changed(['ferie', 'har', 'åpent', 'ferien'], ['henting', 'hentes', 'annenhver', 'uke']);
    postings.warmInSlices(1);
    for (let n = 0; n < 5; n += 1) await new Promise((done) => setImmediate(done));
    const direct = mini.search({ queries: ['sfo'] });
    expect([...postings.exact('sfo').scores]).toEqual(direct.map((r) => r.score));
    expect(postings.exact('henting').rows.length).toBe(0);
  });

  it('after documents come and go, scores every term as MiniSearch does, in its order', () => {
    const { mini, postings, rows } = build();
    postings.warm();
    rows.set('f', DOCS.length);
    mini.add({ id: 'f', title: 'sfo ferie', body: 'sfo har åpent i ferien ferien' });
    mini.remove(DOCS[3] as (typeof DOCS)[number]);
    postings.changed(['ferie', 'har', 'åpent', 'ferien'], ['henting', 'hentes', 'annenhver', 'uke']);
    expect(postings.has('ferien')).toBe(true);
    expect(postings.has('henting')).toBe(false);
    expect(postings.fuzzy('ferie', 1).map((n) => n.term)).toContain('ferien');
    const vocabulary = new Set(
      [...DOCS.filter((d) => d.id !== 'd'), { title: 'sfo ferie', body: 'sfo har åpent i ferien' }].flatMap(
        (d) => `${d.title} ${d.body}`.split(' '),
      ),
    );
    for (const term of vocabulary) {
      const direct = mini.search({ queries: [term] });
      const { rows: got, scores } = postings.exact(term);
      expect([...got]).toEqual(direct.map((r) => rows.get(r.id as string)));
      expect([...scores]).toEqual(direct.map((r) => r.score));
    }
  });
});
