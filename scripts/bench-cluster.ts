/**
 * `npx tsx scripts/bench-cluster.ts [--cycles 10] [--messages 200]`: three server processes on a throwaway
 * PostgreSQL and Redis. Measures citizen→agent delivery across nodes (citizen on one node, agent on
 * another), then kills the citizen's node with SIGKILL mid-chat `cycles` times, resuming on another node and
 * counting acknowledged messages that did not survive. Not a test: timings on a shared machine are noisy.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from '../server/auth/password.ts';
import { startNode, writeClusterConfig, type Node } from '../server/cluster/test-support/nodes.ts';
import { openPostgresStore } from '../server/store/store.ts';
import { startPostgres } from '../server/test-support/postgres.ts';
import { startRedis } from '../server/test-support/redis.ts';
import { login, PASSWORD, TEST_SCRYPT } from '../server/test-support/test-app.ts';
import { TestSocket } from '../server/test-support/ws-client.ts';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: number): number => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const cycles = arg('--cycles', 10);
const messages = arg('--messages', 200);
const log = (line: string) => process.stderr.write(`${line}\n`);
const wsUrl = (n: Node, path: string) => `${n.url.replace('http', 'ws')}${path}`;

const dir = mkdtempSync(join(tmpdir(), 'svar-bench-cluster-'));
const [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
const env = {
  SVAR_CONFIG: writeClusterConfig(dir, (c) => {
    c.limits.agentMaxConcurrentChats = 50;
    c.limits.framesPerSecondPerConnection = 1000;
    c.limits.frameBurstPerConnection = 1000;
    c.limits.framesPerMinutePerIp = 100_000;
  }),
  SVAR_DATABASE_URL: pg.url,
  SVAR_REDIS_URL: redis.url,
  SVAR_SESSION_SECRET: 'cluster-bench-secret-0123456789abcdef',
};
const nodes: Node[] = [];
const start = (i: number) => startNode(`node${i + 1}`, { ...env, SVAR_DATA_DIR: join(dir, `node${i + 1}`) });
try {
  nodes.push(await start(0));
  nodes.push(...(await Promise.all([start(1), start(2)])));
  const store = await openPostgresStore(pg.url);
  await store.staff.create({
    username: 'kari',
    displayName: 'Kari',
    role: 'agent',
    passwordHash: await hashPassword(PASSWORD, TEST_SCRYPT),
    at: new Date().toISOString(),
  });
  // The agent stays on node 2 throughout; citizens use nodes 1 and 3, which are the ones killed.
  const agentNode = nodes[1]!;
  const { cookie } = await login(agentNode.url, 'kari');
  const kari = await TestSocket.open(wsUrl(agentNode, '/ws/staff'), { origin: agentNode.url, cookie });
  await kari.next('hello');

  const chat = async (n: Node) => {
    const c = await TestSocket.open(wsUrl(n, '/ws/citizen'), { origin: n.url });
    const welcome = await c.start();
    const id = welcome.conversationId as string;
    c.send({ type: 'human' });
    await c.next('queue', () => true, 30_000);
    kari.send({ type: 'claim', conversationId: id });
    await c.next('agent_joined', () => true, 30_000);
    return { c, id, token: welcome.resumeToken as string };
  };

  // Delivery, one message at a time: citizen and agent on the same node, then on different nodes (the
  // Redis hop), so the ratio within this run shows what the cluster adds.
  const deliver = async (n: Node, label: string) => {
    const x = await chat(n);
    const ms: number[] = [];
    for (let i = 0; i < messages; i++) {
      const text = `${label} ${i}`;
      const t0 = performance.now();
      x.c.send({ type: 'message', clientId: `${label}${i}`, text });
      await kari.next('message', (f) => f.conversationId === x.id && f.item.text === text, 30_000);
      ms.push(performance.now() - t0);
    }
    x.c.close();
    ms.sort((a, b) => a - b);
    const pct = (p: number) => ms[Math.min(ms.length - 1, Math.floor((p / 100) * ms.length))]!;
    log(
      `citizen→agent ${label}, ${messages} messages: p50 ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms`,
    );
    return { p50: pct(50), p99: pct(99) };
  };
  const sameNode = await deliver(agentNode, 'same-node');
  const acrossNodes = await deliver(nodes[0]!, 'across-nodes');

  // Kill cycles: the citizen's node dies mid-chat; the citizen resumes on the other citizen node.
  let lost = 0;
  let ackedTotal = 0;
  let citizenNode = 0;
  for (let cycle = 1; cycle <= cycles; cycle++) {
    const here = nodes[citizenNode]!;
    const { c, id, token } = await chat(here);
    const texts = Array.from({ length: 20 }, (_, i) => `syklus ${cycle} melding ${i}`);
    texts.forEach((text, i) => c.send({ type: 'message', clientId: `k${cycle}-${i}`, text }));
    // Half acknowledged, the rest in flight: the kill lands mid-chat.
    for (let i = 0; i < 10; i++) await c.next('ack', () => true, 30_000);
    await here.kill('SIGKILL');
    const acked = c.frames.filter((f) => f.type === 'ack').map((f) => f.messageId as number);
    ackedTotal += acked.length;
    const other = nodes[2 - citizenNode]!;
    const again = await TestSocket.open(wsUrl(other, '/ws/citizen'), { origin: other.url });
    const welcome = await again.start({ resumeToken: token });
    const held = new Set((welcome.history as { messageId: number }[]).map((h) => h.messageId));
    const missing = acked.filter((m) => !held.has(m)).length;
    lost += missing;
    again.close();
    log(`cycle ${cycle}: ${acked.length} of 20 acknowledged before the kill, ${missing} lost`);
    void id;
    nodes[citizenNode] = await start(citizenNode);
    citizenNode = 2 - citizenNode;
  }
  log(`kill -9 cycles: ${cycles}; acknowledged messages ${ackedTotal}; lost ${lost}`);
  kari.close();
  await store.close();
  process.stdout.write(
    `${JSON.stringify({ messages, sameNode, acrossNodes, killCycles: cycles, acknowledged: ackedTotal, lost })}\n`,
  );
} finally {
  await Promise.all(nodes.map((n) => n.kill('SIGKILL')));
  await Promise.all([pg.stop(), redis.stop()]);
  rmSync(dir, { recursive: true, force: true });
}
