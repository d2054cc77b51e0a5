/**
 * An entry of the server build (scripts/build-server.mjs): parses and checks bot/'s and knowledge/'s built-in
 * data files once, and writes them beside the bundle in a form a start reads without parsing YAML (the
 * safety concepts and base glossary took about half a second of every start). The build runs it after every
 * change to a source or data file, so what it writes always matches the code beside it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { botBuiltIns } from '../bot/index.ts';
import { knowledgeBuiltIns } from '../knowledge/index.ts';

export async function writeBuiltIns(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files = [...(await botBuiltIns()), ...(await knowledgeBuiltIns())];
  for (const file of files) await writeFile(join(dir, file.name), file.bytes);
  return files.map((f) => f.name);
}
