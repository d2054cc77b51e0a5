import type { Embedder, KnowledgeBase } from '../../knowledge/index.ts';
import type { Logger } from '../log.ts';
import type { ReloadInfo } from './live-environment.ts';

/** Where the embedding model stands: citizens are served lexically until it is `ready` and its index live. */
export type ModelState = 'off' | 'loading' | 'ready' | 'unavailable';

export type ModelLoad = () => Promise<{ ok: true; embedder: Embedder } | { ok: false; reason: string }>;

export interface BackgroundModel {
  state(): ModelState;
  /** Settles once the model is live, unavailable or the server stopped waiting for it; never rejects. */
  readonly settled: Promise<void>;
  /** The server is closing: a model that arrives after this is not switched in. */
  stop(): void;
}

/**
 * Loads (and where allowed downloads) the embedding model after the server listens, so a slow or unreachable
 * model hub never delays the start, and switches retrieval to dense through the live reload path once the
 * model is there: the dense index is built beside the lexical one and swapped in like an editor's change.
 */
export function loadModelInBackground(o: {
  load: ModelLoad;
  knowledge: Pick<KnowledgeBase, 'useEmbedder' | 'embedderUnavailable' | 'status'>;
  /** The live reload (server/main.ts), so bot environments and decision workers follow. */
  reload: (trigger: string) => Promise<ReloadInfo>;
  /** Runs after the dense version went live. */
  onDense?: () => Promise<void> | void;
  log: Logger;
}): BackgroundModel {
  let state: ModelState = 'loading';
  let stopped = false;
  const run = async (): Promise<void> => {
    const loaded = await o.load().catch((error: unknown) => ({
      ok: false as const,
      reason: error instanceof Error ? error.message : String(error),
    }));
    if (stopped) return;
    if (!loaded.ok) {
      state = 'unavailable';
      o.knowledge.embedderUnavailable(loaded.reason);
      o.log.warn(`Lexical-only mode: ${loaded.reason}.`);
      return;
    }
    o.knowledge.useEmbedder(loaded.embedder);
    const info = await o.reload('model');
    if (stopped) return;
    const status = o.knowledge.status();
    if (info.failed || status.mode === 'lexical') {
      state = 'unavailable';
      o.log.warn(
        `embedding model ${loaded.embedder.modelId} loaded, but retrieval stays lexical: ${info.failed ?? status.notice ?? 'no dense index'}`,
      );
      return;
    }
    state = 'ready';
    await o.onDense?.();
    o.log.info(
      `embedding model ${loaded.embedder.modelId} ready: retrieval switched from lexical to ${status.mode} (knowledge v${status.version})`,
    );
  };
  const settled = run().catch((error: unknown) => {
    state = 'unavailable';
    o.log.error('the embedding model could not be switched in; retrieval stays lexical', error);
  });
  return {
    state: () => state,
    settled,
    stop: () => {
      stopped = true;
    },
  };
}
