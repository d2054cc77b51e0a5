/**
 * `npm run knowledge -- check | build | ask "question"`: the editors' and developers' command line for a
 * knowledge folder. It lives in scripts/ because `ask` shows the bot's decision, and knowledge/ may not
 * depend on bot/.
 */
import { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  checkSafety,
  createBotEnvironment,
  decide,
  expectedRates,
  type BotEnvironment,
} from '../bot/index.ts';
import {
  checkKnowledge,
  DEFAULT_MODEL_ID,
  loadEmbedder,
  openKnowledge,
  type KnowledgeIssue,
  type KnowledgeStatus,
} from '../knowledge/index.ts';

interface CommonOptions {
  knowledge: string;
  data: string;
  models: string;
  model: string;
  json?: boolean;
  lexical?: boolean;
}

const program = new Command('knowledge')
  .description('Check, build and query a Svar knowledge folder')
  .option('--knowledge <dir>', 'knowledge folder', 'knowledge/sample')
  .option('--data <dir>', 'data folder for indexes', 'data')
  .option('--models <dir>', 'models folder', 'models')
  .option('--model <id>', 'embedding model id', DEFAULT_MODEL_ID)
  .option('--lexical', 'skip the embedding model')
  .option('--json', 'machine-readable output');

const formatIssue = (
  i: Pick<KnowledgeIssue, 'path' | 'line' | 'severity' | 'message'> & { code: string },
): string => `${i.path}:${i.line}  ${i.severity}  ${i.code}  ${i.message}`;

async function open(options: CommonOptions, progress: boolean) {
  let embedderUnavailable: string | undefined;
  let embedder;
  if (options.lexical) {
    embedderUnavailable = 'the embedding model was switched off with --lexical';
  } else {
    const loaded = await loadEmbedder({
      modelId: options.model,
      modelsDir: resolve(options.models),
      allowRemote: false,
    });
    if (loaded.ok) embedder = loaded.embedder;
    else embedderUnavailable = loaded.reason;
  }
  const started = Date.now();
  let lastDense = 0;
  const knowledge = await openKnowledge({
    knowledgeDir: resolve(options.knowledge),
    dataDir: resolve(options.data),
    ...(embedder ? { embedder } : {}),
    ...(embedderUnavailable ? { embedderUnavailable } : {}),
    onProgress: (p) => {
      if (!progress || p.phase !== 'dense' || p.total === 0) return;
      const now = Date.now();
      if (now - lastDense < 1000 && p.done < p.total) return;
      lastDense = now;
      const rate = p.done / Math.max(0.001, (now - started) / 1000);
      process.stderr.write(`embedding passages ${p.done}/${p.total} (${rate.toFixed(0)} passages/s)\n`);
    },
  });
  return { knowledge, seconds: (Date.now() - started) / 1000 };
}

function printStatus(status: KnowledgeStatus, seconds: number): void {
  if (status.notice) console.log(status.notice);
  console.log(
    `${status.files} files, ${status.passages} passages, mode ${status.mode}, built in ${seconds.toFixed(2)} s`,
  );
  if (status.dense)
    console.log(`dense index: ${status.dense.embedded} files embedded, ${status.dense.reused} reused`);
  for (const warning of status.dense?.warnings ?? []) console.log(`warning: ${warning}`);
  for (const issue of [...status.errors, ...status.warnings]) console.log(formatIssue(issue));
}

/** The answer model fitted to this knowledge, and what its operating points give on the knowledge's probes. */
function answerModelReport(env: BotEnvironment, seconds: number) {
  const { calibration, points } = env.answers;
  return {
    model: calibration.model.source,
    mode: calibration.mode,
    answerableProbes: calibration.answerable,
    nearMissProbes: calibration.nearMiss,
    operatingPoints: points,
    expected: expectedRates(calibration, points),
    seconds,
    ...(calibration.warning ? { warning: calibration.warning } : {}),
  };
}

function printAnswerModel(report: ReturnType<typeof answerModelReport>): void {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  console.log(
    `answer model: ${report.model}, calibrated in ${report.seconds.toFixed(2)} s\n` +
      `  at answerAt ${report.operatingPoints.answerAt}, noAnswerAt ${report.operatingPoints.noAnswerAt}: ` +
      `expected direct answers ${pct(report.expected.directAnswer)} of the knowledge's own questions, ` +
      `wrong answers ${pct(report.expected.wrongAnswer)}, "no answer" to ${pct(report.expected.noAnswer)} of near misses ` +
      `(editors' wording; citizens' questions do worse)`,
  );
  if (report.warning) console.log(`warning: ${report.warning}`);
}

