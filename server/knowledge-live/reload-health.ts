import type { KnowledgeHealth } from '../http/health.ts';
import type { ReloadInfo } from './live-environment.ts';

/**
 * The reload figures for a health view: numbers and times only, no paths or messages (editors see those in
 * their console), so it can sit on staff health without telling an outsider anything about the server.
 */
export function reloadHealth(info: ReloadInfo): NonNullable<KnowledgeHealth['reload']> {
  return {
    version: info.version,
    lastReloadAt: info.lastReloadAt,
    lastReloadMs: info.lastReloadMs,
    trigger: info.trigger,
    errors: info.errors.length,
    keptLastGood: info.keptLastGood.length,
    ...(info.failed ? { failed: 'the last reload failed; the previous version stays live' } : {}),
  };
}
