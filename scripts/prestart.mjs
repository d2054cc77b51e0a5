/**
 * `npm start`'s prestart: rebuilds widget/dist and dist/server only when a source file is newer than the
 * build. Plain JavaScript, so on a fresh build the check costs one node start and a directory walk, where
 * `tsx widget/build.ts --if-stale` cost half a second of loading tsx before it could look at a file; tsx is
 * started only when the widget really has to be built again.
 */
import { spawnSync } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { buildServer, isFresh as serverIsFresh } from './build-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const widget = join(root, 'widget');
/** Written by widget/build.ts after everything else, so it stands for a complete build. */
export const WIDGET_STAMP = join(widget, 'dist', '.built');

/** Newest modification time of the widget's sources (not tests, test support or dist). */
async function newestWidgetSource(dir = widget) {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'dist' && entry.name !== 'test-support')
        newest = Math.max(newest, await newestWidgetSource(path));
    } else if (!entry.name.includes('.test.')) newest = Math.max(newest, (await stat(path)).mtimeMs);
  }
  return newest;
}

export async function widgetIsFresh() {
  try {
    return (await stat(WIDGET_STAMP)).mtimeMs >= (await newestWidgetSource());
  } catch {
    return false;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [widgetFresh, serverFresh] = await Promise.all([widgetIsFresh(), serverIsFresh()]);
  if (!widgetFresh) {
    const built = spawnSync(process.execPath, ['--import', 'tsx', join(widget, 'build.ts')], {
      cwd: root,
      stdio: 'inherit',
    });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
  if (!serverFresh) {
    const started = performance.now();
    await buildServer();
    process.stdout.write(`server built into dist/server in ${Math.round(performance.now() - started)} ms\n`);
  }
}
