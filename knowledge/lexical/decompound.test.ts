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
const known = (t: string) => vocabulary.has(t);

describe('splitCompound', () => {
  it.each([
    ['barnehageplass', ['barnehag', 'plass']],
    ['soknadsfrist', ['soknad', 'frist']],
    ['avfallsgebyr', ['avfall', 'gebyr']],
    ['barnehageplassgaranti', ['barnehag', 'plass', 'garanti']],
  ])('splits %s against the vocabulary', (word, parts) => {
    expect(splitCompound(word, known)).toEqual(parts);
  });

  it('leaves words alone when a half is unknown or too short', () => {
    expect(splitCompound('barnehagekontor', known)).toEqual([]);
    expect(splitCompound('plass', known)).toEqual([]);
  });
});
