import type { Config } from '../config/schema.ts';

/**
 * The first candidate that is a configured queue wins: the owner of the best-matching knowledge file, then
 * the embedding page's hint; anything else goes to the default queue.
 */
export function routeQueue(config: Config, ...candidates: (string | null | undefined)[]): string {
  const known = new Set(config.queues.list.map((q) => q.id));
  return (
    candidates.find((c): c is string => c !== undefined && c !== null && known.has(c)) ??
    config.queues.default
  );
}

export function isQueue(config: Config, queue: string): boolean {
  return config.queues.list.some((q) => q.id === queue);
}

/** A rough figure for citizens: chats ahead of them shared among agents online, times an average chat. */
export function estimateWaitSeconds(position: number, agentsOnline: number, handleSeconds: number): number {
  return Math.round(Math.ceil(position / Math.max(1, agentsOnline)) * handleSeconds);
}
