import { serialize } from 'node:v8';
import { ANALYZED_FILE, analyzedSoFar } from './lexical/analyzer.ts';
import { BASE_GLOSSARY_FILE, GlossaryMatcher, parseBaseGlossary } from './lexical/glossary.ts';

/** What the build writes beside the bundle: each file's name, the value it stands for and its bytes. */
export async function knowledgeBuiltIns(): Promise<{ name: string; value: unknown; bytes: Buffer }[]> {
  const glossary = await parseBaseGlossary();
  // Compiling the glossary's matcher analyses each of its words in every language: those forms are shipped.
  GlossaryMatcher.of(glossary);
  const analyzed = analyzedSoFar();
  return [
    { name: BASE_GLOSSARY_FILE, value: glossary, bytes: serialize(glossary) },
    { name: ANALYZED_FILE, value: analyzed, bytes: serialize(analyzed) },
  ];
}
