/**
 * The one place where Svar is wired together: configuration, knowledge, bot and chat server. `npm start`
 * runs this file; tests call `startSvar` with their own configuration.
 */
import { resolve } from 'node:path';
import {
  createBotEnvironment,
  DEFAULT_THRESHOLDS,
  RETIRED_THRESHOLDS,
  decide,
  decideChoice,
  detectLanguage,
  greeting,
  parsePolicy,
  redact,
  type BotEnvironment,
} from '../bot/index.ts';
import {
  loadEmbedder,
  openKnowledge,
  type KnowledgeBase,
  type KnowledgeSnapshot,
  type KnowledgeStatus,
} from '../knowledge/index.ts';
import { createApp, type App } from './app.ts';
import type { Responder } from './chat/responder.ts';
import { ConfigError, loadConfig } from './config/load.ts';
import type { Config } from './config/schema.ts';
import type { Clock } from './handover/clock.ts';
import type { KnowledgeHealth } from './http/health.ts';
import {
  createLiveEnvironment,
  type LiveEnvironment,
  type ReloadInfo,
} from './knowledge-live/live-environment.ts';
import { reloadHealth } from './knowledge-live/reload-health.ts';
import {
  loadModelInBackground,
  type BackgroundModel,
  type ModelLoad,
  type ModelState,
} from './knowledge-live/background-model.ts';
import { watchKnowledge, type KnowledgeWatcher } from './knowledge-live/watch-knowledge.ts';
import { previewChange } from './knowledge-live/preview-change.ts';
import { consoleLogger, type Logger } from './log.ts';
import { createDecisionPool, type DecisionPool } from './decision-pool/decision-pool.ts';
import { rememberCleanTexts } from './privacy/clean-text-memo.ts';
import { listeningMessage, startupFailure } from './startup-messages.ts';

/** `redact` is pure: one memo for the process serves every responder. */
const redactRemembering = rememberCleanTexts(redact);

/**
 * The bot, as the chat server sees it: each question runs on one knowledge version, reloads or not. With a
 * decision pool, citizens' questions are decided in its workers, and on the main thread whenever it cannot.
 */
export function botResponder(
  live: Pick<LiveEnvironment<BotEnvironment>, 'ask' | 'current'>,
  pool?: Pick<DecisionPool, 'decide'>,
): Responder {
  const onMainThread = (message: string, context: Parameters<Responder['decide']>[1]) =>
    live.ask((env) => decide(message, context, env));
  return {
    decide: (message, context) =>
      pool?.decide(message, context, () => onMainThread(message, context)) ?? onMainThread(message, context),
    decideChoice: (fileId, context) => decideChoice(fileId, context, live.current()),
    greeting: (lang) => greeting(lang, live.current()),
    redact: redactRemembering,
    hasFile: (fileId) => live.current().retriever.file(fileId) !== undefined,
  };
}

export function knowledgeHealth(
  s: KnowledgeStatus,
  reload?: ReloadInfo,
  model?: ModelState,
): KnowledgeHealth {
  return {
    mode: s.mode,
    ...(model ? { model } : {}),
    files: s.files,
    passages: s.passages,
    errors: s.errors.length,
    warnings: s.warnings.length,
    reviewsDue: s.reviewsDue.length,
    loadedAt: s.loadedAt,
    ...(s.modelId ? { modelId: s.modelId } : {}),
    ...(s.notice ? { notice: s.notice } : {}),
    ...(reload ? { reload: reloadHealth(reload) } : {}),
  };
}

export interface Svar {
  app: App;
  knowledge: KnowledgeBase;
  live: LiveEnvironment<BotEnvironment>;
  /** Present when decisions run in workers. */
  pool?: DecisionPool;
  /** The embedding model loading after the listen; absent when it is switched off. */
  model?: BackgroundModel;
  close(): Promise<void>;
}

