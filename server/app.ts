import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import express from 'express';
import { cannedIssues, loadCanned } from './chat/canned.ts';
import { OnCallAlerts } from './alerts/on-call.ts';
import type { ChatDeps } from './chat/citizen-session.ts';
import type { Responder } from './chat/responder.ts';
import type { Config } from './config/schema.ts';
import { ensureSessionSecret } from './config/secret.ts';
import { LiveSessions } from './auth/live-sessions.ts';
import { SharedLoginBackoff } from './auth/shared-login-backoff.ts';
import {
  joinCluster,
  SharedConnectionCounter,
  SharedWaitingAddresses,
  type ClusterNode,
} from './cluster/index.ts';
import { systemClock, type Clock } from './handover/clock.ts';
import { PresenceRegistry } from './handover/presence.ts';
import { HandoverService } from './handover/service.ts';
import { authRoutes } from './http/auth-routes.ts';
import { createCsrf } from './http/csrf.ts';
import { createStatsRouter, type StatsFile } from './analytics/index.ts';
import { createEditorRouter, type EditorRouterDeps } from './editor/editor-routes.ts';
import { unansweredQuestions } from './editor/unanswered.ts';
import { openHistory, type FileHistory } from './editor/file-history.ts';
import { knowledgeFolder } from './editor/file-store.ts';
import type { FileRoutesDeps } from './editor/file-routes.ts';
import type { KnowledgeIssue } from '../knowledge/index.ts';
import { errorHandler, notFound } from './http/errors.ts';
import { healthRoute, type KnowledgeHealth } from './http/health.ts';
import { securityHeaders } from './http/security.ts';
import { requireStaff } from './http/staff-auth.ts';
import { staticPages } from './http/static-pages.ts';
import { ticketRoutes } from './http/ticket-routes.ts';
import { transcriptRoute } from './http/transcript-route.ts';
import { consoleLogger, redactingLogger, type Logger } from './log.ts';
import { createMailer, type Mailer } from './mail/mailer.ts';
import { createPrivacyRouter, startRetentionJob } from './privacy/index.ts';
import { connectStore, type Store } from './store/store.ts';
import { Hub } from './ws/hub.ts';
import { preferenceRoutes } from './http/preference-routes.ts';
import { createLimiters } from './ws/rate-limit.ts';
import { compileTrust } from './ws/request-info.ts';
import { attachWebsockets } from './ws/upgrade.ts';
import { createSerial } from './editor/serial.ts';
import { LearningRecorder } from './learning/recorder.ts';
import { learningService, type LearningService } from './learning/learning-service.ts';
import { knowledgeAnswerRoute, learningEditorRoutes } from './learning/learning-routes.ts';
import { wordingWriter } from './learning/wording-writer.ts';

export interface AppDeps {
  config: Config;
  responder: Responder;
  /** Knowledge status for /health. */
  knowledge?: () => KnowledgeHealth;
  clock?: Clock;
  log?: Logger;
  /** Defaults to one built from `config.smtp` (none when SMTP is off). */
  mailer?: Mailer;
  /** The editor console's API (try a question, knowledge status, drafts); absent in chat-only tests. */
  editor?: Pick<EditorRouterDeps, 'knowledge' | 'ask' | 'issues'> & {
    /** Makes an editor's saved change live at once (main.ts: the live environment's reload). */
    reload?: () => Promise<{ version: number }>;
    validatePolicy?: (text: string) => KnowledgeIssue[];
    preview?: FileRoutesDeps['preview'];
  };
  /** Knowledge files for statistics (files used and never used). */
  knowledgeFiles?: () => readonly StatsFile[];
}

export interface App {
  server: Server;
  port: number;
  /** http://host:port, for tests and the benchmark. */
  url: string;
  store: Store;
  handover: HandoverService;
  alerts: OnCallAlerts;
  /** This node's link to the others; absent on one node (no `redis.url`). */
  cluster?: ClusterNode;
  close(): Promise<void>;
}

const NO_KNOWLEDGE: KnowledgeHealth = {
  mode: 'unknown',
  files: 0,
  passages: 0,
  errors: 0,
  warnings: 0,
  reviewsDue: 0,
};

