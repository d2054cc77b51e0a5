/**
 * `npm run eval -- --knowledge DIR --questions FILE [--mode hybrid|lexical|dense] [--json]`
 * `npm run eval -- --knowledge DIR --learn-from MONTH1.jsonl --questions MONTH2.jsonl --json`
 */
import { Command, Option } from 'commander';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { readAnswerModel, thresholdsFromEnv } from '../bot/index.ts';
import { DEFAULT_MODEL_ID, loadEmbedder, type Embedder, type RetrievalMode } from '../knowledge/index.ts';
import { loadTrainingFiles, trainHeldOutModel } from './handover-training.ts';
import { formatComparison, formatReport, jsonReport } from './report-text.ts';
import { DEFAULT_QUESTIONS } from './default-questions.ts';
import { formatLeaveOneOut, municipalityRecords, runLeaveOneOut } from './leave-one-out.ts';
import { choosePoints, figuresAt, scoreHeldOut } from './choose-points.ts';
import { runEval, type EvalReport } from './run-eval.ts';
import { formatLearning } from './learning/format-learning.ts';
import { runLearnEval } from './learning/run-learning.ts';

/** The targets the operating points are chosen for (issue 14): wrong answers and honest "no answer"s. */
const WRONG_BUDGET = 0.02;
const NO_ANSWER_PRECISION = 0.85;

const program = new Command('eval')
  .description('Measure answers, handovers and fallbacks on labelled questions, beside a plain BM25 baseline')
  .option('--knowledge <dir>', 'knowledge folder (default: knowledge/sample, then the cross-knowledge runs)')
  .option('--questions <file...>', 'JSON Lines question file(s) (default: the public sets)')
  .addOption(
    new Option('--mode <mode>', 'retrieval mode (default: hybrid when a model is present)').choices([
      'hybrid',
      'lexical',
      'dense',
    ]),
  )
  .option('--models <dir>', 'models folder', 'models')
  .option('--model <id>', 'embedding model id', DEFAULT_MODEL_ID)
  .addOption(
    new Option(
      '--classifier <which>',
      'handover model: each set scored by a model trained without it (held-out), the built-in one, or none',
    )
      .choices(['held-out', 'built-in', 'off'])
      .default('held-out'),
  )
  .option(
    '--answer-model <file>',
    'answer model weights instead of the shipped ones (npm run train-answers -- --out FILE): for the reverse cross-knowledge run',
  )
  .option(
    '--learn-from <file>',
    'replay this question file as a month of traffic, approve the right proposals, then measure --questions',
  )
  .option(
    '--leave-one-out',
    'fit the answer model on every other knowledge folder and measure each one left out (eval/leave-one-out.ts)',
  )
  .option(
    '--choose-points',
    'choose the answer operating points under leave-one-out (eval/choose-points.ts) and print them',
  )
  .option('--json', 'print one JSON object')
  .option('--verbose', 'also list every failure and clarification')
  .parse();

const opts = program.opts<{
  knowledge?: string;
  questions?: string[];
  mode?: RetrievalMode;
  models: string;
  model: string;
  classifier: 'held-out' | 'built-in' | 'off';
  json?: boolean;
  verbose?: boolean;
  answerModel?: string;
  learnFrom?: string;
  leaveOneOut?: boolean;
  choosePoints?: boolean;
}>();
if (opts.choosePoints) {
  const scores = scoreHeldOut(await municipalityRecords());
  const chosen = choosePoints(scores, {
    wrongBudget: WRONG_BUDGET,
    noAnswerPrecision: NO_ANSWER_PRECISION,
  });
  // The trade-off around the chosen points, for whoever sets answerAt in policy.yaml.
  const frontier = [0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9].map((answerAt) => ({
    answerAt,
    ...figuresAt(scores, { answerAt, noAnswerAt: chosen.noAnswerAt }),
  }));
  console.log(JSON.stringify({ ...chosen, frontier }, null, opts.json ? undefined : 2));
  process.exit(0);
}

