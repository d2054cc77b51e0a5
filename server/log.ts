export interface Logger {
  info(message: string): void;
  warn(message: string, error?: unknown): void;
  error(message: string, error?: unknown): void;
}

const detail = (error: unknown): string =>
  error === undefined ? '' : ` — ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;

export const consoleLogger: Logger = {
  info: (m) => console.log(`[svar] ${m}`),
  warn: (m, e) => console.warn(`[svar] ${m}${detail(e)}`),
  error: (m, e) => console.error(`[svar] ${m}${detail(e)}`),
};

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
