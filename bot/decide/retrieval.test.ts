import { describe, expect, it } from 'vitest';
import type { Retriever } from '../../knowledge/index.ts';
import { search } from './retrieval.ts';

const failing: Retriever = {
  mode: 'lexical',
  search: () => Promise.reject(new Error('index gone')),
  file: () => undefined,
  files: () => [],
};

describe('search', () => {
  it('reports a failing retriever as a failed search instead of throwing', async () => {
    const found = await search(failing, 'hva koster barnehage', 'nb');
    expect(found).toMatchObject({ candidates: [], failed: true });
    expect(found.why.join(' ')).toContain('index gone');
  });

  it('does not search an empty query', async () => {
    const found = await search(failing, '   ', 'nb');
    expect(found).toMatchObject({ candidates: [], failed: false });
  });
});
