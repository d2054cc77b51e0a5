import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load.ts';

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('redis config (several nodes)', () => {
  it('is one node, in memory, unless SVAR_REDIS_URL is given', () => {
    const config = loadConfig({ env: {} });
    expect(config.redis.url).toBeUndefined();
    expect(config.redis).toMatchObject({ keyPrefix: 'svar:', heartbeatSeconds: 5, nodeTimeoutSeconds: 15 });
    expect(loadConfig({ env: { SVAR_REDIS_URL: 'rediss://:pw@redis.internal:6380/2' } }).redis.url).toBe(
      'rediss://:pw@redis.internal:6380/2',
    );
  });

  it('names the field when the URL or the timings are wrong', () => {
    expect(problemsOf(() => loadConfig({ env: { SVAR_REDIS_URL: 'http://redis:6379' } }))).toEqual([
      'redis.url: expected a redis:// or rediss:// URL',
    ]);
    expect(problemsOf(() => loadConfig({ env: { SVAR_REDIS_URL: ' ' } }))).toEqual([
      'SVAR_REDIS_URL: must not be empty',
    ]);
  });
});
