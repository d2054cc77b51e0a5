/** The Markdown of `npm run bench`'s cluster and single-node no-regression parts (issue 18). */
import type { ClusterBenchResult } from './bench-cluster.ts';
import type { RegressionResult } from './bench-regression.ts';

const ms = (n: number | undefined) => (n === undefined ? '-' : n < 10 ? n.toFixed(2) : n.toFixed(0));
const x = (n: number | undefined) => (n === undefined ? '-' : n.toFixed(2));
const int = (n: number) => n.toLocaleString('en');

export function clusterMarkdown(r: ClusterBenchResult): string {
  const k = r.kills;
  return `Cluster (issue 18): ${r.nodes} server processes (${r.server === 'built' ? 'dist/server/main.js' : 'server/main.ts through tsx'}) on one PostgreSQL and one Redis, ${int(r.citizensConnected)} citizens connected spread over the nodes, ${r.agents} agents holding ${r.chats} chats with them, each agent on another node than its chats' citizens; the load client in a process of its own. Load average (1 / 5 / 15 min) at the start ${r.loadAverage.before.join(' / ')}, at the end ${r.loadAverage.after.join(' / ')}. Latency from when a message was due to when the other side got it, after an unreported ${r.warmUpSeconds} s warm-up at the same rate; a step that falls behind is failed. Target: citizen → agent p99 ≤ 50 ms.

| delivery across nodes | messages/s asked | delivered/s | ms p50 / p95 / p99 (max) | CPU of the 3 nodes per message, ms | load average (1 min) before → after |
| --- | --- | --- | --- | --- | --- |
${r.delivery
  .map(
    (s) =>
      `| ${s.direction === 'citizen-to-agent' ? 'citizen → agent' : 'agent → citizen'} | ${s.rate} | ${s.deliveredPerSecond} | ${s.deliveryMs ? `${ms(s.deliveryMs.p50)} / ${ms(s.deliveryMs.p95)} / ${ms(s.deliveryMs.p99)} (${ms(s.deliveryMs.max)})` : `failed: ${s.failed}`} | ${s.nodesCpuMsPerMessage?.toFixed(2) ?? '-'} | ${s.loadAverage1m.before} → ${s.loadAverage1m.after} |`,
  )
  .join('\n')}

kill -9 of a node holding citizens, ${k.cycles.length} cycles while citizens wrote ${k.trafficRate} messages/s in all (each node in turn, restarted once its citizens had resumed elsewhere): ${int(k.acknowledged)} messages acknowledged, **${k.lost} lost** (every acknowledged message checked against PostgreSQL at the end), ${k.duplicates} stored twice after a resend, ${k.unacknowledgedAtEnd} still unacknowledged at the end, ${k.unexpectedCloses} sockets closed on a node that was not killed. Citizens resumed on another node (from just before the kill to the welcome with their history, the widget's 0.5–1 s wait before reconnecting included) in p50 / p95 / p99 / max ${ms(k.resumeMs.p50)} / ${ms(k.resumeMs.p95)} / ${ms(k.resumeMs.p99)} / ${ms(k.resumeMs.max)} ms over ${int(k.resumeMs.count)} resumes.

| cycle | node killed | citizens moved | agents moved | resume ms p50 / max | not resumed | acknowledged missing at resume | node listening again after |
| --- | --- | --- | --- | --- | --- | --- | --- |
${k.cycles
  .map(
    (c, i) =>
      `| ${i + 1} | ${c.node} | ${c.citizens} | ${c.agents} | ${ms(c.resumeMs.p50)} / ${ms(c.resumeMs.max)} | ${c.notResumed} | ${c.lostAtResume} | ${(c.restartMs / 1000).toFixed(1)} s |`,
  )
  .join('\n')}
`;
}

export function regressionMarkdown(r: RegressionResult): string {
  const label = (side: string) => r.sides.find((s) => s.side === side)?.label ?? side;
  const head = `Single node, no regression (issue 18): the same reply-rate step on this checkout (${r.currentCommit}) and on ${r.baselineCommit} (the main before the async store), with the plain \`ws\` server, interleaved in one run: ${r.rounds} rounds, the order reversed every other round, ${int(r.sockets)} sockets per side, ${r.stepSeconds} s per step after an unreported ${r.warmUpSeconds} s warm-up step on each side, ${r.questionsUsed} questions every Svar side answers with a bot turn; both Svar sides run as ${r.launcher}. Load average (1 / 5 / 15 min) at the start ${r.loadAverage.before.join(' / ')}, at the end ${r.loadAverage.after.join(' / ')}.`;
  const failed = r.baselineFailed
    ? `\n\n**${r.baselineCommit} did not run**: ${r.baselineFailed}. Only this checkout's ratio to the plain \`ws\` server in the same run is given.`
    : '';
  return `${head}${failed}

| asked/s | rounds both kept up | this checkout ÷ ${r.baselineCommit}: reply p50 / p95 / p99 | server CPU per reply | this checkout ÷ plain ws p50 / p99 | ${r.baselineCommit} ÷ plain ws p50 / p99 |
| --- | --- | --- | --- | --- | --- |
${r.ratios
  .map(
    (q) =>
      `| ${q.rate} | ${q.roundsCompared} of ${r.rounds} | ${x(q.currentVsBaseline.p50)} / ${x(q.currentVsBaseline.p95)} / ${x(q.currentVsBaseline.p99)} | ${x(q.currentVsBaseline.cpuPerReply)} | ${x(q.currentVsPlain.p50)} / ${x(q.currentVsPlain.p99)} | ${x(q.baselineVsPlain.p50)} / ${x(q.baselineVsPlain.p99)} |`,
  )
  .join('\n')}

Ratios are medians over the rounds of each round's ratio. The steps:

| round | server | asked/s | replies/s | reply ms p50 / p95 / p99 | server CPU ms per reply | load average (1 min) |
| --- | --- | --- | --- | --- | --- | --- |
${r.sides
  .flatMap((s) => s.steps.map((step) => ({ s, step })))
  .sort((a, b) => a.step.round - b.step.round || a.step.rate - b.step.rate)
  .map(
    ({ s, step }) =>
      `| ${step.round} | ${label(s.side)} | ${step.rate} | ${step.repliesPerSecond} | ${step.replyMs ? `${ms(step.replyMs.p50)} / ${ms(step.replyMs.p95)} / ${ms(step.replyMs.p99)}` : `failed: ${step.failed}`} | ${step.serverCpuMsPerReply?.toFixed(2) ?? '-'} | ${step.loadAverage1m} |`,
  )
  .join('\n')}
`;
}
