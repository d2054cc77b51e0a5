import { Client } from '@botpress/client';
import type { Config } from '../../server/config/schema.ts';

type RetryConfig = NonNullable<NonNullable<ConstructorParameters<typeof Client>[0]>['retry']>;

export interface BotpressConnection {
  apiUrl?: string;
  token: string;
  botId: string;
  workspaceId?: string;
}

/** What is missing, in the words an operator needs: which variable to set. */
export class BotpressConfigError extends Error {
  override name = 'BotpressConfigError';
}

/** The bot to talk to, from the validated config (file or SVAR_BOTPRESS_* variables), never from argv. */
export function connectionFrom(config: Config['botpress']): BotpressConnection {
  const missing = [
    config.token ? undefined : 'SVAR_BOTPRESS_TOKEN',
    config.botId ? undefined : 'SVAR_BOTPRESS_BOT_ID (or botpress.botId in the config file)',
  ].filter((m) => m !== undefined);
  if (!config.token || !config.botId) {
    throw new BotpressConfigError(`Botpress is not configured: set ${missing.join(' and ')}.`);
  }
  return {
    token: config.token,
    botId: config.botId,
    ...(config.apiUrl ? { apiUrl: config.apiUrl } : {}),
    ...(config.workspaceId ? { workspaceId: config.workspaceId } : {}),
  };
}

interface RetryableError {
  code?: string;
  response?: { status?: number; headers?: Record<string, unknown> };
}

/**
 * Retries what a later attempt can fix: 429 (after the Retry-After the API sends, capped) and a dropped
 * connection or 5xx. Everything else (401, 400, 404) fails at once: retrying a wrong token only wastes time.
 */
export function retryPolicy(retries: number, onRetry?: (attempt: number, why: string) => void): RetryConfig {
  const retryAfterMs = (error: RetryableError): number | undefined => {
    const header = error.response?.headers?.['retry-after'];
    const seconds = Number(header);
    return header !== undefined && Number.isFinite(seconds) ? Math.min(seconds, 60) * 1000 : undefined;
  };
  return {
    retries,
    retryCondition: (error) => {
      const e = error as RetryableError;
      const status = e.response?.status;
      return status === undefined ? e.code !== 'ERR_CANCELED' : status === 429 || status >= 500;
    },
    retryDelay: (attempt, error) =>
      retryAfterMs(error as RetryableError) ?? Math.min(250 * 2 ** attempt, 8000),
    onRetry: (attempt, error) => {
      const e = error as RetryableError;
      onRetry?.(attempt, e.response?.status ? `HTTP ${e.response.status}` : (e.code ?? 'network error'));
    },
  } as RetryConfig;
}

export function botpressClient(
  connection: BotpressConnection,
  options: { retries?: number; timeoutMs?: number; onRetry?: (attempt: number, why: string) => void } = {},
): Client {
  return new Client({
    token: connection.token,
    botId: connection.botId,
    ...(connection.workspaceId ? { workspaceId: connection.workspaceId } : {}),
    ...(connection.apiUrl ? { apiUrl: connection.apiUrl } : {}),
    timeout: options.timeoutMs ?? 30_000,
    retry: retryPolicy(options.retries ?? 4, options.onRetry),
  });
}

/** A failed call in the API's own words (status, type, message), never a stack trace or the token. */
export function describeBotpressError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const e = error as Error & { isApiError?: unknown; code?: unknown; type?: unknown };
  if (e.isApiError !== true) return e.message;
  const status = typeof e.code === 'number' ? `HTTP ${e.code} ` : '';
  const type = typeof e.type === 'string' ? `${e.type}: ` : '';
  return `${status}${type}${e.message.split('\n')[0] ?? ''}`.trim();
}
