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

/**
 * A logger that redacts personal data from every line: the message, and the error's message, stack and
 * SMTP response (nodemailer puts rejected recipients' addresses there). The error reaches `inner` as text.
 */
export function redactingLogger(inner: Logger, redact: (text: string) => string): Logger {
  const clean = (error: unknown): string | undefined => {
    if (error === undefined) return undefined;
    if (!(error instanceof Error)) return redact(String(error));
    const response = (error as { response?: unknown }).response;
    const text = `${error.stack ?? error.message}${typeof response === 'string' ? ` (${response})` : ''}`;
    return redact(text);
  };
  return {
    info: (m) => inner.info(redact(m)),
    warn: (m, e) => inner.warn(redact(m), clean(e)),
    error: (m, e) => inner.error(redact(m), clean(e)),
  };
}
