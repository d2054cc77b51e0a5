import { mkdir } from 'node:fs/promises';
import type { KnowledgeFile } from '../types.ts';
import { addVector, createGraph, ensureCapacity, readGraph, type Graph } from './dense-graph.ts';
import {
  readCurrentGeneration,
  sha256,
  writeGeneration,
  type DenseManifest,
  type StoredGeneration,
} from './dense-store.ts';
import type { Embedder } from './embedder.ts';

export interface DenseHit {
  passageId: string;
  fileId: string;
  /** Cosine similarity of query and passage vectors. */
  similarity: number;
}

export interface DenseIndex {
  /** Number of indexed passages. */
  readonly size: number;
  readonly modelId: string;
  readonly dimensions: number;
  /** The k passages nearest to an (already embedded) query vector, most similar first. */
  search(vector: Float32Array, k: number): DenseHit[];
}

export interface BuildDenseIndexOptions {
  /** Folder the index lives in (e.g. `<dataDir>/dense`); created when missing. */
  dir: string;
  embedder: Embedder;
  files: readonly KnowledgeFile[];
  /** Passages embedded so far of those that need embedding in this build. */
  onProgress?: (done: number, total: number) => void;
}

export interface BuildDenseIndexResult {
  index: DenseIndex;
  /** Plain sentences: a rebuilt index and why, a save that failed. */
  warnings: string[];
  /** Passages embedded in this build. */
  embedded: number;
  /** Passages whose stored vectors were reused. */
  reused: number;
  /** Ids of files that were (re-)embedded: new or changed. */
  changedFiles: string[];
  /** Ids of files in the previous index that are gone. */
  removedFiles: string[];
}

/** Passages per embedder call: small enough for smooth progress, large enough to fill its batches. */
const EMBED_CHUNK = 64;
/** Search breadth; hnswlib needs at least k, more gives better recall for little cost at this size. */
const MIN_EF_SEARCH = 64;
/** When deleted slots outnumber live passages this much, a fresh graph is cheaper to search. */
const MAX_DELETED_RATIO = 1;

interface PassageRef {
  passageId: string;
  fileId: string;
}

class HnswDenseIndex implements DenseIndex {
  constructor(
    private readonly graph: Graph,
    private readonly labels: ReadonlyMap<number, PassageRef>,
    readonly modelId: string,
    readonly dimensions: number,
  ) {}

  get size(): number {
    return this.labels.size;
  }

  search(vector: Float32Array, k: number): DenseHit[] {
    if (vector.length !== this.dimensions) {
      throw new Error(`query vector has ${vector.length} dimensions, the dense index ${this.dimensions}`);
    }
    const wanted = Math.min(Math.floor(k), this.size);
    if (wanted <= 0) return [];
    this.graph.setEf(Math.max(MIN_EF_SEARCH, wanted));
    const { neighbors, distances } = this.graph.searchKnn(Array.from(vector), wanted);
    const hits: DenseHit[] = [];
    neighbors.forEach((label, i) => {
      const ref = this.labels.get(label);
      // hnswlib's cosine distance is 1 - cosine similarity.
      if (ref) hits.push({ ...ref, similarity: 1 - (distances[i] ?? 1) });
    });
    return hits;
  }
}

function passagesHash(file: KnowledgeFile): string {
  return sha256(file.passages.map((p) => `${p.id}\u0000${p.text}`).join('\u0001'));
}

interface PlannedFile {
  file: KnowledgeFile;
  passagesHash: string;
  /** Present when the stored vectors are still valid. */
  reuse?: { firstRow: number; labels: number[] };
}

function uniqueFiles(files: readonly KnowledgeFile[], warnings: string[]): KnowledgeFile[] {
  const seen = new Set<string>();
  const unique: KnowledgeFile[] = [];
  for (const file of files) {
    if (seen.has(file.id)) {
      warnings.push(
        `Dense index: file id ${file.id} appears more than once; only its first file (${file.path}) is indexed.`,
      );
      continue;
    }
    seen.add(file.id);
    unique.push(file);
  }
  return unique;
}

