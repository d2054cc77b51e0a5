/**
 * Builds the server into dist/server as plain JavaScript (esbuild), so `npm start` runs node on it instead of
 * compiling TypeScript at every start. Run by `npm install` (prepare); before `npm start` (prestart) with
 * `--if-stale`, which skips the build when dist/server is newer than every source file. Plain JavaScript
 * itself, so the check costs a node start and not a TypeScript compiler's.
 *
 * dist/server/main.js is the server, dist/server/decide-worker.js the decision pool's worker. Node packages
 * stay outside the bundle. The built-in data files (safety concepts, base glossary, handover model) are
 * parsed and checked once here into dist/server/built-ins (server/write-built-ins.ts), and only the built
 * server reads them there (types/svar-build.d.ts); data files count as sources for `--if-stale`. Source files find their data files (YAML, JSON, models) through
 * `import.meta.url`, so each module's `import.meta.url` is pointed back at its source file.
 */
import { readdir, stat } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SOURCE_DIRS = ['bot', 'knowledge', 'server'];
export const ENTRIES = {
  main: 'server/main.ts',
  'decide-worker': 'server/decision-pool/decide-worker.ts',
  'write-built-ins': 'server/write-built-ins.ts',
};
/** Beside the bundle: what the build parsed once, for every start (see SVAR_BUILT_INS). */
export const BUILT_INS_DIR = 'built-ins';
/** Files whose change makes the build stale: code and the data files the build parses. */
const SOURCE_FILE = /\.(ts|yaml|json)$/;
/** Editors' knowledge, not part of the build. */
const NOT_SOURCE_DIRS = new Set(['node_modules', 'dist', 'sample']);

/** @param {string} outDir */
export async function buildServer(outDir = join(root, 'dist', 'server')) {
  const { build } = await import('esbuild');
  const { readFile, rm } = await import('node:fs/promises');
  // Chunk names carry hashes: clear out the last build's.
  await rm(outDir, { recursive: true, force: true });
  /** @type {import('esbuild').Plugin} */
  const sourceUrls = {
    name: 'source-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const back = relative(outDir, args.path).split(sep).join('/');
        return {
          contents: text.replaceAll(
            'import.meta.url',
            `new URL(${JSON.stringify(back)}, import.meta.url).href`,
          ),
          loader: 'ts',
        };
      });
    },
  };
  await build({
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, path]) => [name, join(root, path)])),
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // Code loaded on demand (the embedding library) stays in chunks of its own, out of every start.
    splitting: true,
    sourcemap: true,
    define: { SVAR_BUILT_INS: JSON.stringify(BUILT_INS_DIR) },
    plugins: [sourceUrls],
    logLevel: 'warning',
  });
  const { writeBuiltIns } = await import(pathToFileURL(join(outDir, 'write-built-ins.js')).href);
  await writeBuiltIns(join(outDir, BUILT_INS_DIR));
  return outDir;
}

/** Newest modification time of the sources and data files (tests included: cheaper than telling them apart). */
async function newestSource() {
  let newest = (await stat(join(root, 'package.json'))).mtimeMs;
  /** @param {string} dir */
  const walk = async (dir) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!NOT_SOURCE_DIRS.has(entry.name)) await walk(full);
      } else if (SOURCE_FILE.test(entry.name)) newest = Math.max(newest, (await stat(full)).mtimeMs);
    }
  };
  for (const dir of SOURCE_DIRS) await walk(join(root, dir));
  return newest;
}

/** @param {string} outDir */
export async function isFresh(outDir = join(root, 'dist', 'server')) {
  try {
    const built = Math.min(
      ...(await Promise.all(
        Object.keys(ENTRIES).map(async (n) => (await stat(join(outDir, `${n}.js`))).mtimeMs),
      )),
    );
    return built >= (await newestSource());
  } catch {
    return false;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!(process.argv.includes('--if-stale') && (await isFresh()))) {
    const started = performance.now();
    const out = await buildServer();
    process.stdout.write(
      `server built into ${relative(process.cwd(), out)} in ${Math.round(performance.now() - started)} ms\n`,
    );
  }
}
