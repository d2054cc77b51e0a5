import type { Fence, KnowledgeLock } from '../store/knowledge-lock.ts';

/**
 * Runs changes one at a time; a failed one does not stop the next. `work` gets a fence to call right before
 * it writes: it throws (`save_busy`) when the cluster lock was lost meanwhile, so nothing is written.
 */
export type Serial = <T>(work: (fence: Fence) => Promise<T>) => Promise<T>;

const noFence: Fence = async () => undefined;

/**
 * One node: the in-process queue is the lock. Several nodes on one database: the queue still orders this
 * node's changes (so it holds at most one database connection for them), and `lock` orders them across nodes.
 */
export function createSerial(lock?: KnowledgeLock): Serial {
  let queue: Promise<unknown> = Promise.resolve();
  return <T>(work: (fence: Fence) => Promise<T>): Promise<T> => {
    const run = () => (lock ? lock(work) : work(noFence));
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  };
}