async function embedAll(
  embedder: Embedder,
  texts: string[],
  onProgress: BuildDenseIndexOptions['onProgress'],
): Promise<Float32Array[]> {
  const vectors: Float32Array[] = [];
  onProgress?.(0, texts.length);
  for (let start = 0; start < texts.length; start += EMBED_CHUNK) {
    const chunk = texts.slice(start, start + EMBED_CHUNK);
    const embedded = await embedder.embedPassages(chunk);
    if (embedded.length !== chunk.length || embedded.some((v) => v.length !== embedder.dimensions)) {
      throw new Error(`embedding model ${embedder.modelId} returned vectors of the wrong number or size`);
    }
    vectors.push(...embedded);
    onProgress?.(vectors.length, texts.length);
  }
  return vectors;
}

/** The stored generation, when it was made by this embedder; otherwise a warning says why it is dropped. */
async function usablePrevious(
  dir: string,
  embedder: Embedder,
  warnings: string[],
): Promise<StoredGeneration | undefined> {
  const read = await readCurrentGeneration(dir);
  if (read.kind === 'none') return undefined;
  if (read.kind === 'invalid') {
    warnings.push(`Dense index rebuilt from scratch: ${read.reason}.`);
    return undefined;
  }
  const { manifest } = read.generation;
  if (manifest.modelId !== embedder.modelId || manifest.dimensions !== embedder.dimensions) {
    warnings.push(
      `Dense index rebuilt from scratch: it was made with ${manifest.modelId} (${manifest.dimensions} dimensions), ` +
        `not ${embedder.modelId} (${embedder.dimensions}).`,
    );
    return undefined;
  }
  return read.generation;
}

/** Loads the previous search graph for incremental updates, or says why a new one must be built. */
function reusableGraph(previous: StoredGeneration, liveRows: number, warnings: string[]): Graph | undefined {
  if (previous.graphProblem) {
    warnings.push(`Dense search graph rebuilt from the stored vectors: ${previous.graphProblem}.`);
    return undefined;
  }
  let graph: Graph;
  try {
    graph = readGraph(previous.graphPath, previous.manifest.dimensions);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    warnings.push(`Dense search graph rebuilt from the stored vectors: it could not be loaded (${reason}).`);
    return undefined;
  }
  const ids = new Set(graph.getIdsList());
  const complete = previous.manifest.files.every((f) => f.passages.every((p) => ids.has(p.label)));
  if (graph.getNumDimensions() !== previous.manifest.dimensions || !complete) {
    warnings.push('Dense search graph rebuilt from the stored vectors: it does not match the manifest.');
    return undefined;
  }
  if (graph.getCurrentCount() - liveRows > Math.max(1000, liveRows * MAX_DELETED_RATIO)) return undefined;
  return graph;
}

/**
 * Embeds every passage (titles, alternative questions, body passages) of the given files into an hnswlib
 * cosine index persisted in `dir`. Unchanged files keep their stored vectors, so only new and changed
 * files are embedded; removed files drop out. A new generation is written beside the old one and swapped
 * in atomically. An unreadable, corrupt or other-model index is rebuilt from scratch with a warning;
 * only a failing embedder makes this throw.
 */
