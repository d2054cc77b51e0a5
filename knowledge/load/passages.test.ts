import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { SECTION_CHUNK_OVERLAP, SECTION_CHUNK_SIZE, SECTION_SEPARATORS, sectionChunks } from './passages.ts';

const splitter = new RecursiveCharacterTextSplitter({
  chunkSize: SECTION_CHUNK_SIZE,
  chunkOverlap: SECTION_CHUNK_OVERLAP,
  separators: SECTION_SEPARATORS,
});

/** Sections made of the pieces the splitter cuts at, so every separator and blank run is tried. */
const section = (minLength: number, maxLength: number) =>
  fc
    .array(
      fc.constantFrom('\n\n', '\n- ', '\n', '. ', ' ', '  ', 'Søknad', 'om', 'plass', 'frist', '1.', '\t'),
      {
        minLength,
        maxLength,
      },
    )
    .map((pieces) => pieces.join(''));

it('gives a section shorter than a chunk back as the splitter does, without loading it', async () => {
  await fc.assert(
    fc.asyncProperty(section(0, 180), async (text) => {
      fc.pre(text.length < SECTION_CHUNK_SIZE);
      expect(await sectionChunks(text)).toEqual(await splitter.splitText(text));
    }),
    { numRuns: 500 },
  );
  // Right below the limit, where a merge would cut if anything did.
  const near = 'Søknadsfrist. '.repeat(70).slice(0, SECTION_CHUNK_SIZE - 1);
  expect(await sectionChunks(near)).toEqual(await splitter.splitText(near));
});

it('cuts a longer section with the splitter', async () => {
  await fc.assert(
    fc.asyncProperty(section(350, 700), async (text) => {
      fc.pre(text.length >= SECTION_CHUNK_SIZE);
      expect(await sectionChunks(text)).toEqual(await splitter.splitText(text));
    }),
    { numRuns: 50 },
  );
});
