import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildDenseIndex, type DenseIndex, type Embedder } from './dense/index.ts';
import { calibrationFor, fuse, type DenseCalibration } from './fusion.ts';
import { createLexicalIndex, type LexicalIndex } from './lexical/lexical-index.ts';
import { loadBaseGlossary, mergeGlossaries, parseGlossary } from './lexical/glossary.ts';
import { loadKnowledgeFolder, type ParseCache } from './load/load-knowledge-folder.ts';
import type {
  Glossary,
  KnowledgeFile,
  KnowledgeIssue,
  LeaveOut,
  RetrievalMode,
  RetrievalResult,
  Retriever,
  SearchOptions,
} from './types.ts';

export interface BuildProgress {
  phase: 'load' | 'lexical' | 'dense';
  done: number;
  total: number;
}

export interface KnowledgeStatus {
  mode: RetrievalMode;
  files: number;
  passages: number;
  errors: KnowledgeIssue[];
  warnings: KnowledgeIssue[];
  reviewsDue: { fileId: string; path: string; review: string }[];
  loadedAt: string;
  modelId?: string;
  /** One plain line for start-up, `knowledge build` and /health when something is degraded. */
  notice?: string;
  /** Dense index statistics of the last build. */
  dense?: { embedded: number; reused: number; warnings: string[] };
}

export interface KnowledgeBase {
  readonly retriever: Retriever;
  readonly knowledgeDir: string;
  readonly policyText: string | undefined;
  readonly glossary: Glossary;
  status(): KnowledgeStatus;
  reload(): Promise<KnowledgeStatus>;
}

export interface OpenKnowledgeOptions {
  knowledgeDir: string;
  dataDir: string;
  embedder?: Embedder;
  /** Why there is no embedder, shown as the lexical-only notice. */
  embedderUnavailable?: string;
  /** ISO date; review dates before it are reported. */
  today?: string;
  calibration?: DenseCalibration;
  /** 'dense' leaves the lexical index out of ranking (for comparisons in the eval harness). */
  preferMode?: RetrievalMode;
  onProgress?: (progress: BuildProgress) => void;
}

/** Files above this many passages make a dense search miss files, so search deeper than the result limit. */
const DENSE_DEPTH = 40;
const LEXICAL_DEPTH = 25;

interface Generation {
  files: Map<string, KnowledgeFile>;
  lexical: LexicalIndex;
  dense?: DenseIndex;
  glossaryKey: string;
}

/**
 * Loads a knowledge folder into a retriever that keeps working while editors edit: each reload builds a new
 * generation next to the old one and swaps it in one assignment, and a file that is broken now keeps its last
 * good version.
 */
