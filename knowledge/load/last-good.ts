import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';

const manifestSchema = z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/));

/**
 * The last version of each knowledge file (and glossary.yaml, policy.yaml) that loaded without errors, kept
 * in the data folder. A file that is broken when the server starts then serves its last good version instead
 * of disappearing, just as it does when it breaks while the server runs.
 */
export interface LastGoodStore {
  get(path: string): Promise<string | undefined>;
  /**
   * Records the texts that are good now and forgets paths that no longer exist. Paths in neither (broken
   * files) keep their copy. Only changed texts are written.
   */
  sync(good: ReadonlyMap<string, string>, existing: ReadonlySet<string>): Promise<void>;
}

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

export function lastGoodStore(dir: string): LastGoodStore {
  const manifestPath = join(dir, 'manifest.json');
  const filePath = (path: string): string => join(dir, 'files', path);
  let manifest: Map<string, string> | undefined;
  // The loader hands back the same string for an unchanged file, so most files skip hashing on a reload.
  const synced = new Map<string, string>();

  const load = async (): Promise<Map<string, string>> => {
    if (manifest) return manifest;
    try {
      const parsed = manifestSchema.safeParse(JSON.parse(await readFile(manifestPath, 'utf8')));
      manifest = new Map(parsed.success ? Object.entries(parsed.data) : []);
    } catch {
      manifest = new Map();
    }
    return manifest;
  };

  // A crash half-way through a write must not leave a torn copy to be served as the "good" version.
  const writeAtomic = async (path: string, text: string): Promise<void> => {
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    await writeFile(tmp, text);
    await rename(tmp, path);
  };

  return {
    async get(path) {
      const known = await load();
      if (!known.has(path)) return undefined;
      try {
        return await readFile(filePath(path), 'utf8');
      } catch {
        return undefined;
      }
    },
    async sync(good, existing) {
      const known = await load();
      let changed = false;
      for (const [path, text] of good) {
        if (synced.get(path) === text) continue;
        const hash = sha(text);
        if (known.get(path) !== hash) {
          await writeAtomic(filePath(path), text);
          known.set(path, hash);
          changed = true;
        }
        synced.set(path, text);
      }
      for (const path of [...known.keys()]) {
        if (existing.has(path)) continue;
        known.delete(path);
        synced.delete(path);
        await rm(filePath(path), { force: true });
        changed = true;
      }
      if (changed) await writeAtomic(manifestPath, JSON.stringify(Object.fromEntries(known)));
    },
  };
}
