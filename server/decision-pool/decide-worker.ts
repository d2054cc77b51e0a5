/**
 * A decision worker (thread or child process, see decision-pool.ts): holds its own knowledge index and bot
 * environment over the same folder as the server and answers one message per task. A task carries the
 * server's knowledge generation; a worker that is behind reloads the folder before it decides.
 */
import { createBotEnvironment, decide, parsePolicy } from '../../bot/index.ts';
import type { BotConfig, BotEnvironment, ConversationContext, Decision } from '../../bot/index.ts';
import { openKnowledge, type KnowledgeBase } from '../../knowledge/index.ts';

export interface WorkerSetup {
  knowledgeDir: string;
  /** The worker's own data folder: last good versions are written there, never in the server's. */
  dataDir: string;
  botConfig: BotConfig;
}

export type WorkerTask =
  | { kind: 'init'; setup: WorkerSetup; generation: number }
  | {
      kind: 'decide';
      setup: WorkerSetup;
      generation: number;
      message: string;
      context: ConversationContext;
    };

interface Loaded {
  knowledge: KnowledgeBase;
  env: BotEnvironment;
  generation: number;
}

let loading: Promise<Loaded> | undefined;

const environmentOf = async (knowledge: KnowledgeBase, setup: WorkerSetup): Promise<BotEnvironment> => {
  const snapshot = knowledge.snapshot();
  return (
    await createBotEnvironment({
      retriever: snapshot.retriever,
      policyText: snapshot.policyText,
      config: setup.botConfig,
    })
  ).env;
};

/** Loads once; a task from a newer generation waits for one reload of the folder. */
async function loaded(setup: WorkerSetup, generation: number): Promise<Loaded> {
  loading ??= (async () => {
    const knowledge = await openKnowledge({
      knowledgeDir: setup.knowledgeDir,
      dataDir: setup.dataDir,
      embedderUnavailable: 'decision workers answer from the lexical index',
      validatePolicy: (text) => parsePolicy(text).issues,
    });
    return { knowledge, env: await environmentOf(knowledge, setup), generation };
  })();
  const current = await loading;
  if (current.generation >= generation) return current;
  loading = (async () => {
    await current.knowledge.reload();
    return { ...current, env: await environmentOf(current.knowledge, setup), generation };
  })();
  return loading;
}

export default async function run(task: WorkerTask): Promise<Decision | null> {
  const { env } = await loaded(task.setup, task.generation);
  if (task.kind === 'init') return null;
  return decide(task.message, task.context, env);
}
