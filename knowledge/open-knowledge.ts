import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildDenseIndex, type DenseIndex, type Embedder } from './dense/index.ts';
import { calibrationFor, fuse, type DenseCalibration } from './fusion.ts';
import { createLexicalIndex, type LexicalIndex } from './lexical/lexical-index.ts';
import { loadBaseGlossary, mergeGlossaries, parseGlossary } from './lexical/glossary.ts';
import { lastGoodStore } from './load/last-good.ts';
import { loadKnowledgeFolder, type ParseCache } from './load/load-knowledge-folder.ts';
import { parseKnowledgeFile } from './load/parse-knowledge-file.ts';
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
  /** Counts up by one with every reload that went live; every search is answered from one version. */
  version: number;
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
  /** Broken files (and glossary.yaml or policy.yaml) that are served in their last good version. */
  keptLastGood: string[];
  /** How long the last reload took, in milliseconds. */
  buildMs: number;
}

/** One version of the knowledge: a retriever that keeps answering from it, with its policy and glossary. */
export interface KnowledgeSnapshot {
  readonly version: number;
  readonly retriever: Retriever;
  readonly policyText: string | undefined;
  readonly glossary: Glossary;
}

export interface ReloadHooks {
  /**
   * Runs when the next version is built but not yet live, e.g. to build a bot environment on it and wait for
   * questions in flight. The swap follows synchronously; a throw cancels the reload.
   */
  beforeSwap?(next: KnowledgeSnapshot): Promise<void>;
}

export interface KnowledgeBase {
  readonly retriever: Retriever;
  readonly knowledgeDir: string;
  readonly policyText: string | undefined;
  readonly glossary: Glossary;
  status(): KnowledgeStatus;
  /** The live version, fixed: its retriever keeps answering from it after later reloads. */
  snapshot(): KnowledgeSnapshot;
  /**
   * The live version with one file changed (`text` null: removed), built beside it and never made live: to
   * show an editor how the bot would answer after a change. Lexical retrieval only; the live index is untouched.
   */
  candidate(
    path: string,
    text: string | null,
  ): Promise<{ snapshot: KnowledgeSnapshot; issues: KnowledgeIssue[] }>;
  /** Reloads the folder; a call during a reload gets one more reload after it, so no change is missed. */
  reload(hooks?: ReloadHooks): Promise<KnowledgeStatus>;
  /**
   * An embedding model that became ready after the knowledge opened (it loads in the background so it never
   * holds up a start): the next reload builds the dense index and goes hybrid; until then searches stay lexical.
   */
  useEmbedder(embedder: Embedder): void;
  /** Why there is still no embedding model (e.g. the background load failed): the lexical-only notice. */
  embedderUnavailable(reason: string): void;
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
  /** Validates policy.yaml (the bot owns its format), so a broken one keeps its last good version. */
  validatePolicy?: (text: string) => KnowledgeIssue[];
}

/** Files above this many passages make a dense search miss files, so search deeper than the result limit. */
const DENSE_DEPTH = 40;
const LEXICAL_DEPTH = 25;

interface Generation {
  version: number;
  files: Map<string, KnowledgeFile>;
  lexical: LexicalIndex;
  dense?: DenseIndex;
  glossaryKey: string;
  /** glossary.yaml's own groups as last loaded without errors. */
  localGlossary: Glossary;
  glossary: Glossary;
  policyText: string | undefined;
}

const EMPTY_GLOSSARY: Glossary = { groups: [] };

/**
 * Loads a knowledge folder into a retriever that keeps working while editors edit: each reload builds a new
 * generation next to the old one and swaps it in one assignment, and a file that is broken now keeps its last
 * good version, also across restarts (copies in <dataDir>/last-good).
 */