program
  .command('check')
  .description('validate every knowledge file and report all problems with path and line')
  .action(async () => {
    const options = program.opts<CommonOptions>();
    const checked = await checkKnowledge(resolve(options.knowledge));
    const files = checked.files;
    // The safety concepts (bot/safety/concepts) and policy.yaml's additions to them, validated like knowledge.
    const policyText = await readFile(join(resolve(options.knowledge), 'policy.yaml'), 'utf8').catch(
      () => undefined,
    );
    const issues: (KnowledgeIssue | ReturnType<typeof checkSafety>[number])[] = [
      ...checked.issues,
      ...checkSafety(policyText),
    ];
    const errors = issues.filter((i) => i.severity === 'error').length;
    if (options.json) {
      console.log(
        JSON.stringify({ files: files.length, errors, warnings: issues.length - errors, issues }, null, 2),
      );
    } else {
      for (const issue of issues) console.log(formatIssue(issue));
      const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
      console.log(
        `${count(files.length, 'file')} OK, ${count(errors, 'error')}, ${count(issues.length - errors, 'warning')}`,
      );
    }
    process.exitCode = errors > 0 ? 1 : 0;
  });

program
  .command('build')
  .description('build the lexical and (when a model is installed) dense indexes')
  .action(async () => {
    const options = program.opts<CommonOptions>();
    const { knowledge, seconds } = await open(options, !options.json);
    const status = knowledge.status();
    const calibrationStarted = Date.now();
    const { env } = await createBotEnvironment({
      retriever: knowledge.retriever,
      policyText: knowledge.policyText,
      handoverModel: null,
    });
    const answers = answerModelReport(env, (Date.now() - calibrationStarted) / 1000);
    if (options.json) console.log(JSON.stringify({ ...status, seconds, answers }, null, 2));
    else {
      printStatus(status, seconds);
      printAnswerModel(answers);
    }
    process.exitCode = status.errors.length > 0 ? 1 : 0;
  });

program
  .command('ask')
  .description('show the top 5 files with lexical, dense and fused scores, and the bot decision')
  .argument('<question...>', 'the question')
  .action(async (words: string[]) => {
    const options = program.opts<CommonOptions>();
    const question = words.join(' ');
    const { knowledge } = await open(options, false);
    const result = await knowledge.retriever.search(question, { limit: 5 });
    const { env } = await createBotEnvironment({
      retriever: knowledge.retriever,
      policyText: knowledge.policyText,
    });
    const decision = await decide(question, { history: [] }, env);
    if (options.json) {
      console.log(
        JSON.stringify(
          { question, mode: result.mode, terms: result.terms, candidates: result.candidates, decision },
          null,
          2,
        ),
      );
      return;
    }
    const notice = knowledge.status().notice;
    if (notice) console.log(notice);
    console.log(`mode ${result.mode}; terms: ${result.terms.join(' ')}`);
    const fmt = (n: number | undefined, digits: number) => (n === undefined ? '-' : n.toFixed(digits));
    console.table(
      result.candidates.map((c) => ({
        file: c.fileId,
        lexical: fmt(c.lexical?.score, 2),
        dense: fmt(c.dense?.score, 3),
        fused: fmt(c.confidence, 3),
      })),
    );
    for (const c of result.candidates) console.log(`${c.fileId}: ${c.why.join('; ')}`);
    console.log(
      `\ndecision: ${decision.kind}${decision.handoverReason ? ` (${decision.handoverReason})` : ''}${decision.fallbackReason ? ` (${decision.fallbackReason})` : ''}${decision.fileId ? ` → ${decision.fileId}` : ''}`,
    );
    for (const s of decision.reply.suggestions ?? []) console.log(`  suggestion: ${s.fileId} (${s.title})`);
    for (const r of decision.reply.related ?? []) console.log(`  related: ${r.fileId} (${r.title})`);
    if (decision.kind === 'fallback') console.log(`  reply: ${decision.reply.text}`);
    for (const line of decision.why) console.log(`  - ${line}`);
  });

await program.parseAsync();