let embedder: Embedder | undefined;
if (opts.mode !== 'lexical') {
  const loaded = await loadEmbedder({
    modelId: opts.model,
    modelsDir: resolve(opts.models),
    allowRemote: false,
  });
  if (loaded.ok) embedder = loaded.embedder;
  else if (opts.mode) {
    console.error(`Cannot run mode ${opts.mode}: ${loaded.reason}`);
    process.exit(2);
  } else if (!opts.json) console.error(`Lexical-only mode: ${loaded.reason}.`);
}
// Threshold experiments without editing code: SVAR_BOT_ANSWER_MIN=0.6 npm run eval
const fromEnv = thresholdsFromEnv(process.env);
if (fromEnv.errors.length > 0) {
  console.error(fromEnv.errors.join('\n'));
  process.exit(2);
}
const mode: RetrievalMode = opts.mode ?? (embedder ? 'hybrid' : 'lexical');
const answerModel = opts.answerModel ? await readAnswerModel(resolve(opts.answerModel)) : undefined;
// Without a folder or question file, today's sets run first and the cross-knowledge runs beside them.
const defaults = opts.knowledge === undefined && opts.questions === undefined;
const suites = [
  {
    label: defaults ? 'sample sets' : (opts.knowledge ?? 'knowledge/sample'),
    knowledge: opts.knowledge ?? 'knowledge/sample',
    questions: opts.questions ?? DEFAULT_QUESTIONS,
  },
];
const training = opts.classifier === 'held-out' ? await loadTrainingFiles() : [];
const handoverModelFor =
  opts.classifier === 'built-in'
    ? undefined
    : (label: string) => (opts.classifier === 'off' ? null : trainHeldOutModel(training, label));
if (opts.leaveOneOut) {
  const held = await runLeaveOneOut({ mode, ...(handoverModelFor ? { handoverModelFor } : {}) });
  if (opts.json) {
    console.log(JSON.stringify(Object.fromEntries(held.map((r) => [r.label, jsonReport(r.report)]))));
  } else {
    console.log('Leave one municipality out: the answer model fitted on the other folders, in %\n');
    console.log(formatLeaveOneOut(held));
  }
  process.exit(0);
}
if (opts.learnFrom !== undefined) {
  if (opts.knowledge === undefined || opts.questions === undefined) {
    console.error('--learn-from needs --knowledge and --questions');
    process.exit(2);
  }
  const learned = await runLearnEval({
    knowledgeDir: resolve(opts.knowledge),
    learnFrom: { label: opts.learnFrom, text: await readFile(resolve(opts.learnFrom), 'utf8') },
    questionFiles: await Promise.all(
      opts.questions.map(async (file) => ({ label: file, text: await readFile(resolve(file), 'utf8') })),
    ),
    mode,
    ...(embedder ? { embedder } : {}),
    botConfig: { thresholds: fromEnv.thresholds, ...(answerModel ? { answerModel } : {}) },
    ...(opts.classifier === 'built-in'
      ? {}
      : {
          handoverModelFor: (label: string) =>
            opts.classifier === 'off' ? null : trainHeldOutModel(training, label),
        }),
  });
  if (opts.json) {
    console.log(
      JSON.stringify({
        ...jsonReport(learned.after),
        before: jsonReport(learned.before),
        learning: learned.learning,
      }),
    );
  } else {
    console.log(formatLearning(learned));
  }
  const problems = [...learned.before.problems, ...learned.after.problems];
  process.exit(problems.some((p) => p.severity === 'error') ? 1 : 0);
}
const runs: { label: string; report: EvalReport }[] = [];
for (const suite of suites) {
  const questionFiles = await Promise.all(
    suite.questions.map(async (file) => ({ label: file, text: await readFile(resolve(file), 'utf8') })),
  );
  const report = await runEval({
    knowledgeDir: resolve(suite.knowledge),
    questionFiles,
    mode,
    ...(embedder ? { embedder } : {}),
    botConfig: { thresholds: fromEnv.thresholds, ...(answerModel ? { answerModel } : {}) },
    ...(opts.classifier === 'built-in'
      ? {}
      : {
          handoverModelFor: (label: string) =>
            opts.classifier === 'off' ? null : trainHeldOutModel(training, label),
        }),
  });
  runs.push({ label: suite.label, report });
}
// Cross-knowledge: each other municipality measured with an answer model fitted without it.
if (defaults && !answerModel) {
  const held = await runLeaveOneOut({
    mode,
    only: ['kommune-a', 'kommune-b', 'kommune-c', 'kommune-d'],
    ...(handoverModelFor ? { handoverModelFor } : {}),
  });
  runs.push(...held.map((r) => ({ label: `${r.label} (left out)`, report: r.report })));
}
const [main, ...cross] = runs as [{ label: string; report: EvalReport }, ...typeof runs];
const report = main.report;
if (opts.json) {
  console.log(
    JSON.stringify({
      ...jsonReport(report),
      ...(cross.length > 0
        ? { cross: Object.fromEntries(cross.map((r) => [r.label, jsonReport(r.report)])) }
        : {}),
    }),
  );
} else {
  console.log(formatReport(report, { verbose: opts.verbose === true }));
  if (cross.length > 0) {
    console.log(
      '\nCross-knowledge: each municipality measured with the answer model fitted on the other folders\n',
    );
    console.log(formatComparison(runs));
  }
}
if (runs.some((r) => r.report.problems.some((p) => p.severity === 'error'))) process.exitCode = 1;