export async function openKnowledge(options: OpenKnowledgeOptions): Promise<KnowledgeBase> {
  const today = (): string => options.today ?? new Date().toISOString().slice(0, 10);
  let embedder = options.embedder;
  let unavailable = options.embedderUnavailable;
  let calibration = options.calibration ?? calibrationFor(embedder?.modelId);
  const lexicalNotice = (): string =>
    `Lexical-only mode: ${unavailable ?? 'no embedding model is configured'}.`;
  const baseGlossary = await loadBaseGlossary();
  const lastGood = lastGoodStore(join(options.dataDir, 'last-good'));
  let current: Generation | undefined;
  let status: KnowledgeStatus | undefined;
  let running: Promise<KnowledgeStatus> | undefined;
  let queued: Promise<KnowledgeStatus> | undefined;
  const parseCache: ParseCache = new Map();

  const modeOf = (generation: Generation | undefined): RetrievalMode =>
    embedder && generation?.dense ? (options.preferMode === 'dense' ? 'dense' : 'hybrid') : 'lexical';

  /** One search over a generation; `skip` drops dense hits of passages a leave-out view left out. */
  const searchIn = async (
    generation: Generation | undefined,
    query: string,
    searchOptions: SearchOptions,
    skip?: ReadonlySet<string>,
  ): Promise<RetrievalResult> => {
    const limit = searchOptions.limit ?? 5;
    if (!generation) return { query, mode: modeOf(generation), candidates: [], terms: [], unknownWords: [] };
    const lexical = generation.lexical.search(query, {
      limit: Math.max(limit, LEXICAL_DEPTH),
      ...(searchOptions.lang ? { lang: searchOptions.lang } : {}),
    });
    let dense: { fileId: string; passageId: string; similarity: number }[] = [];
    if (generation.dense && embedder) {
      const [vector] = await embedder.embedQueries([query]);
      if (vector) {
        dense = generation.dense.search(vector, DENSE_DEPTH + (skip?.size ?? 0));
        if (skip) dense = dense.filter((hit) => !skip.has(hit.passageId)).slice(0, DENSE_DEPTH);
      }
    }
    const generationMode = modeOf(generation);
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

  /** A retriever on whatever generation `at` gives: the live one, or one fixed version. */
  const retrieverOn = (at: () => Generation | undefined): Retriever => ({
    get mode() {
      return modeOf(at());
    },
    search: (query: string, searchOptions: SearchOptions = {}) => searchIn(at(), query, searchOptions),
    file: (id) => at()?.files.get(id),
    files: () => [...(at()?.files.values() ?? [])],
    leaveOut(parts: LeaveOut) {
      const generation = at();
      const view = generation ? leaveOutView(generation, parts, generation.glossary) : undefined;
      return {
        mode: modeOf(generation),
        search: (query: string, searchOptions: SearchOptions = {}) =>
          searchIn(view?.generation, query, searchOptions, view?.skip),
      };
    },
  });

  const retriever = retrieverOn(() => current);

  const snapshotOf = (
    at: () => Generation | undefined,
    fixed: { version: number; policyText: string | undefined; glossary: Glossary },
  ): KnowledgeSnapshot => ({ ...fixed, retriever: retrieverOn(at) });

  // glossary.yaml and policy.yaml rarely change between reloads: parse and check each text once.
  let lastGlossary: { text: string; parsed: ReturnType<typeof parseGlossary> } | undefined;
  const parsedGlossary = (text: string): ReturnType<typeof parseGlossary> => {
    if (lastGlossary?.text !== text) lastGlossary = { text, parsed: parseGlossary(text, GLOSSARY_PATH) };
    return lastGlossary.parsed;
  };
  let lastPolicy: { text: string; issues: KnowledgeIssue[] } | undefined;
  const policyIssuesOf = (text: string): KnowledgeIssue[] => {
    if (lastPolicy?.text !== text) lastPolicy = { text, issues: options.validatePolicy?.(text) ?? [] };
    return lastPolicy.issues;
  };

  const build = async (hooks: ReloadHooks): Promise<KnowledgeStatus> => {
    const started = performance.now();
    options.onProgress?.({ phase: 'load', done: 0, total: 0 });
    const loaded = await loadKnowledgeFolder(options.knowledgeDir, today(), parseCache);
    const issues = [...loaded.issues];
    const previous = current;
    const keptLastGood: string[] = [];
    /** Texts that loaded without errors now, to be kept as the last good versions. */
    const good = new Map<string, string>();
    const existing = new Set<string>(loaded.brokenPaths);

    // A file that is broken now keeps the version that last loaded, so one typo does not unpublish it.
    const files = new Map(loaded.files.map((f) => [f.id, f]));
    for (const file of loaded.files) {
      existing.add(file.path);
      const text = parseCache.get(file.path)?.text;
      if (text !== undefined) good.set(file.path, text);
    }
    for (const path of loaded.brokenPaths) {
      let old = previous ? [...previous.files.values()].find((f) => f.path === path) : undefined;
      if (!old) {
        const text = await lastGood.get(path);
        if (text !== undefined) old = (await parseKnowledgeFile(path, text, today())).file;
      }
      if (old && !files.has(old.id)) {
        files.set(old.id, old);
        keptLastGood.push(path);
      }
    }

    // glossary.yaml and policy.yaml: a broken one keeps its last good version in the same way.
    let localGlossary: Glossary = EMPTY_GLOSSARY;
    const glossaryText = await readOptional(join(options.knowledgeDir, GLOSSARY_PATH));
    if (glossaryText !== undefined) {
      existing.add(GLOSSARY_PATH);
      const parsed = parsedGlossary(glossaryText);
      issues.push(...parsed.issues);
      if (!parsed.issues.some((i) => i.severity === 'error')) {
        localGlossary = parsed.glossary;
        good.set(GLOSSARY_PATH, glossaryText);
      } else {
        const kept = previous?.localGlossary ?? (await lastGoodGlossary());
        if (kept) {
          localGlossary = kept;
          keptLastGood.push(GLOSSARY_PATH);
        }
      }
    }
    let policyText = await readOptional(join(options.knowledgeDir, POLICY_PATH));
    if (policyText !== undefined) {
      existing.add(POLICY_PATH);
      const policyIssues = policyIssuesOf(policyText);
      issues.push(...policyIssues);
      if (!policyIssues.some((i) => i.severity === 'error')) {
        good.set(POLICY_PATH, policyText);
      } else {
        const kept = previous ? previous.policyText : await lastGood.get(POLICY_PATH);
        if (kept !== undefined) {
          policyText = kept;
          keptLastGood.push(POLICY_PATH);
        }
      }
    }
    // The same glossary.yaml as last time is the same merged glossary (and index) as last time.
    const sameGlossary = previous !== undefined && previous.localGlossary === localGlossary;
    const glossary = sameGlossary ? previous.glossary : mergeGlossaries(baseGlossary, localGlossary);
    const glossaryKey = sameGlossary ? previous.glossaryKey : JSON.stringify(glossary.groups);

    // Written while the index is built (on a first start that is a copy of every file): disk and CPU overlap.
    const syncing = lastGood.sync(good, existing).then(
      () => undefined,
      (error: unknown) =>
        `Last good versions could not be saved (${error instanceof Error ? error.message : String(error)}).`,
    );

    const list = [...files.values()];
    const changed = previous
      ? {
          removed: [...previous.files.keys()].filter((id) => !files.has(id)),
          upserted: list.filter((file) => previous.files.get(file.id)?.hash !== file.hash),
        }
      : undefined;
    // With the same glossary only changed files touch the index, but the index is shared with the live
    // generation, so that edit waits for the swap. Otherwise a new index is built beside the live one.
    const incremental = previous !== undefined && previous.glossaryKey === glossaryKey;
    options.onProgress?.({ phase: 'lexical', done: 0, total: list.length });
    let freshLexical: LexicalIndex | undefined;
    if (!incremental) {
      freshLexical = createLexicalIndex(list, glossary);
      freshLexical.warm();
    }

    let notice = await syncing;
    let dense: DenseIndex | undefined;
    let denseStats: KnowledgeStatus['dense'];
    if (embedder) {
      try {
        const built = await buildDenseIndex({
          dir: join(options.dataDir, 'dense'),
          embedder,
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
      notice ??= lexicalNotice();
    }

    const version = (previous?.version ?? 0) + 1;
    const prepared: { generation?: Generation } = {};
    await hooks.beforeSwap?.(snapshotOf(() => prepared.generation, { version, policyText, glossary }));

    // From here to the swap nothing awaits, so no search sees a half-edited index.
    let lexical: LexicalIndex;
    if (freshLexical) {
      lexical = freshLexical;
    } else {
      lexical = (previous as Generation).lexical;
      for (const id of changed?.removed ?? []) lexical.remove(id);
      for (const file of changed?.upserted ?? []) lexical.upsert(file);
      // Warming every term costs a tenth of a build; questions need only theirs, so it follows the swap.
      if ((changed?.removed.length ?? 0) + (changed?.upserted.length ?? 0) > 0) lexical.warmSoon();
    }
    const next: Generation = {
      version,
      files,
      lexical,
      ...(dense ? { dense } : {}),
      glossaryKey,
      localGlossary,
      glossary,
      policyText,
    };
    prepared.generation = next;
    current = next;
    options.onProgress?.({ phase: 'lexical', done: list.length, total: list.length });
    const now = today();
    status = {
      version,
      mode: modeOf(next),
      files: files.size,
      passages: list.reduce((n, f) => n + f.passages.length, 0),
      errors: issues.filter((i) => i.severity === 'error'),
      warnings: issues.filter((i) => i.severity === 'warning'),
      reviewsDue: list
        .filter((f) => f.review !== undefined && f.review < now)
        .map((f) => ({ fileId: f.id, path: f.path, review: f.review ?? '' })),
      loadedAt: new Date().toISOString(),
      ...(embedder ? { modelId: embedder.modelId } : {}),
      ...(notice ? { notice } : {}),
      ...(denseStats ? { dense: denseStats } : {}),
      keptLastGood,
      buildMs: Math.round(performance.now() - started),
    };
    return status;
  };

  const lastGoodGlossary = async (): Promise<Glossary | undefined> => {
    const text = await lastGood.get(GLOSSARY_PATH);
    if (text === undefined) return undefined;
    const parsed = parseGlossary(text, GLOSSARY_PATH);
    return parsed.issues.some((i) => i.severity === 'error') ? undefined : parsed.glossary;
  };

  const reload = (hooks: ReloadHooks = {}): Promise<KnowledgeStatus> => {
    if (!running) {
      running = build(hooks).finally(() => {
        running = undefined;
      });
      return running;
    }
    // A change saved during a build may have been read before it was written: build once more after it.
    queued ??= running
      .catch(() => undefined)
      .then(() => {
        queued = undefined;
        return reload(hooks);
      });
    return queued;
  };

  await reload();
  return {
    retriever,
    knowledgeDir: options.knowledgeDir,
    get policyText() {
      return current?.policyText;
    },
    get glossary() {
      return current?.glossary ?? baseGlossary;
    },
    status: () => {
      if (!status) throw new Error('knowledge not loaded');
      return status;
    },
    snapshot: () => {
      const fixed = current;
      return snapshotOf(() => fixed, {
        version: fixed?.version ?? 0,
        policyText: fixed?.policyText,
        glossary: fixed?.glossary ?? baseGlossary,
      });
    },
    reload,
    useEmbedder(next) {
      embedder = next;
      calibration = options.calibration ?? calibrationFor(next.modelId);
    },
    embedderUnavailable(reason) {
      const before = lexicalNotice();
      unavailable = reason;
      if (status && !embedder && status.notice === before) status = { ...status, notice: lexicalNotice() };
    },
    async candidate(path, text) {
      const base = current;
      if (!base) throw new Error('knowledge not loaded');
      const files = new Map([...base.files].filter(([, f]) => f.path !== path));
      let issues: KnowledgeIssue[] = [];
      if (text !== null) {
        const parsed = await parseKnowledgeFile(path, text, today());
        issues = parsed.issues;
        if (parsed.file) files.set(parsed.file.id, parsed.file);
      }
      // Not warmed, like a leave-out view: a preview asks a few questions.
      const lexical = createLexicalIndex([...files.values()], base.glossary);
      const generation: Generation = { ...base, version: base.version, files, lexical };
      delete generation.dense;
      return {
        snapshot: snapshotOf(() => generation, {
          version: base.version,
          policyText: base.policyText,
          glossary: base.glossary,
        }),
        issues,
      };
    },
  };
}

const GLOSSARY_PATH = 'glossary.yaml';
const POLICY_PATH = 'policy.yaml';

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
  // Not warmed: a view answers a few questions (the answer model's calibration builds four at every start),
  // and scoring only the terms they use gives the same figures as scoring every term first.
  const lexical = createLexicalIndex([...files.values()], glossary);
  return {
    generation: { ...generation, files, lexical, glossaryKey: generation.glossaryKey },
    skip,
  };
}