export async function openKnowledge(options: OpenKnowledgeOptions): Promise<KnowledgeBase> {
  const today = (): string => options.today ?? new Date().toISOString().slice(0, 10);
  const calibration = options.calibration ?? calibrationFor(options.embedder?.modelId);
  const baseGlossary = await loadBaseGlossary();
  let current: Generation | undefined;
  let status: KnowledgeStatus | undefined;
  let policyText: string | undefined;
  let glossary: Glossary = baseGlossary;
  let reloading: Promise<KnowledgeStatus> | undefined;
  const parseCache: ParseCache = new Map();

  const mode = (): RetrievalMode =>
    options.embedder && current?.dense ? (options.preferMode === 'dense' ? 'dense' : 'hybrid') : 'lexical';

  /** One search over a generation; `skip` drops dense hits of passages a leave-out view left out. */
  const searchIn = async (
    generation: Generation | undefined,
    query: string,
    searchOptions: SearchOptions,
    skip?: ReadonlySet<string>,
  ): Promise<RetrievalResult> => {
    const limit = searchOptions.limit ?? 5;
    if (!generation) return { query, mode: mode(), candidates: [], terms: [], unknownWords: [] };
    const lexical = generation.lexical.search(query, {
      limit: Math.max(limit, LEXICAL_DEPTH),
      ...(searchOptions.lang ? { lang: searchOptions.lang } : {}),
    });
    let dense: { fileId: string; passageId: string; similarity: number }[] = [];
    if (generation.dense && options.embedder) {
      const [vector] = await options.embedder.embedQueries([query]);
      if (vector) {
        dense = generation.dense.search(vector, DENSE_DEPTH + (skip?.size ?? 0));
        if (skip) dense = dense.filter((hit) => !skip.has(hit.passageId)).slice(0, DENSE_DEPTH);
      }
    }
    const generationMode: RetrievalMode = generation.dense
      ? options.preferMode === 'dense'
        ? 'dense'
        : 'hybrid'
      : 'lexical';
    return {
      query,
      mode: generationMode,
      candidates: fuse({
        lexical: generationMode === 'dense' ? [] : lexical.hits,
        dense,
        file: (id) => generation.files.get(id),
        mode: generationMode,
        calibration,
        limit,
      }),
      terms: lexical.terms,
      unknownWords: lexical.unknown,
    };
  };

  const retriever: Retriever = {
    get mode() {
      return mode();
    },
    search: (query: string, searchOptions: SearchOptions = {}) => searchIn(current, query, searchOptions),
    file: (id) => current?.files.get(id),
    files: () => [...(current?.files.values() ?? [])],
    leaveOut(parts: LeaveOut) {
      const generation = current;
      const view = generation ? leaveOutView(generation, parts, glossary) : undefined;
      return {
        mode: mode(),
        search: (query: string, searchOptions: SearchOptions = {}) =>
          searchIn(view?.generation, query, searchOptions, view?.skip),
      };
    },
  };

  const build = async (): Promise<KnowledgeStatus> => {
    options.onProgress?.({ phase: 'load', done: 0, total: 0 });
    const loaded = await loadKnowledgeFolder(options.knowledgeDir, today(), parseCache);
    const issues = [...loaded.issues];

    const localGlossary = await readOptional(join(options.knowledgeDir, 'glossary.yaml'));
    let local: Glossary = { groups: [] };
    if (localGlossary !== undefined) {
      const parsed = parseGlossary(localGlossary, 'glossary.yaml');
      issues.push(...parsed.issues);
      local = parsed.glossary;
    }
    policyText = await readOptional(join(options.knowledgeDir, 'policy.yaml'));
    glossary = mergeGlossaries(baseGlossary, local);
    const glossaryKey = JSON.stringify(glossary.groups);

    // A file that is broken now keeps the version that last loaded, so one typo does not unpublish it.
    const files = new Map(loaded.files.map((f) => [f.id, f]));
    const previous = current;
    if (previous) {
      for (const path of loaded.brokenPaths) {
        const old = [...previous.files.values()].find((f) => f.path === path);
        if (old && !files.has(old.id)) files.set(old.id, old);
      }
    }

    const list = [...files.values()];
    options.onProgress?.({ phase: 'lexical', done: 0, total: list.length });
    let lexical: LexicalIndex;
    if (previous && previous.glossaryKey === glossaryKey) {
      lexical = previous.lexical;
      // Incremental: only changed, added and removed files touch the index.
      for (const old of previous.files.values()) if (!files.has(old.id)) lexical.remove(old.id);
      for (const file of list) if (previous.files.get(file.id)?.hash !== file.hash) lexical.upsert(file);
    } else {
      lexical = createLexicalIndex(list, glossary);
    }
    lexical.warm();
    options.onProgress?.({ phase: 'lexical', done: list.length, total: list.length });

    let dense: DenseIndex | undefined;
    let denseStats: KnowledgeStatus['dense'];
    let notice: string | undefined;
    if (options.embedder) {
      try {
        const built = await buildDenseIndex({
          dir: join(options.dataDir, 'dense'),
          embedder: options.embedder,
          files: list,
          onProgress: (done: number, total: number) => options.onProgress?.({ phase: 'dense', done, total }),
        });
        dense = built.index;
        denseStats = { embedded: built.embedded, reused: built.reused, warnings: built.warnings };
      } catch (error) {
        dense = previous?.dense;
        notice = `Dense index could not be built (${error instanceof Error ? error.message : String(error)}); ${dense ? 'keeping the previous one' : 'lexical-only mode'}.`;
      }
    } else {
      notice = `Lexical-only mode: ${options.embedderUnavailable ?? 'no embedding model is configured'}.`;
    }

    current = { files, lexical, ...(dense ? { dense } : {}), glossaryKey };
    const now = today();
    status = {
      mode: mode(),
      files: files.size,
      passages: list.reduce((n, f) => n + f.passages.length, 0),
      errors: issues.filter((i) => i.severity === 'error'),
      warnings: issues.filter((i) => i.severity === 'warning'),
      reviewsDue: list
        .filter((f) => f.review !== undefined && f.review < now)
        .map((f) => ({ fileId: f.id, path: f.path, review: f.review ?? '' })),
      loadedAt: new Date().toISOString(),
      ...(options.embedder ? { modelId: options.embedder.modelId } : {}),
      ...(notice ? { notice } : {}),
      ...(denseStats ? { dense: denseStats } : {}),
    };
    return status;
  };

  const reload = (): Promise<KnowledgeStatus> => {
    // Concurrent reloads share one build instead of racing to swap generations.
    reloading ??= build().finally(() => {
      reloading = undefined;
    });
    return reloading;
  };

  await reload();
  return {
    retriever,
    knowledgeDir: options.knowledgeDir,
    get policyText() {
      return policyText;
    },
    get glossary() {
      return glossary;
    },
    status: () => {
      if (!status) throw new Error('knowledge not loaded');
      return status;
    },
    reload,
  };
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * The knowledge as if some files and questions had never been written: a fresh lexical index over the rest
 * (BM25 statistics included), and the left-out passages to drop from dense hits, whose vectors stay put.
 */
function leaveOutView(
  generation: Generation,
  parts: LeaveOut,
  glossary: Glossary,
): { generation: Generation; skip: Set<string> } {
  const goneFiles = new Set(parts.files);
  const goneQuestions = new Map<string, Set<number>>();
  for (const q of parts.questions) {
    const set = goneQuestions.get(q.fileId) ?? new Set<number>();
    set.add(q.index);
    goneQuestions.set(q.fileId, set);
  }
  const skip = new Set<string>();
  const files = new Map<string, KnowledgeFile>();
  for (const file of generation.files.values()) {
    if (goneFiles.has(file.id)) {
      for (const p of file.passages) skip.add(p.id);
      continue;
    }
    const gone = goneQuestions.get(file.id);
    if (!gone) {
      files.set(file.id, file);
      continue;
    }
    // Question passages follow the title passage in question order (load/passages.ts).
    let question = -1;
    const passages = file.passages.filter((p) => {
      if (p.kind !== 'question') return true;
      question += 1;
      if (!gone.has(question)) return true;
      skip.add(p.id);
      return false;
    });
    files.set(file.id, { ...file, questions: file.questions.filter((_, i) => !gone.has(i)), passages });
  }
  const lexical = createLexicalIndex([...files.values()], glossary);
  lexical.warm();
  return {
    generation: { ...generation, files, lexical, glossaryKey: generation.glossaryKey },
    skip,
  };
}