/** The whole chat server on one port; everything it needs comes in through `deps`. */
export async function createApp(deps: AppDeps): Promise<App> {
  const { config, responder } = deps;
  const clock = deps.clock ?? systemClock;
  // Whatever the server logs (an SMTP error naming a recipient, a failed frame) is redacted on the way out.
  const log = redactingLogger(deps.log ?? consoleLogger, responder.redact);
  const store = await connectStore({
    sqliteFile: join(config.paths.dataDir, 'svar.db'),
    databaseUrl: config.database.url,
    poolSize: config.database.poolSize,
    redact: responder.redact,
  });
  await store.sessions.removeExpired(clock.now().toISOString());
  const secret = ensureSessionSecret(config.paths.dataDir, config.session.secret);
  const mailer = deps.mailer ?? createMailer(config.smtp);
  const live = new LiveSessions();
  const hub = new Hub(live);
  // Several nodes: frames, presence, leases and shared limits go through Redis; one node keeps them here.
  const cluster = await joinCluster(config.redis, hub, log);
  const notifier = cluster?.notifier ?? hub;
  const presence = cluster?.presence ?? new PresenceRegistry();
  const alerts = new OnCallAlerts({ store, config, clock, log });
  const handover = new HandoverService({
    store,
    config,
    clock,
    notifier,
    presence,
    ...(cluster ? { once: cluster.lease, visitorsElsewhere: cluster.visitors } : {}),
    // Older than any chat waits (the wait limit moves it on), plus slack: only a dead node's places age out.
    ...(cluster
      ? {
          waitingAddresses: new SharedWaitingAddresses(
            cluster.cluster,
            (config.limits.maxQueueWaitSeconds + 300) * 1000,
          ),
        }
      : {}),
    redact: responder.redact,
    onUnattendedCrisis: (conversationId, reason) => alerts.raise(conversationId, reason),
  });
  await handover.restore();
  // A node went silent: its wait limits and its agents' grace periods are taken over here (leases make
  // sure only one survivor acts on each).
  cluster?.presence.setHooks({ onPeerGone: () => void handover.restore() });
  // Read the canned replies once at start, so a file broken later keeps its last good version for staff.
  await Promise.all(config.municipality.languages.map((l) => loadCanned(config.paths.knowledgeDir, l, log)));
  await alerts.restore();
  const limiters = createLimiters(
    config.limits,
    cluster ? { redis: cluster.cluster.redis, prefix: cluster.cluster.prefix } : undefined,
  );
  // Learning (issue 17): signals are recorded from the chat; the inbox and approvals come with the editor API.
  let learning: LearningService | undefined;
  const recorder = new LearningRecorder({
    store,
    clock,
    config: config.learning,
    secret,
    redact: responder.redact,
    onWording: (fileId) => learning?.autoApprove(fileId),
  });
  const chat: ChatDeps = { store, config, clock, responder, handover, notifier, mailer, log, limiters };
  chat.learning = recorder;
  const secure = config.server.secureCookies;
  const csrf = createCsrf(secret, secure);

  const app = express();
  app.disable('x-powered-by');
  const trust = compileTrust(config.server.trustProxy);
  app.set('trust proxy', trust);
  app.use(securityHeaders(secure));
  const smallJson = express.json({ limit: '16kb' });
  // Knowledge files are larger than any other request; their routes parse with their own limit.
  app.use((req, res, next) =>
    /^\/api\/editor\/(file|validate|preview)$/.test(req.path) ? next() : smallJson(req, res, next),
  );
  app.use(csrf.parseCookies);
  app.use(
    healthRoute({
      store,
      handover,
      presence,
      knowledge: deps.knowledge ?? (() => NO_KNOWLEDGE),
      startedAt: clock.now(),
      clock,
      requireStaff: requireStaff(store, clock, ['agent', 'editor', 'admin']),
      ...(cluster ? { cluster: () => cluster.cluster.healthy() } : {}),
    }),
  );
  app.use(transcriptRoute({ store, config }));
  const backoff = cluster
    ? new SharedLoginBackoff(
        cluster.cluster.redis,
        cluster.cluster.prefix,
        config.limits.loginFailuresPerAccount,
      )
    : undefined;
  app.use(
    authRoutes({ store, clock, config, csrf, sessions: notifier, limiters, ...(backoff ? { backoff } : {}) }),
  );
  app.use(preferenceRoutes({ store, clock, csrf }));
  app.use(ticketRoutes({ store, clock, config, csrf, mailer, notifier, redact: responder.redact, log }));
  if (deps.editor) {
    const { knowledge, reload, validatePolicy, preview } = deps.editor;
    let history: Promise<FileHistory> | undefined;
    // Several nodes on one database take turns through its lock, so no save overwrites another node's.
    const serial = createSerial(store.knowledgeLock);
    const folder = knowledgeFolder(knowledge.knowledgeDir);
    const reloadNow = reload ?? (async () => ({ version: (await knowledge.reload()).version }));
    const historyOf = () => (history ??= openHistory(knowledge.knowledgeDir, store.knowledgeEditing, clock));
    app.use(
      createEditorRouter({
        knowledge,
        ask: deps.editor.ask,
        // Canned replies are read per request; their problems are shown with the knowledge status.
        issues: async () => [
          ...((await deps.editor?.issues?.()) ?? []),
          ...(await cannedIssues(config.paths.knowledgeDir, config.municipality.languages)),
        ],
        files: {
          folder,
          serial,
          retriever: knowledge.retriever,
          status: () => knowledge.status(),
          ...(validatePolicy ? { validatePolicy } : {}),
          ...(preview ? { preview } : {}),
          reload: reloadNow,
          history: historyOf,
          store,
          clock,
        },
        unanswered: unansweredQuestions(store),
        requireRole: requireStaff(store, clock, ['editor', 'admin']),
        csrfProtect: csrf.protect,
      }),
    );
    learning = learningService({
      store,
      clock,
      config: config.learning,
      retriever: () => knowledge.retriever,
      write: wordingWriter({
        folder,
        retriever: () => knowledge.retriever,
        ...(validatePolicy ? { validatePolicy } : {}),
        history: historyOf,
        reload: reloadNow,
        serial,
        store,
        clock,
      }),
      log,
    });
    app.use(
      learningEditorRoutes({
        learning,
        requireRole: requireStaff(store, clock, ['editor', 'admin']),
        csrfProtect: csrf.protect,
      }),
    );
    app.use(
      knowledgeAnswerRoute({
        store,
        clock,
        notifier,
        retriever: () => knowledge.retriever,
        recorder,
        redact: responder.redact,
        requireStaff: requireStaff(store, clock, ['agent', 'admin']),
        csrfProtect: csrf.protect,
      }),
    );
  }
  app.use(
    createStatsRouter({
      store,
      clock,
      config,
      ...(deps.knowledgeFiles ? { files: deps.knowledgeFiles } : {}),
      log,
    }),
  );
  app.use(createPrivacyRouter({ store, clock, csrf, country: config.municipality.country }));
  app.use('/api', notFound);
  app.use(staticPages(config.paths.staticDir));
  app.use(notFound);
  app.use(errorHandler(log));

  const server = createServer(app);
  const connections = cluster
    ? new SharedConnectionCounter(cluster.cluster, config.limits.maxConnectionsPerIp, () =>
        cluster.presence.peers(),
      )
    : undefined;
  const sockets = attachWebsockets(server, {
    chat,
    hub,
    live,
    trust,
    ...(connections ? { connections } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.server.port, config.server.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host =
    config.server.host === '0.0.0.0' || config.server.host === '::' ? '127.0.0.1' : config.server.host;

  // Conversation text is deleted after its retention period by a job inside the server.
  const retention = startRetentionJob({
    store,
    retention: config.retention,
    firstRunMs: config.retention.firstRunSeconds * 1000,
    clock,
    log,
    ...(cluster ? { lease: cluster.lease } : {}),
  });

  let closed = false;
  return {
    server,
    port,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    store,
    handover,
    alerts,
    ...(cluster ? { cluster } : {}),
    async close() {
      if (closed) return;
      closed = true;
      sockets.close();
      handover.dispose();
      alerts.dispose();
      await alerts.settled();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      retention.stop();
      await learning?.settled();
      await cluster?.close();
      mailer?.close();
      await store.close();
    },
  };
}
