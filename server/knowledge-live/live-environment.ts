import type { KnowledgeBase, KnowledgeIssue, KnowledgeSnapshot } from '../../knowledge/index.ts';
import type { Logger } from '../log.ts';
import { QuestionGate } from './question-gate.ts';

/** What staff's health view and the editor console show about the last reload. */
export interface ReloadInfo {
  /** The index version questions are answered from now. */
  version: number;
  /** When the live version went live (ISO). */
  lastReloadAt: string;
  lastReloadMs: number;
  /** What started it: 'start', 'watch' (a file changed on disk) or 'editor'. */
  trigger: string;
  files: number;
  errors: KnowledgeIssue[];
  /** Broken files served in their last good version. */
  keptLastGood: string[];
  /** Why the last attempt failed, when it did; the previous version stays live. */
  failed?: string;
}

export interface LiveEnvironment<Env> {
  /** Runs one question on one environment; a reload waits for it and does not split it. */
  ask<T>(question: (env: Env) => Promise<T>): Promise<T>;
  /** The live environment, for work that is not a citizen's question (e.g. the greeting). */
  current(): Env;
  reload(trigger: string): Promise<ReloadInfo>;
  info(): ReloadInfo;
}

/** A question in flight longer than this no longer holds a reload back. */
const MAX_DRAIN_MS = 5_000;

/**
 * The bot environment that goes with the live knowledge version. A reload builds the next environment on
 * the next knowledge version, waits for questions in flight, and swaps both in one step; a failed reload
 * leaves the old version answering.
 */
export async function createLiveEnvironment<Env>(o: {
  knowledge: KnowledgeBase;
  build: (snapshot: KnowledgeSnapshot) => Promise<Env>;
  log: Logger;
}): Promise<LiveEnvironment<Env>> {
  const gate = new QuestionGate();
  let env: Env = await o.build(o.knowledge.snapshot());
  const infoOf = (trigger: string, failed?: string): ReloadInfo => {
    const s = o.knowledge.status();
    return {
      version: s.version,
      lastReloadAt: s.loadedAt,
      lastReloadMs: s.buildMs,
      trigger,
      files: s.files,
      errors: s.errors,
      keptLastGood: s.keptLastGood,
      ...(failed ? { failed } : {}),
    };
  };
  let info = infoOf('start');

  const reload = async (trigger: string): Promise<ReloadInfo> => {
    let next: { env: Env } | undefined;
    let open: (() => void) | undefined;
    try {
      const status = await o.knowledge.reload({
        beforeSwap: async (snapshot) => {
          next = { env: await o.build(snapshot) };
          open = await gate.close(MAX_DRAIN_MS);
        },
      });
      if (next) env = next.env;
      info = infoOf(trigger);
      o.log.info(
        `knowledge v${status.version} live (${trigger}): ${status.files} files in ${status.buildMs} ms` +
          (status.errors.length ? `, ${status.errors.length} errors` : '') +
          (status.keptLastGood.length
            ? `, last good version kept for ${status.keptLastGood.join(', ')}`
            : ''),
      );
      for (const e of status.errors) o.log.warn(`${e.path}:${e.line}: ${e.message}`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      info = { ...info, failed: message };
      o.log.error(`knowledge reload (${trigger}) failed; the previous version stays live`, error);
    } finally {
      open?.();
    }
    return info;
  };

  return {
    ask: (question) => gate.run(() => question(env)),
    current: () => env,
    reload,
    info: () => info,
  };
}
