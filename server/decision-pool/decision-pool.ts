/**
 * Decisions on every core: a small pool of workers (tinypool), each with its own copy of the knowledge
 * index, so the server's event loop only does sockets, storage and JSON. Until every worker has loaded
 * the knowledge, and whenever a worker fails (crashed, killed, out of memory), the message is decided on
 * the main thread instead: a citizen never loses a reply to the pool.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import Tinypool from 'tinypool';
import type { ConversationContext, Decision } from '../../bot/index.ts';
import type { Logger } from '../log.ts';
import type { WorkerSetup, WorkerTask } from './decide-worker.ts';

/**
 * The built server ships decide-worker.js beside its main file; from source a shim loads the .ts through
 * tsx. By file name, as the build points `import.meta.url` back at the source file.
 */
const FROM_SOURCE = import.meta.filename.endsWith('.ts');
const WORKER = join(import.meta.dirname, FROM_SOURCE ? 'decide-worker-source.mjs' : 'decide-worker.js');

export type PoolRuntime = 'worker_threads' | 'child_process';

export interface DecisionPoolOptions {
  /** Workers; 0 picks one per core. */
  size: number;
  runtime: PoolRuntime;
  /** A worker that has not answered by then is taken for dead: the main thread decides. */
  timeoutMs: number;
  setup: WorkerSetup;
  log: Logger;
}

export interface DecisionPool {
  readonly size: number;
  readonly runtime: PoolRuntime;
  /**
   * Starts the workers loading the knowledge (after the server listens, so they do not slow its start);
   * resolves once all have. Decisions before that run on the main thread.
   */
  start(): Promise<void>;
  /** Decides in a worker, or with `onMainThread` while the pool is not ready or a worker fails. */
  decide(
    message: string,
    context: ConversationContext,
    onMainThread: () => Promise<Decision>,
  ): Promise<Decision>;
  /** The knowledge went live in a new version: workers reload before their next decision. */
  knowledgeChanged(): void;
  /** Decisions a worker failed and the main thread took over, since start. */
  readonly fallbacks: number;
  /** The pool's workers (tests kill one to show that no message is lost). */
  readonly workers: { threadId: number; terminate(): Promise<unknown> }[];
  close(): Promise<void>;
}

export function poolSize(configured: number): number {
  return configured > 0 ? configured : availableParallelism();
}

export function createDecisionPool(o: DecisionPoolOptions): DecisionPool {
  const size = poolSize(o.size);
  let pool: Tinypool | undefined;
  const newPool = (): Tinypool =>
    new Tinypool({
      filename: WORKER,
      runtime: o.runtime,
      minThreads: size,
      maxThreads: size,
      // A worker holds a whole knowledge index: keep it for the life of the server.
      idleTimeout: Number.MAX_SAFE_INTEGER,
      isolateWorkers: false,
      // Measured: waking workers through Atomics cost about 0.8 ms of CPU per decision here, messages 0.15 ms.
      useAtomics: false,
    });
  let generation = 0;
  let ready = false;
  let closed = false;
  let fallbacks = 0;
  // Each worker writes its last good versions in a folder of its own; the index is rebuilt from the folder.
  const setup = (): WorkerSetup => ({ ...o.setup, dataDir: join(o.setup.dataDir, 'decision-workers') });
  let started: Promise<void> | undefined;
  const start = (): Promise<void> => {
    if (started) return started;
    const workers = newPool();
    pool = workers;
    started = Promise.all(
      Array.from({ length: size }, () =>
        workers.run({ kind: 'init', setup: setup(), generation } satisfies WorkerTask),
      ),
    ).then(
      () => {
        ready = !closed;
        if (ready)
          o.log.info(`decisions in ${size} ${o.runtime === 'child_process' ? 'processes' : 'threads'}`);
      },
      (error: unknown) => {
        if (!closed) o.log.error('decision workers could not start; deciding on the main thread', error);
      },
    );
    return started;
  };
  return {
    size,
    runtime: o.runtime,
    start,
    async decide(message, context, onMainThread) {
      if (!ready || !pool) return onMainThread();
      try {
        const task: WorkerTask = { kind: 'decide', setup: setup(), generation, message, context };
        // Aborting a task in flight also replaces its worker (tinypool), so a hung worker does not stay.
        return (await pool.run(task, { signal: AbortSignal.timeout(o.timeoutMs) })) as Decision;
      } catch (error) {
        if (closed) throw error;
        fallbacks += 1;
        o.log.warn(
          `a decision worker failed (${error instanceof Error ? error.message : String(error)}); decided on the main thread`,
        );
        return onMainThread();
      }
    },
    knowledgeChanged() {
      generation += 1;
    },
    get fallbacks() {
      return fallbacks;
    },
    get workers() {
      return pool?.threads ?? [];
    },
    async close() {
      closed = true;
      ready = false;
      await pool?.destroy();
    },
  };
}