export async function startSvar(
  config: Config,
  o: {
    log?: Logger;
    clock?: Clock;
    useModel?: boolean;
    /** Stands in for loading the configured embedding model (tests: a slow, failing or tiny model). */
    loadModel?: ModelLoad;
  } = {},
): Promise<Svar> {
  const log = o.log ?? consoleLogger;
  // The language model's files are read while the knowledge loads (the bot environment waits for it below).
  void detectLanguage('hei', config.municipality.defaultLang).catch(() => undefined);
  // The model is loaded, or fetched from the hub, only once the server listens: citizens are served
  // lexically from the start, and retrieval switches to dense when the model is ready.
  const loadModel: ModelLoad | undefined =
    o.useModel === false
      ? undefined
      : (o.loadModel ??
        (() =>
          loadEmbedder({
            modelId: config.model.id,
            modelsDir: config.paths.modelsDir,
            allowRemote: config.model.allowRemote,
            timeoutMs: config.model.fetchTimeoutSeconds * 1000,
            ...(config.model.localPath ? { localPath: config.model.localPath } : {}),
            onProgress: (m) => log.info(m),
          })));
  const knowledge = await openKnowledge({
    knowledgeDir: config.paths.knowledgeDir,
    dataDir: config.paths.dataDir,
    embedderUnavailable: loadModel
      ? `embedding model ${config.model.id} is loading in the background`
      : 'embedding model switched off',
    validatePolicy: (text) => parsePolicy(text).issues,
  });
  // Thresholds the answer model replaced: a warning, so an upgrade does not stop a running municipality.
  const retired = new Set<string>(RETIRED_THRESHOLDS);
  for (const k of Object.keys(config.botThresholds).filter((k) => retired.has(k)))
    log.warn(
      `botThresholds.${k} is no longer used (the answer model decides; policy.yaml answers:): remove it`,
    );
  const unknownThresholds = Object.keys(config.botThresholds).filter(
    (k) => !(k in DEFAULT_THRESHOLDS) && !retired.has(k),
  );
  if (unknownThresholds.length > 0) {
    throw new ConfigError(
      'environment',
      unknownThresholds.map((k) => `botThresholds.${k}: not a bot threshold`),
    );
  }
  const botConfig = {
    country: config.municipality.country,
    municipalityName: config.municipality.name,
    emergency: { [config.municipality.country]: config.municipality.emergency },
    thresholds: Object.fromEntries(Object.entries(config.botThresholds).filter(([k]) => !retired.has(k))),
  };
  // policy.yaml's problems are in the knowledge status (validatePolicy above), with its last good version live.
  const buildEnvironment = async (snapshot: KnowledgeSnapshot): Promise<BotEnvironment> =>
    (
      await createBotEnvironment({
        retriever: snapshot.retriever,
        policyText: snapshot.policyText,
        config: botConfig,
      })
    ).env;
  const live = await createLiveEnvironment({ knowledge, build: buildEnvironment, log });
  const status = knowledge.status();
  // Workers answer from the lexical index; with a model loaded the main thread decides (hybrid or dense).
  let pool =
    config.decisionPool.enabled && status.mode === 'lexical'
      ? createDecisionPool({
          size: config.decisionPool.size,
          runtime: config.decisionPool.runtime,
          timeoutMs: config.decisionPool.timeoutMs,
          setup: {
            knowledgeDir: config.paths.knowledgeDir,
            dataDir: config.paths.dataDir,
            botConfig,
          },
          log,
        })
      : undefined;
  /** A new knowledge version is live: the workers follow before their next decision. */
  const reloadLive = async (trigger: string): Promise<ReloadInfo> => {
    const info = await live.reload(trigger);
    pool?.knowledgeChanged();
    return info;
  };
  if (status.notice) log.warn(status.notice);
  for (const e of status.errors) log.warn(`${e.path}:${e.line}: ${e.message}`);

  let model: BackgroundModel | undefined;
  // Other nodes hear of an editor's change and reload from the same files (server/cluster/knowledge-sync.ts).
  let announce: ((trigger: string) => void) | undefined;
  const app = await createApp({
    config,
    // A getter: the pool is closed when a model loads, as workers answer lexically only.
    responder: botResponder(live, {
      decide: (message, context, onMainThread) =>
        pool ? pool.decide(message, context, onMainThread) : onMainThread(),
    }),
    knowledge: () => knowledgeHealth(knowledge.status(), live.info(), model?.state() ?? 'off'),
    knowledgeFiles: () => knowledge.retriever.files(),
    editor: {
      knowledge,
      // The console has no widget language; the municipality's default stands in for it on short questions.
      ask: (question) =>
        live.ask((env) =>
          decide(question, { history: [], widgetLang: config.municipality.defaultLang }, env),
        ),
      reload: async () => {
        const info = await reloadLive('editor');
        announce?.('editor');
        return info;
      },
      validatePolicy: (text) => parsePolicy(text).issues,
      preview: (path, text, reachedQuestions) => {
        const context = { history: [], widgetLang: config.municipality.defaultLang };
        return previewChange<BotEnvironment>({
          knowledge,
          path,
          text,
          ask: (question, env) =>
            env === 'live' ? live.ask((e) => decide(question, context, e)) : decide(question, context, env),
          buildEnv: buildEnvironment,
          reachedQuestions,
        });
      },
    },
    log,
    ...(o.clock ? { clock: o.clock } : {}),
  });
  // They load the knowledge once the server listens, so they do not hold up its start.
  void pool?.start();
  if (loadModel) {
    model = loadModelInBackground({
      load: loadModel,
      knowledge,
      reload: reloadLive,
      // Workers answer from the lexical index; with a model the main thread decides (hybrid or dense).
      onDense: async () => {
        const workers = pool;
        pool = undefined;
        await workers?.close();
      },
      log,
    });
  }
  if (app.cluster) {
    const sync = app.cluster.knowledge;
    announce = (trigger) => sync.changed(trigger);
    sync.onChange((trigger) => reloadLive(trigger));
  }
  let watcher: KnowledgeWatcher | undefined;
  if (config.knowledge.watch) {
    watcher = await watchKnowledge({
      dir: config.paths.knowledgeDir,
      debounceMs: config.knowledge.reloadDebounceMs,
      onChange: () => reloadLive('watch'),
      log,
    });
  }
  log.info(
    `${config.municipality.name}: ${status.files} knowledge files, ${status.mode} retrieval${model ? ' until the embedding model is ready' : ''}; ${listeningMessage(config, app.url)}`,
  );
  return {
    app,
    knowledge,
    live,
    ...(pool ? { pool } : {}),
    ...(model ? { model } : {}),
    close: async () => {
      model?.stop();
      await watcher?.close();
      await app.close();
      await pool?.close();
    },
  };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  let svar: Svar;
  try {
    svar = await startSvar(config);
  } catch (error) {
    const known = startupFailure(error, config);
    if (!known) throw error;
    console.error(known);
    process.exit(1);
  }
  const stop = (signal: string): void => {
    consoleLogger.info(`${signal}: closing`);
    void svar.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

// Compared by file name: in the built server (dist/server/main.js) `import.meta.url` names this source file.
if (process.argv[1] && import.meta.filename === resolve(process.argv[1])) {
  main().catch((error: unknown) => {
    consoleLogger.error('Svar could not start', error);
    process.exit(1);
  });
}
