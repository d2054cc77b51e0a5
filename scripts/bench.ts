/**
 * `npm run bench`: retrieval and decision timings (eval/) and websocket load on the real server (server/),
 * written to eval/results/ as JSON plus a short Markdown table. Not a test: timings on a shared machine are
 * noisy, so compare figures within one run.
 */
import { fork } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchRetrieval, type KnowledgeBench } from '../eval/bench-retrieval.ts';
import type { QueueLoadResult } from '../server/bench/queue-load.ts';
import type { WsLoadResult } from '../server/bench/ws-load.ts';
import { benchLiveReload, type LiveReloadBench } from './bench-live-reload.ts';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const citizens = quick ? 200 : 2000;
const sizes = quick ? [500] : [500, 5000];
const out = resolve('eval/results');
const log = (line: string) => process.stderr.write(`${line}\n`);

/**
 * The server gets a process of its own, as in production: after the retrieval runs this one holds hundreds
 * of megabytes of garbage, and collecting it in the middle of the load would be measured as reply time.
 */
function runInFreshProcess<R = WsLoadResult>(
  count: number,
  botQuestions: string[],
  extraArgs: string[] = [],
): Promise<R> {
  return new Promise((done, fail) => {
    const child = fork(fileURLToPath(new URL('./bench-ws.ts', import.meta.url)), [
      String(count),
      ...extraArgs,
    ]);
    child.on('message', (result) => done(result as R));
    child.on('error', fail);
    child.on('exit', (code) => code === 0 || fail(new Error(`websocket benchmark exited with ${code}`)));
    child.send(botQuestions);
  });
}

const botQuestions = async (file: string): Promise<string[]> =>
  (await readFile(file, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { text: string; expect: string })
    // A handed-over citizen talks to staff, not the bot, so handover questions would stall the bot stream.
    .filter((q) => q.expect !== 'handover')
    .map((q) => q.text);
const questions = await botQuestions('eval/datasets/tuning.jsonl');
const warmupQuestions = (await botQuestions('eval/datasets/heldout.jsonl')).slice(0, 30);

log('retrieval benchmark');
const retrieval = await benchRetrieval({
  sampleDir: resolve('knowledge/sample'),
  questions,
  warmupQuestions,
  sizes,
  onProgress: log,
});

log('live reload: an edited file on disk until a citizen gets the new text');
const liveReload: LiveReloadBench[] = [];
for (const extraFiles of [0, quick ? 500 : 5000]) {
  liveReload.push(
    await benchLiveReload({ sampleDir: resolve('knowledge/sample'), extraFiles, edits: 20, onProgress: log }),
  );
}

log(`websocket benchmark: ${citizens} citizens, 20 staff (fresh process)`);
const ws = await runInFreshProcess(citizens, questions);

const waitingCount = quick ? 200 : 1000;
const floodRate = quick ? 100 : 200;
log(`waiting-queue flood: ${waitingCount} waiting, ${floodRate} messages/s (fresh process)`);
const queue = await runInFreshProcess<QueueLoadResult>(waitingCount, questions, ['queue', String(floodRate)]);

const at = new Date().toISOString();
const result = {
  at,
  machine: { cores: (await import('node:os')).cpus().length, node: process.version },
  retrieval,
  liveReload,
  websocket: { citizens, staff: 20, ...ws },
  waitingQueue: queue,
};
await mkdir(out, { recursive: true });
await writeFile(join(out, 'bench.json'), `${JSON.stringify(result, null, 2)}\n`);

const ms = (n: number | undefined) => (n === undefined ? '-' : n < 10 ? n.toFixed(2) : n.toFixed(0));
const row = (b: KnowledgeBench) =>
  `| ${b.name} | ${b.files} | ${b.passages} | ${ms(b.lexicalBuildMs)} | ${ms(b.incrementalRebuildMs)} | ${ms(b.denseBuildMs)} | ${ms(b.firstQueryMs)} | ${ms(b.lexicalQueryMs.p50)} / ${ms(b.lexicalQueryMs.p95)} / ${ms(b.lexicalQueryMs.p99)} | ${b.fusedQueryMs ? `${ms(b.fusedQueryMs.p50)} / ${ms(b.fusedQueryMs.p95)} / ${ms(b.fusedQueryMs.p99)}` : '-'} | ${b.decisionMs ? `${ms(b.decisionMs.p50)} / ${ms(b.decisionMs.p99)}` : '-'} | ${b.rssMb.toFixed(0)} |`;
const markdown = `# Svar benchmark, ${at}

Retrieval (times in ms; query latencies p50 / p95 / p99; dense uses the fixture model the project makes)

| knowledge | files | passages | lexical build | rebuild after 1 change | dense build | first query (cold) | lexical query | fused query | decision p50 / p99 | RSS MB |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${retrieval.map(row).join('\n')}

Live reload (${liveReload[0]?.edits ?? 0} edits of one file on disk, watcher debounce ${liveReload[0]?.debounceMs ?? 0} ms; ms p50 / p95 / max; targets: reload ≤ 1,000 at 5,000 files, save → answer ≤ 2,000 at p95)

| files | reload after 1 change | save → citizen's answer |
| --- | --- | --- |
${liveReload.map((r) => `| ${r.files} | ${r.reloadMs.p50} / ${r.reloadMs.p95} / ${r.reloadMs.max} | ${r.saveToAnswerMs.p50} / ${r.saveToAnswerMs.p95} / ${r.saveToAnswerMs.max} |`).join('\n')}

Websocket load (${citizens} citizens, 20 staff, lexical mode, server and clients in one process of their own)

| connected | bot reply p50 / p95 / p99 ms | citizen→agent p99 ms | bot replies/s | handovers claimed | peak RSS MB |
| --- | --- | --- | --- | --- | --- |
| ${ws.citizensConnected} + ${ws.staffConnected} | ${ws.botReplyMs.p50} / ${ws.botReplyMs.p95} / ${ws.botReplyMs.p99} | ${ws.agentMessageMs.p99} | ${ws.botRepliesPerSecond.toFixed(0)} | ${ws.handoversClaimed} | ${ws.peakRssMb.toFixed(0)} |

Waiting-queue flood (citizens waiting for a person keep writing; one staff console watches the list; other
citizens ask the bot at ${10}/s, first with nobody writing, then during the flood)

| waiting | messages/s sent | staff console bytes/s | staff frames/s | normal reply p99 ms, baseline → flood |
| --- | --- | --- | --- | --- |
| ${queue.waiting} | ${queue.messagesPerSecond} | ${queue.staffBytesPerSecond} | ${queue.staffFramesPerSecond} | ${queue.normalReplyMsBaseline.p99} → ${queue.normalReplyMsDuringFlood.p99} |
`;
await writeFile(join(out, 'bench.md'), markdown);
console.log(markdown);
