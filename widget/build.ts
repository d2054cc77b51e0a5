/**
 * Builds the browser bundles into widget/dist (served by the server from `paths.staticDir`):
 * widget.js (the embeddable citizen widget), staff.js and editor.js (the consoles), and their pages.
 * Run by `npm install` (prepare): `tsx widget/build.ts`; before `npm start`, scripts/prestart.mjs runs it
 * when a source file is newer than the stamp the build writes last (plain node, so the check needs no tsx).
 */
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

const BUNDLES = [
  { entry: 'citizen/index.ts', out: 'widget.js' },
  { entry: 'staff/main.ts', out: 'staff.js' },
  { entry: 'editor/main.ts', out: 'editor.js' },
  { entry: 'stats/main.ts', out: 'stats.js' },
] as const;

const FILES = [
  { from: 'demo/index.html', to: 'index.html' },
  { from: 'demo/demo.css', to: 'demo.css' },
  { from: 'staff/index.html', to: 'staff/index.html' },
  { from: 'editor/index.html', to: 'editor/index.html' },
  { from: 'shared/console.css', to: 'console.css' },
  { from: 'stats/index.html', to: 'stats/index.html' },
  { from: 'stats/stats.css', to: 'stats.css' },
  { from: 'shared/favicon.svg', to: 'favicon.svg' },
] as const;

export interface BuildResult {
  outDir: string;
  sizes: { file: string; bytes: number; gzipBytes: number }[];
}

export async function buildWidget(outDir = join(here, 'dist')): Promise<BuildResult> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: Object.fromEntries(BUNDLES.map((b) => [b.out.replace(/\.js$/, ''), join(here, b.entry)])),
    outdir: outDir,
    bundle: true,
    format: 'iife',
    target: ['es2022', 'chrome105', 'firefox110', 'safari16.4'],
    minify: true,
    legalComments: 'none',
    loader: { '.css': 'text' },
    logLevel: 'warning',
  });
  for (const f of FILES) {
    await mkdir(dirname(join(outDir, f.to)), { recursive: true });
    await copyFile(join(here, f.from), join(outDir, f.to));
  }
  const sizes = [];
  for (const b of BUNDLES) {
    const data = await readFile(join(outDir, b.out));
    sizes.push({ file: b.out, bytes: data.length, gzipBytes: gzipSync(data, { level: 9 }).length });
  }
  // Last, so its presence means a complete build: scripts/prestart.mjs compares the sources against it.
  await writeFile(join(outDir, '.built'), `${new Date().toISOString()}\n`);
  return { outDir, sizes };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await buildWidget();
  for (const s of result.sizes) {
    console.log(
      `${s.file.padEnd(10)} ${(s.bytes / 1024).toFixed(1)} KB, ${(s.gzipBytes / 1024).toFixed(1)} KB gzipped`,
    );
  }
}
