import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * On-disk layout of the dense index:
 *   <dir>/CURRENT            name of the live generation (replaced by rename: the atomic swap)
 *   <dir>/gen-<id>/manifest.json, vectors.f32, hnsw.bin
 *   <dir>/.tmp-<id>/         a generation being written
 * Readers never see a half-written generation, and a crash at any point leaves the previous one live.
 */

export const FORMAT_VERSION = 1;
const MAX_MANIFEST_BYTES = 128 * 1024 * 1024;
const GENERATION_NAME = /^gen-[A-Za-z0-9-]+$/;
/** Leftovers of crashed builds; younger ones may belong to a build running in another process. */
const STALE_AFTER_MS = 10 * 60 * 1000;

const manifestSchema = z.object({
  format: z.literal(FORMAT_VERSION),
  modelId: z.string().min(1),
  dimensions: z.number().int().positive(),
  /** Labels are never reused, so a label in the graph always means one passage. */
  nextLabel: z.number().int().nonnegative(),
  rows: z.number().int().nonnegative(),
  vectorsSha256: z.string().length(64),
  graphSha256: z.string().length(64),
  files: z.array(
    z.object({
      id: z.string().min(1),
      /** sha256 of the raw file, as loaded. */
      hash: z.string(),
      /** sha256 of the indexed passage ids and texts: catches passage-splitting changes with equal files. */
      passagesHash: z.string(),
      passages: z.array(z.object({ id: z.string().min(1), label: z.number().int().nonnegative() })),
    }),
  ),
});

export type DenseManifest = z.infer<typeof manifestSchema>;

export interface StoredGeneration {
  name: string;
  manifest: DenseManifest;
  /** Row i belongs to the i-th passage in manifest order. */
  vectors: Float32Array;
  graphPath: string;
  /** Set when hnsw.bin is unusable but manifest and vectors are fine: the graph is rebuilt from vectors. */
  graphProblem?: string;
}

export type ReadResult =
  { kind: 'none' } | { kind: 'ok'; generation: StoredGeneration } | { kind: 'invalid'; reason: string };

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Reads and verifies the live generation. Checksums are checked before hnswlib ever reads hnsw.bin. */
export async function readCurrentGeneration(dir: string): Promise<ReadResult> {
  let name: string;
  try {
    name = (await readFile(join(dir, 'CURRENT'), 'utf8')).trim();
  } catch {
    return (await exists(dir)) && (await hasGenerations(dir))
      ? { kind: 'invalid', reason: 'the CURRENT pointer is missing' }
      : { kind: 'none' };
  }
  if (!GENERATION_NAME.test(name)) return { kind: 'invalid', reason: 'the CURRENT pointer is unreadable' };
  const folder = join(dir, name);

  let manifest: DenseManifest;
  try {
    const info = await stat(join(folder, 'manifest.json'));
    if (info.size > MAX_MANIFEST_BYTES) return { kind: 'invalid', reason: 'the manifest is too large' };
    const parsed = manifestSchema.safeParse(
      JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8')),
    );
    if (!parsed.success) return { kind: 'invalid', reason: 'the manifest has an unexpected shape' };
    manifest = parsed.data;
  } catch (error) {
    return { kind: 'invalid', reason: `the manifest could not be read (${firstLine(error)})` };
  }

  const passageCount = manifest.files.reduce((n, f) => n + f.passages.length, 0);
  if (passageCount !== manifest.rows) return { kind: 'invalid', reason: 'the manifest does not add up' };

  let vectorBytes: Buffer;
  try {
    vectorBytes = await readFile(join(folder, 'vectors.f32'));
  } catch (error) {
    return { kind: 'invalid', reason: `the stored vectors could not be read (${firstLine(error)})` };
  }
  if (
    vectorBytes.byteLength !== manifest.rows * manifest.dimensions * 4 ||
    sha256(vectorBytes) !== manifest.vectorsSha256
  ) {
    return { kind: 'invalid', reason: 'the stored vectors do not match the manifest' };
  }
  // Copy into an aligned buffer: a Buffer from readFile may sit at any offset of a shared pool.
  const vectors = new Float32Array(manifest.rows * manifest.dimensions);
  new Uint8Array(vectors.buffer).set(vectorBytes);

  const graphPath = join(folder, 'hnsw.bin');
  let graphProblem: string | undefined;
  try {
    if (sha256(await readFile(graphPath)) !== manifest.graphSha256)
      graphProblem = 'the search graph failed its checksum';
  } catch (error) {
    graphProblem = `the search graph could not be read (${firstLine(error)})`;
  }
  return {
    kind: 'ok',
    generation: { name, manifest, vectors, graphPath, ...(graphProblem ? { graphProblem } : {}) },
  };
}

async function hasGenerations(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).some((entry) => GENERATION_NAME.test(entry));
  } catch {
    return false;
  }
}

/** Writes, flushes to disk and closes: a renamed folder must not contain files still in the page cache only. */
async function writeDurably(path: string, data: Uint8Array | string): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(data);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

export interface NewGeneration {
  manifest: Omit<DenseManifest, 'vectorsSha256' | 'graphSha256' | 'format'>;
  vectors: Float32Array;
  /** Writes the hnsw graph to the given path. */
  writeGraph(path: string): Promise<void>;
}

/** Writes a complete generation beside the live one and then points CURRENT at it. Returns its name. */
export async function writeGeneration(dir: string, generation: NewGeneration): Promise<string> {
  const id = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  const staging = join(dir, `.tmp-${id}`);
  const name = `gen-${id}`;
  await mkdir(staging, { recursive: true });
  try {
    const vectorBytes = new Uint8Array(
      generation.vectors.buffer,
      generation.vectors.byteOffset,
      generation.vectors.byteLength,
    );
    await writeDurably(join(staging, 'vectors.f32'), vectorBytes);
    await generation.writeGraph(join(staging, 'hnsw.bin'));
    const manifest: DenseManifest = {
      format: FORMAT_VERSION,
      ...generation.manifest,
      vectorsSha256: sha256(vectorBytes),
      graphSha256: sha256(await readFile(join(staging, 'hnsw.bin'))),
    };
    await writeDurably(join(staging, 'manifest.json'), JSON.stringify(manifest));
    await rename(staging, join(dir, name));
  } catch (error) {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
  const pointer = join(dir, `.CURRENT-${id}`);
  await writeDurably(pointer, `${name}\n`);
  await rename(pointer, join(dir, 'CURRENT'));
  await removeOldGenerations(dir, name);
  return name;
}

/** Best effort: a generation another process is still reading stays usable from memory once loaded. */
async function removeOldGenerations(dir: string, keep: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return;
  }
  // Another process may have swapped in its own generation meanwhile; that one stays too.
  const live = await readFile(join(dir, 'CURRENT'), 'utf8').then(
    (text) => text.trim(),
    () => keep,
  );
  const now = Date.now();
  for (const entry of entries) {
    if (entry === keep || entry === live) continue;
    const path = join(dir, entry);
    const isOldGeneration = GENERATION_NAME.test(entry);
    const isLeftover = entry.startsWith('.tmp-') || entry.startsWith('.CURRENT-');
    if (!isOldGeneration && !isLeftover) continue;
    try {
      if (isLeftover && now - (await stat(path)).mtimeMs < STALE_AFTER_MS) continue;
      await rm(path, { recursive: true, force: true });
    } catch {
      // Another build may have removed it first.
    }
  }
}