export async function buildDenseIndex(options: BuildDenseIndexOptions): Promise<BuildDenseIndexResult> {
  const { embedder, dir } = options;
  const warnings: string[] = [];
  const files = uniqueFiles(options.files, warnings);
  await mkdir(dir, { recursive: true });

  const previous = await usablePrevious(dir, embedder, warnings);
  const previousFiles = new Map<string, { entry: DenseManifest['files'][number]; firstRow: number }>();
  if (previous) {
    let row = 0;
    for (const entry of previous.manifest.files) {
      previousFiles.set(entry.id, { entry, firstRow: row });
      row += entry.passages.length;
    }
  }

  const planned: PlannedFile[] = files.map((file) => {
    const hash = passagesHash(file);
    const old = previousFiles.get(file.id);
    return old && old.entry.hash === file.hash && old.entry.passagesHash === hash
      ? {
          file,
          passagesHash: hash,
          reuse: { firstRow: old.firstRow, labels: old.entry.passages.map((p) => p.label) },
        }
      : { file, passagesHash: hash };
  });
  const currentIds = new Set(files.map((f) => f.id));
  const removedFiles = [...previousFiles.keys()].filter((id) => !currentIds.has(id));
  const changedFiles = planned.filter((p) => !p.reuse).map((p) => p.file.id);
  const rows = files.reduce((n, f) => n + f.passages.length, 0);

  let graph = previous ? reusableGraph(previous, rows, warnings) : undefined;
  const dimensions = embedder.dimensions;

  const fresh = await embedAll(
    embedder,
    planned.filter((p) => !p.reuse).flatMap((p) => p.file.passages.map((passage) => passage.text)),
    options.onProgress,
  );

  // Assemble rows in file order; reused rows are copied from the stored vectors.
  const vectors = new Float32Array(rows * dimensions);
  const labels = new Map<number, PassageRef>();
  const manifestFiles: DenseManifest['files'] = [];
  const added: { vector: Float32Array; label: number }[] = [];
  const rowLabels: number[] = [];
  let nextLabel = graph && previous ? previous.manifest.nextLabel : 0;
  let row = 0;
  let freshIndex = 0;
  for (const { file, passagesHash: hash, reuse } of planned) {
    const passages: { id: string; label: number }[] = [];
    file.passages.forEach((passage, i) => {
      let vector: Float32Array;
      let label: number;
      if (reuse && previous) {
        const start = (reuse.firstRow + i) * dimensions;
        vector = previous.vectors.subarray(start, start + dimensions);
        label = graph ? (reuse.labels[i] ?? nextLabel++) : nextLabel++;
      } else {
        vector = fresh[freshIndex++] ?? new Float32Array(dimensions);
        label = nextLabel++;
        if (graph) added.push({ vector, label });
      }
      vectors.set(vector, row * dimensions);
      labels.set(label, { passageId: passage.id, fileId: file.id });
      rowLabels.push(label);
      passages.push({ id: passage.id, label });
      row++;
    });
    manifestFiles.push({ id: file.id, hash: file.hash, passagesHash: hash, passages });
  }

  const unchanged = graph !== undefined && changedFiles.length === 0 && removedFiles.length === 0;
  if (graph && previous) {
    // Incremental: retire the passages of changed and removed files, add the new ones.
    for (const entry of previous.manifest.files) {
      for (const passage of entry.passages) if (!labels.has(passage.label)) graph.markDelete(passage.label);
    }
    ensureCapacity(graph, added.length);
    for (const { vector, label } of added) addVector(graph, vector, label);
  } else {
    const rebuilt = createGraph(dimensions, rows);
    rowLabels.forEach((label, r) =>
      addVector(rebuilt, vectors.subarray(r * dimensions, (r + 1) * dimensions), label),
    );
    graph = rebuilt;
  }

  if (!unchanged) {
    const finished = graph;
    try {
      await writeGeneration(dir, {
        manifest: { modelId: embedder.modelId, dimensions, nextLabel, rows, files: manifestFiles },
        vectors,
        writeGraph: async (path) => {
          finished.writeIndexSync(path);
        },
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      warnings.push(
        `Dense index could not be saved in ${dir} (${reason}); it is used from memory until the next build.`,
      );
    }
  }

  return {
    index: new HnswDenseIndex(graph, labels, embedder.modelId, dimensions),
    warnings,
    embedded: fresh.length,
    reused: rows - fresh.length,
    changedFiles,
    removedFiles,
  };
}
