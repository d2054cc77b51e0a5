import { describe, expect, it } from 'vitest';
import { splitCompound } from './decompound.ts';

const vocabulary = new Set([
  'barnehag',
  'plass',
  'soknad',
  'frist',
  'tom',
  'kalend',
  'avfall',
  'gebyr',
  'garanti',
]);
const known = (t: string) =>
  vocabulary.has(t) ? t : t.endsWith('e') && vocabulary.has(t.slice(0, -1)) ? t.slice(0, -1) : undefined;

describe('splitCompound', () => {
  it.each([
    ['barnehageplass', ['barnehag', 'plass']],
    ['soknadsfrist', ['soknad', 'frist']],
    ['avfallsgebyr', ['avfall', 'gebyr']],
    ['barnehageplassgaranti', ['barnehag', 'plass', 'garanti']],
  ])('splits %s against the vocabulary', (word, parts) => {
    expect(splitCompound(word, known)).toEqual(parts);
  });

  it('maps parts to their vocabulary form', () => {
    expect(
      splitCompound('barnehagetid', (t) =>
        t === 'barnehage' ? 'barnehag' : t === 'tid' ? 'tid' : undefined,
      ),
    ).toEqual(['barnehag', 'tid']);
  });

  it('leaves words alone when a half is unknown or too short', () => {
    expect(splitCompound('barnehagekontor', known)).toEqual([]);
    expect(splitCompound('plass', known)).toEqual([]);
  });
});
