/**
 * Three real server processes (server/main.ts) on one PostgreSQL and one Redis, each started here in a
 * temp folder on a loopback port: what issue 18 asks of "several nodes". `npm run test:cluster` runs it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/password.ts';
import { openPostgresStore, type Store } from '../store/store.ts';
import { postgresMissing, startPostgres, type TestPostgres } from '../test-support/postgres.ts';
import { login, PASSWORD, TEST_SCRYPT } from '../test-support/test-app.ts';
import { redisMissing, startRedis, type TestRedis } from '../test-support/redis.ts';
import { TestSocket } from '../test-support/ws-client.ts';
import { startNode, writeClusterConfig, type Node } from './test-support/nodes.ts';

const missing = redisMissing ?? postgresMissing();
if (missing) console.warn(`cluster tests ${missing}`);

describe.skipIf(missing)('three nodes on one PostgreSQL and one Redis', () => {
  let dir: string;
  let pg: TestPostgres;
  let redis: TestRedis;
  let store: Store;
  let env: Record<string, string>;
  const nodes: Node[] = [];
  const sockets: TestSocket[] = [];

  const node = (i: number): Node => nodes[i]!;
  const ws = (n: Node, path: string) => `${n.url.replace('http', 'ws')}${path}`;

  async function agent(n: Node, username: string): Promise<TestSocket> {
    const { cookie } = await login(n.url, username);
    const s = await TestSocket.open(ws(n, '/ws/staff'), { origin: n.url, cookie });
    sockets.push(s);
    await s.next('hello');
    return s;
  }

  async function citizen(n: Node, start: Record<string, unknown> = {}) {
    const c = await TestSocket.open(ws(n, '/ws/citizen'), { origin: n.url });
    sockets.push(c);
    const welcome = await c.start(start);
    return { c, id: welcome.conversationId as string, token: welcome.resumeToken as string, welcome };
  }

  /** A citizen asking for a person; the queue frame means the node saw an agent online somewhere. */
  async function waiting(n: Node) {
    const x = await citizen(n);
    x.c.send({ type: 'human' });
    await x.c.next('queue', () => true, 15_000);
    return x;
  }

  /** Until `n` counts `count` agents online (presence travels through Redis). */
  async function seesOnline(n: Node, cookie: string, count: number): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const res = await fetch(`${n.url}/api/staff/health`, { headers: { cookie } });
      const body = (await res.json()) as { agentsOnline?: number };
      if ((body.agentsOnline ?? 0) >= count) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${n.name} never saw ${count} agents online`);
  }

  /** The claim's outcome as the console sees it: assigned, or an error naming the conversation. */
  async function claimOutcome(s: TestSocket, id: string): Promise<'won' | 'lost'> {
    const from = s.frames.length;
    s.send({ type: 'claim', conversationId: id });
    for (let i = 0; i < 300; i++) {
      for (const f of s.frames.slice(from)) {
        if (f.type === 'assigned' && f.conversation.conversationId === id) return 'won';
        if (f.type === 'error' && f.conversationId === id) return 'lost';
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no answer to the claim of ${id}: ${JSON.stringify(s.frames.slice(from))}`);
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'svar-cluster-'));
    [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
    env = {
      SVAR_CONFIG: writeClusterConfig(dir, (c) => {
        c.limits.agentMaxConcurrentChats = 2;
        c.limits.staffQueueUpdateMs = 0;
        // The first retention run comes soon after start, so the test of it need not wait a minute.
        c.retention.firstRunSeconds = 10;
      }),
      SVAR_DATABASE_URL: pg.url,
      SVAR_REDIS_URL: redis.url,
      // Every node must sign CSRF tokens alike, whichever one a console lands on.
      SVAR_SESSION_SECRET: 'cluster-test-secret-0123456789abcdef',
    };
    // The first node migrates the database; the others find it ready.
    nodes.push(await startNode('node1', { ...env, SVAR_DATA_DIR: join(dir, 'node1') }));
    nodes.push(
      ...(await Promise.all(
        ['node2', 'node3'].map((name) => startNode(name, { ...env, SVAR_DATA_DIR: join(dir, name) })),
      )),
    );
    store = await openPostgresStore(pg.url);
    const passwordHash = await hashPassword(PASSWORD, TEST_SCRYPT);
    for (const username of ['kari', 'ola', 'per']) {
      await store.staff.create({
        username,
        displayName: username[0]!.toUpperCase() + username.slice(1),
        role: 'agent',
        passwordHash,
        at: new Date().toISOString(),
      });
    }
  }, 300_000);

  afterAll(async () => {
    for (const s of sockets) s.close();
    await Promise.all(nodes.map((n) => n.kill('SIGKILL')));
    await store?.close();
    await Promise.all([pg?.stop(), redis?.stop()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('lets a citizen on node 1 and an agent on node 2 talk live, both ways', async () => {
    const kari = await agent(node(1), 'kari');
    const { cookie } = await login(node(0).url, 'kari');
    await seesOnline(node(0), cookie, 1);
    const { c, id } = await waiting(node(0));
    // The queue reached node 2's console through Redis.
    await kari.next('queue', (f) => f.items.some((i: { conversationId: string }) => i.conversationId === id));
    expect(await claimOutcome(kari, id)).toBe('won');
    await c.next('agent_joined');

    kari.send({ type: 'send', conversationId: id, clientId: 'k1', text: 'Hei, dette er Kari.' });
    const fromAgent = await c.next('agent');
    expect(fromAgent.text).toBe('Hei, dette er Kari.');

    c.send({ type: 'message', clientId: 'c1', text: 'Takk, jeg lurer på byggesaken min.' });
    const toAgent = await kari.next('message', (f) => f.conversationId === id);
    expect(toAgent.item.text).toContain('byggesaken');

    kari.send({ type: 'typing', conversationId: id, active: true });
    expect((await c.next('typing')).active).toBe(true);
  }, 60_000);

  it('leaves exactly one winner when agents on two nodes claim the same chat at once', async () => {
    const ola = await agent(node(0), 'ola');
    const per = await agent(node(2), 'per');
    const { id } = await waiting(node(2));
    const outcomes = await Promise.all([claimOutcome(ola, id), claimOutcome(per, id)]);
    expect(outcomes.sort()).toEqual(['lost', 'won']);
    const stored = await store.conversations.get(id);
    expect(stored?.state).toBe('assigned');
  }, 60_000);

  it('holds the chat limit for one agent claiming from consoles on two nodes', async () => {
    const onNode1 = await agent(node(0), 'per');
    const onNode3 = await agent(node(2), 'per');
    const perId = (await store.staff.credentials('per'))!.id;
    const before = await store.conversations.countAssignedTo(perId);
    const free = 2 - before;
    const chats = await Promise.all([waiting(node(0)), waiting(node(1)), waiting(node(2)), waiting(node(1))]);
    const outcomes = await Promise.all(
      chats.map((x, i) => claimOutcome(i % 2 === 0 ? onNode1 : onNode3, x.id)),
    );
    expect(outcomes.filter((o) => o === 'won')).toHaveLength(free);
    expect(await store.conversations.countAssignedTo(perId)).toBe(2);
  }, 90_000);

  it('loses no acknowledged message when the citizen’s node is killed mid-chat', async () => {
    const kari = await agent(node(1), 'kari');
    const { c, id, token } = await waiting(node(0));
    expect(await claimOutcome(kari, id)).toBe('won');
    await c.next('agent_joined');

    const acked = new Map<string, number>();
    const texts = Array.from({ length: 6 }, (_, i) => `melding ${i + 1} før krasjet`);
    texts.forEach((text, i) => c.send({ type: 'message', clientId: `m${i}`, text }));
    // Kill once half are acknowledged, with the rest in flight.
    for (let i = 0; i < 3; i++) await c.next('ack');
    await node(0).kill('SIGKILL');
    for (const f of c.frames) if (f.type === 'ack') acked.set(f.clientId as string, f.messageId as number);

    // The widget reconnects elsewhere with its resume token and resends what was never acknowledged.
    const again = await citizen(node(2), { resumeToken: token });
    expect(again.id).toBe(id);
    const stored = new Set((again.welcome.history as { messageId: number }[]).map((h) => h.messageId));
    for (const messageId of acked.values()) expect(stored).toContain(messageId);
    texts.forEach((text, i) => {
      if (!acked.has(`m${i}`)) again.c.send({ type: 'message', clientId: `m${i}`, text });
    });
    // The chat goes on live: node 3 → Redis → the agent's console on node 2.
    again.c.send({ type: 'message', clientId: 'after', text: 'Er du der fortsatt?' });
    await kari.next(
      'message',
      (f) => f.conversationId === id && f.item.text === 'Er du der fortsatt?',
      15_000,
    );
    kari.send({ type: 'send', conversationId: id, clientId: 'k2', text: 'Ja, jeg er her.' });
    expect((await again.c.next('agent', () => true, 15_000)).text).toBe('Ja, jeg er her.');
    const all = (await store.messages.list(id)).map((m) => m.text);
    for (const text of texts) expect(all.filter((t) => t === text)).toHaveLength(1);
  }, 90_000);

  it('runs the retention job on one node only', async () => {
    // Each node's first run is a few seconds after it started (retention.firstRunSeconds); the lease lets
    // one of them go ahead.
    await Promise.all(
      nodes.slice(1).map((n) => n.waitForLog(/retention: cleared|retention: another node/, 60_000)),
    );
    const runs = nodes.flatMap((n) => n.log.filter((l) => l.includes('retention: cleared')));
    expect(runs).toHaveLength(1);
  }, 90_000);
});
