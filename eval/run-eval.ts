import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  createBotEnvironment,
  decide,
  type BotConfig,
  type BotEnvironment,
  type ConversationContext,
  type HandoverModel,
  type Turn,
} from '../bot/index.ts';
import { openKnowledge, type Embedder, type RetrievalMode } from '../knowledge/index.ts';
import { createBaseline } from './baseline.ts';
import { parseQuestions, type DatasetProblem, type EvalQuestion } from './dataset.ts';
import { computeFullMetrics, type FullMetrics, type Outcome } from './metrics.ts';

export interface EvalOptions {
  knowledgeDir: string;
  /** JSON Lines text of the question file(s), with a label each for problem reports. */
  questionFiles: { label: string; text: string }[];
  /**
   * The handover model each file is scored with: by default the built-in one, which was trained on the public
   * sets, so pass held-out models (eval/handover-training.ts) to measure those sets; `null` runs rules only.
   */
  handoverModelFor?: (label: string) => HandoverModel | null;
  mode: RetrievalMode;
  embedder?: Embedder;
  botConfig?: BotConfig;
}

export interface EvalReport extends FullMetrics {
  mode: RetrievalMode;
  baseline: FullMetrics;
  outcomes: Outcome[];
  baselineOutcomes: Outcome[];
  problems: (DatasetProblem & { file: string })[];
  knowledgeErrors: number;
}

/**
 * Runs every question through the same decision function the server uses, over an index built in a
 * temporary folder so the server's data is never touched, and the baseline beside it in the same run.
 */
export async function runEval(options: EvalOptions): Promise<EvalReport> {
  const dataDir = await mkdtemp(join(tmpdir(), 'svar-eval-'));
  try {
    const knowledge = await openKnowledge({
      knowledgeDir: options.knowledgeDir,
      dataDir,
      ...(options.mode !== 'lexical' && options.embedder
        ? { embedder: options.embedder, preferMode: options.mode }
        : {}),
    });
    if (options.mode !== 'lexical' && knowledge.retriever.mode === 'lexical') {
      throw new Error(`mode ${options.mode} needs an embedding model, and none is available`);
    }
    const ids = new Set(knowledge.retriever.files().map((f) => f.id));
    const questions: EvalQuestion[] = [];
    const problems: EvalReport['problems'] = [];
    const environments: BotEnvironment[] = [];
    const envOf = new Map<EvalQuestion, BotEnvironment>();
    for (const file of options.questionFiles) {
      const parsed = parseQuestions(file.text, ids);
      questions.push(...parsed.questions);
      problems.push(...parsed.problems.map((p) => ({ ...p, file: file.label })));
      const model = options.handoverModelFor?.(file.label);
      const { env } = await createBotEnvironment({
        retriever: knowledge.retriever,
        ...(options.botConfig ? { config: options.botConfig } : {}),
        ...(knowledge.policyText !== undefined ? { policyText: knowledge.policyText } : {}),
        ...(model !== undefined ? { handoverModel: model } : {}),
      });
      environments.push(env);
      for (const question of parsed.questions) envOf.set(question, env);
    }
    // Warm-up: the first decision loads the language model, which is not what latency should measure.
    for (const env of environments) await decide('hei', { history: [] }, env);

    const outcomes: Outcome[] = [];
    for (const question of questions) {
      const env = envOf.get(question) as BotEnvironment;
      const history: Turn[] = [];
      for (const earlier of question.context) {
        const d = await decide(earlier, { history: [...history], widgetLang: 'nb' }, env);
        history.push({ role: 'citizen', text: earlier }, { role: 'bot', text: d.reply.text, decision: d });
      }
      const context: ConversationContext = { history, widgetLang: 'nb' };
      const started = performance.now();
      const decision = await decide(question.text, context, env);
      const latencyMs = performance.now() - started;
      outcomes.push({
        question,
        kind: decision.kind,
        ...(decision.fileId ? { fileId: decision.fileId } : {}),
        suggestions: decision.reply.suggestions?.map((s) => s.fileId) ?? [],
        ...(decision.handoverReason ? { handoverReason: decision.handoverReason } : {}),
        ...(decision.fallbackReason ? { fallbackReason: decision.fallbackReason } : {}),
        latencyMs,
        top: decision.candidates.slice(0, 3).map((c) => ({ fileId: c.fileId, confidence: c.confidence })),
      });
    }

    const baseline = createBaseline(knowledge.retriever.files());
    const baselineOutcomes: Outcome[] = questions.map((question) => {
      const started = performance.now();
      const hit = baseline(question.text);
      const latencyMs = performance.now() - started;
      return {
        question,
        kind: hit.fileId ? 'answer' : 'fallback',
        ...(hit.fileId ? { fileId: hit.fileId } : {}),
        suggestions: [],
        latencyMs,
        top: hit.fileId ? [{ fileId: hit.fileId, confidence: hit.score ?? 0 }] : [],
      };
    });

    return {
      ...computeFullMetrics(outcomes),
      mode: knowledge.retriever.mode,
      baseline: computeFullMetrics(baselineOutcomes),
      outcomes,
      baselineOutcomes,
      problems,
      knowledgeErrors: knowledge.status().errors.length,
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
