import { Router } from 'express';
import type { HandoverService } from '../handover/service.ts';
import type { PresenceRegistry } from '../handover/presence.ts';
import type { Store } from '../store/store.ts';

/** What /health says about the knowledge base; main.ts maps the knowledge layer's status onto it. */
export interface KnowledgeHealth {
  mode: string;
  files: number;
  passages: number;
  errors: number;
  warnings: number;
  reviewsDue: number;
  loadedAt?: string;
  modelId?: string;
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

export function healthRoute(d: {
  store: Store;
  handover: HandoverService;
  presence: PresenceRegistry;
  knowledge: () => KnowledgeHealth;
  startedAt: Date;
}): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    const database = d.store.healthy();
    let knowledge: KnowledgeHealth | { error: string };
    try {
      knowledge = d.knowledge();
    } catch {
      knowledge = { error: 'unavailable' };
    }
    const ok = database && !('error' in knowledge);
    res.status(ok ? 200 : 503).json({
      status: ok ? 'ok' : 'degraded',
      retrievalMode: 'mode' in knowledge ? knowledge.mode : null,
      knowledge,
      database: { ok: database },
      queues: database ? d.handover.waitingCounts() : {},
      agentsOnline: d.presence.onlineCount(),
      uptimeSeconds: Math.round((Date.now() - d.startedAt.getTime()) / 1000),
    });
  });
  return router;
}
