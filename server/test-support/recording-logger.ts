import type { Logger } from '../log.ts';

/** A logger that keeps every line, for tests that check what the server said. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const keep = (m: string): void => {
    lines.push(m);
  };
  return { lines, info: keep, warn: keep, error: keep };
}
