import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SAMPLE_KNOWLEDGE = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'knowledge',
  'sample',
);

/** A few of the sample's files (paths inside knowledge/sample) copied into a test's own knowledge folder. */
export function copySampleFiles(knowledgeDir: string, files: readonly string[]): void {
  for (const file of files) {
    mkdirSync(dirname(join(knowledgeDir, file)), { recursive: true });
    cpSync(join(SAMPLE_KNOWLEDGE, file), join(knowledgeDir, file));
  }
}
