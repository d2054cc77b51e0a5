import { loadKnowledgeFolder } from './load/load-knowledge-folder.ts';
import { parseGlossary } from './lexical/glossary.ts';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KnowledgeFile, KnowledgeIssue } from './types.ts';

/** Validates a knowledge folder without building indexes: what `npm run knowledge -- check` runs. */
export async function checkKnowledge(
  knowledgeDir: string,
  today: string = new Date().toISOString().slice(0, 10),
): Promise<{ files: KnowledgeFile[]; issues: KnowledgeIssue[] }> {
  const loaded = await loadKnowledgeFolder(knowledgeDir, today);
  const issues = [...loaded.issues];
  try {
    const text = await readFile(join(knowledgeDir, 'glossary.yaml'), 'utf8');
    issues.push(...parseGlossary(text, 'glossary.yaml').issues);
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) throw error;
  }
  return { files: loaded.files, issues };
}
