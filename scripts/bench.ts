/**
 * `npm run bench`: retrieval and decision timings (eval/) and websocket load on the real server (server/),
 * written to eval/results/ as JSON plus a short Markdown table. Not a test: timings on a shared machine are
 * noisy, so compare figures within one run.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { benchRetrieval, type KnowledgeBench } from '../eval/bench-retrieval.ts';
import { hashPassword } from '../server/auth/password.ts';
import { benchConfigPatch, runWsLoad, type WsLoadResult } from '../server/bench/ws-load.ts';
import { loadConfig } from '../server/config/load.ts';
import { startSvar } from '../server/main.ts';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const citizens = quick ? 200 : 2000;
const sizes = quick ? [500] : [500, 5000];
const out = resolve('eval/results');
const log = (line: string) => process.stderr.write(`${line}\n`);

const questions = (await readFile('eval/datasets/tuning.jsonl', 'utf8'))
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as { text: string; expect: string })
  // A handed-over citizen talks to staff, not the bot, so handover questions would stall the bot stream.
  .filter((q) => q.expect !== 'handover')
  .map((q) => q.text);

log('retrieval benchmark');
const retrieval = await benchRetrieval({
  sampleDir: resolve('knowledge/sample'),
  questions,
  sizes,
  onProgress: log,
});

log(`websocket benchmark: ${citizens} citizens, 20 staff`);
const dataDir = await mkdtemp(join(tmpdir(), 'svar-bench-server-'));
let ws: WsLoadResult;
const silent = { info: () => {}, warn: () => {}, error: () => {} };
const config = loadConfig({ env: { SVAR_DATA_DIR: dataDir, SVAR_PORT: '0' } });
benchConfigPatch(config);
const svar = await startSvar(config, { useModel: false, log: silent });
try {
  const hash = await hashPassword('bench password');
  const staff = Array.from({ length: 20 }, (_, i) => ({
    username: `agent${i + 1}`,
    password: 'bench password',
  }));
  for (const s of staff) {
    svar.app.store.staff.create({
      username: s.username,
      displayName: `Agent${s.username}`,
      role: 'agent',
      passwordHash: hash,
      at: new Date().toISOString(),
    });
  }
  ws = await runWsLoad({ url: svar.app.url, citizens, staff, questions });
} finally {
  await svar.close();
  await rm(dataDir, { recursive: true, force: true });
}

const at = new Date().toISOString();
const result = {
  at,
  machine: { cores: (await import('node:os')).cpus().length, node: process.version },
  retrieval,
  websocket: { citizens, staff: 20, ...ws },
};
await mkdir(out, { recursive: true });
await writeFile(join(out, 'bench.json'), `${JSON.stringify(result, null, 2)}\n`);

const ms = (n: number | undefined) => (n === undefined ? '-' : n < 10 ? n.toFixed(2) : n.toFixed(0));
const row = (b: KnowledgeBench) =>
  `| ${b.name} | ${b.files} | ${b.passages} | ${ms(b.lexicalBuildMs)} | ${ms(b.incrementalRebuildMs)} | ${ms(b.denseBuildMs)} | ${ms(b.lexicalQueryMs.p50)} / ${ms(b.lexicalQueryMs.p95)} / ${ms(b.lexicalQueryMs.p99)} | ${b.fusedQueryMs ? `${ms(b.fusedQueryMs.p50)} / ${ms(b.fusedQueryMs.p95)} / ${ms(b.fusedQueryMs.p99)}` : '-'} | ${b.decisionMs ? `${ms(b.decisionMs.p50)} / ${ms(b.decisionMs.p99)}` : '-'} | ${b.rssMb.toFixed(0)} |`;
const markdown = `# Svar benchmark, ${at}

Retrieval (times in ms; query latencies p50 / p95 / p99; dense uses the fixture model the project makes)

| knowledge | files | passages | lexical build | rebuild after 1 change | dense build | lexical query | fused query | decision p50 / p99 | RSS MB |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${retrieval.map(row).join('\n')}

Websocket load (${citizens} citizens, 20 staff, lexical mode, server and clients in one process)

| connected | bot reply p50 / p95 / p99 ms | citizen→agent p99 ms | bot replies/s | handovers claimed | peak RSS MB |
| --- | --- | --- | --- | --- | --- |
| ${ws.citizensConnected} + ${ws.staffConnected} | ${ws.botReplyMs.p50} / ${ws.botReplyMs.p95} / ${ws.botReplyMs.p99} | ${ws.agentMessageMs.p99} | ${ws.botRepliesPerSecond.toFixed(0)} | ${ws.handoversClaimed} | ${ws.peakRssMb.toFixed(0)} |
`;
await writeFile(join(out, 'bench.md'), markdown);
console.log(markdown);
