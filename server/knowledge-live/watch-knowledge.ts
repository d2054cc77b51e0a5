import { watch } from 'chokidar';
import type { Logger } from '../log.ts';

export interface KnowledgeWatcher {
  close(): Promise<void>;
}

/**
 * Watches the knowledge folder (edits, `git pull`, a deploy) and calls `onChange` once the folder has been
 * quiet for `debounceMs`: a pull that writes forty files gives one reload, not forty.
 */
export async function watchKnowledge(o: {
  dir: string;
  onChange: () => Promise<unknown>;
  debounceMs: number;
  log: Logger;
}): Promise<KnowledgeWatcher> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const watcher = watch(o.dir, {
    ignoreInitial: true,
    // Git's own folder and editors' dot-files change all the time and are never knowledge.
    ignored: (path) => /(^|[/\\])(\.[^/\\]+|node_modules)([/\\]|$)/.test(path.slice(o.dir.length)),
  });
  watcher.on('all', () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      o.onChange().catch((error: unknown) => o.log.error('knowledge reload failed', error));
    }, o.debounceMs);
  });
  watcher.on('error', (error) => o.log.warn(`watching ${o.dir} failed`, error));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    async close() {
      if (timer) clearTimeout(timer);
      await watcher.close();
    },
  };
}
