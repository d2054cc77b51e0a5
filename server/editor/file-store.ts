import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join, posix, relative, sep } from 'node:path';
import { resolveInside } from './knowledge-path.ts';

export const etagOf = (text: string): string =>
  `"${createHash('sha256').update(text).digest('hex').slice(0, 32)}"`;

/** Reading and writing files in the knowledge folder, always through resolveInside. */
export function knowledgeFolder(root: string) {
  return {
    async read(path: string): Promise<string | undefined> {
      try {
        return await readFile(await resolveInside(root, path), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    /** Written beside the target and renamed, so the watcher and a crash never see half a file. */
    async write(path: string, text: string): Promise<void> {
      const full = await resolveInside(root, path);
      await mkdir(dirname(full), { recursive: true });
      // Unique per write: nodes on other machines sharing the folder can have the same process id.
      const tmp = join(dirname(full), `.${posix.basename(path)}.${randomUUID()}.tmp`);
      await writeFile(tmp, text);
      await rename(tmp, full);
    },
    async move(from: string, to: string): Promise<void> {
      const source = await resolveInside(root, from);
      const target = await resolveInside(root, to);
      await mkdir(dirname(target), { recursive: true });
      await rename(source, target);
    },
    /** Every Markdown file, drafts and archive included, relative with forward slashes. */
    async markdownPaths(): Promise<string[]> {
      const entries = await readdir(root, { recursive: true, withFileTypes: true });
      return entries
        .filter((e) => e.isFile() && e.name.endsWith('.md'))
        .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/'))
        .filter((p) => !p.split('/').some((part) => part.startsWith('.') || part === 'node_modules'))
        .sort();
    },
  };
}
export type KnowledgeFolder = ReturnType<typeof knowledgeFolder>;
