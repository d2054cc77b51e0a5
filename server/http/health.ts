import { Router, type RequestHandler } from 'express';
import type { Clock } from '../handover/clock.ts';
import type { HandoverService } from '../handover/service.ts';
import type { PresenceRegistry } from '../handover/presence.ts';
import type { Store } from '../store/store.ts';

/** What the health details say about the knowledge base; main.ts maps the knowledge layer's status onto it. */
export interface KnowledgeHealth {
  mode: string;
  files: number;
  passages: number;
  errors: number;
  warnings: number;
  reviewsDue: number;
  loadedAt?: string;
  modelId?: string;
  /**
   * The embedding model: 'loading' while citizens are served lexically and it loads in the background,
   * 'ready' once dense retrieval is live, 'unavailable' when it could not be had, 'off' when not wanted.
   */
  model?: 'off' | 'loading' | 'ready' | 'unavailable';
  notice?: string;
  /** The index version answering now and its last reload (server/knowledge-live/reload-health.ts). */
  reload?: {
    version: number;
    lastReloadAt: string;
    lastReloadMs: number;
    trigger: string;
    errors: number;
    keptLastGood: number;
    failed?: string;
  };
}

/** A public /health is polled by anyone; its database write is done at most this often. */
const CHECK_CACHE_MS = 2000;

/**
 * GET /health, public and minimal: `ok` (200) only while the database takes a write and reads it back and the
 * knowledge status can be read; otherwise `degraded` (503). Nothing about paths, queues or staff.
 * GET /api/staff/health, for logged-in staff: the same checks with the details behind them.
 */
export function healthRoute(d: {
  store: Store;
  handover: HandoverService;
  presence: PresenceRegistry;
  knowledge: () => KnowledgeHealth;
  startedAt: Date;
  clock: Clock;
  requireStaff: RequestHandler;
  /** Several nodes: whether this node still reaches Redis; a node that does not is taken out of rotation. */
  cluster?: () => Promise<boolean>;
}): Router {
  const router = Router();
  let last: { at: number; database: boolean } | undefined;
  const databaseOk = async (): Promise<boolean> => {
    const now = d.clock.now();
    if (last && now.getTime() - last.at < CHECK_CACHE_MS) return last.database;
    const database = await d.store.healthy(now.toISOString());
    last = { at: now.getTime(), database };
    return database;
  };
  const knowledgeStatus = (): KnowledgeHealth | undefined => {
    try {
      return d.knowledge();
    } catch {
      return undefined;
    }
  };

  router.get('/health', async (_req, res) => {
    const database = await databaseOk();
    const status = knowledgeStatus();
    const knowledge = status !== undefined;
    const redis = d.cluster ? await d.cluster() : undefined;
    const ok = database && knowledge && redis !== false;
    const reload = status?.reload;
    res
      .status(ok ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json({
        status: ok ? 'ok' : 'degraded',
        checks: {
          database: database ? 'ok' : 'failed',
          knowledge: knowledge ? 'ok' : 'failed',
          ...(redis === undefined ? {} : { redis: redis ? 'ok' : 'failed' }),
        },
        // Which index version answers and when it last reloaded, so a deploy can wait for it: numbers and
        // times only, never the names of the files that failed (those are in the staff details).
        ...(reload
          ? {
              knowledge: {
                // Which retrieval answers (lexical, hybrid, dense), so a deploy can tell the model is in use.
                mode: status.mode,
                ...(status.model ? { model: status.model } : {}),
                reload: {
                  version: reload.version,
                  lastReloadAt: reload.lastReloadAt,
                  lastReloadMs: reload.lastReloadMs,
                  trigger: reload.trigger,
                  errors: reload.errors,
                  keptLastGood: reload.keptLastGood,
                },
              },
            }
          : {}),
      });
  });

  router.get('/api/staff/health', d.requireStaff, async (_req, res) => {
    const database = await databaseOk();
    const knowledge = knowledgeStatus();
    const ok = database && knowledge !== undefined;
    res
      .status(ok ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json({
        status: ok ? 'ok' : 'degraded',
        retrievalMode: knowledge?.mode ?? null,
        knowledge: knowledge ?? { error: 'unavailable' },
        database: { ok: database },
        queues: database ? await d.handover.waitingCounts() : {},
        agentsOnline: d.presence.onlineCount(),
        uptimeSeconds: Math.round((d.clock.now().getTime() - d.startedAt.getTime()) / 1000),
      });
  });
  return router;
}
