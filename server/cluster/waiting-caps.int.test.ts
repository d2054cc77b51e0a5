import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../test-support/test-app.ts';
import { TestSocket } from '../test-support/ws-client.ts';
import { clusterMissing, TwoNodes } from './test-support/two-apps.ts';

const from = (ip: string) => ({ 'x-forwarded-for': ip });

/** A citizen on `node` from address `ip` who has started a chat. */
async function citizen(node: TestServer, ip: string): Promise<TestSocket> {
  const c = await TestSocket.open(node.citizenUrl, { origin: node.origin, headers: from(ip) });
  await c.start();
  return c;
}

async function queued(node: TestServer, ip: string): Promise<TestSocket> {
  const c = await citizen(node, ip);
  c.send({ type: 'human' });
  await c.next('queue');
  return c;
}

describe.skipIf(clusterMissing)('waiting and connection bounds across two nodes', () => {
  let nodes: TwoNodes;
  const open: TestSocket[] = [];
  beforeAll(async () => {
    nodes = await TwoNodes.start();
  });
  // The apps close the sockets they hold: closing them from here races the apps' shutdown.
  afterAll(async () => {
    await nodes?.stop();
  });

  /** A pair behind one trusted proxy, with someone on duty on each node. */
  async function pair(limits: { perIp?: number; total?: number; connections?: number }) {
    const p = await nodes.pair((c) => {
      c.server.trustProxy = 1;
      if (limits.perIp !== undefined) c.limits.maxWaitingPerIp = limits.perIp;
      if (limits.total !== undefined) c.limits.maxWaitingTotal = limits.total;
      if (limits.connections !== undefined) c.limits.maxConnectionsPerIp = limits.connections;
    });
    open.push(await p.a.agent('kari'), await p.b.agent('ola'));
    return p;
  }

  it('counts one address’s waiting chats on both nodes against one bound, and never refuses a crisis', async () => {
    const { a, b } = await pair({ perIp: 3 });
    const ip = '203.0.113.7';
    open.push(await queued(a, ip), await queued(b, ip), await queued(a, ip));
    const fourth = await citizen(b, ip);
    open.push(fourth);
    fourth.send({ type: 'human' });
    expect(await fourth.next('error')).toMatchObject({ code: 'queue_full' });
    // Another address still gets in on the same node.
    open.push(await queued(b, '203.0.113.8'));
    // A crisis from the full address is let past the bound.
    fourth.send({ type: 'message', clientId: 'crisis', text: 'handover:crisis:helse' });
    expect(await fourth.next('queue')).toMatchObject({ position: 1 });
  });

  it('gives a place back when a chat leaves the queue on the other node', async () => {
    const { a, b } = await pair({ perIp: 1 });
    const ip = '203.0.113.9';
    const first = await queued(a, ip);
    open.push(first);
    const second = await citizen(b, ip);
    open.push(second);
    second.send({ type: 'human' });
    expect(await second.next('error')).toMatchObject({ code: 'queue_full' });
    // The first citizen ends the chat on node A; node B now lets the second in.
    first.send({ type: 'end' });
    await first.next('closed');
    second.send({ type: 'human' });
    await second.next('queue');
  });

  it('holds the total waiting bound across nodes', async () => {
    const { a, b } = await pair({ total: 3 });
    open.push(
      await queued(a, '198.51.100.1'),
      await queued(b, '198.51.100.2'),
      await queued(a, '198.51.100.3'),
    );
    const fourth = await citizen(b, '198.51.100.4');
    open.push(fourth);
    fourth.send({ type: 'human' });
    expect(await fourth.next('error')).toMatchObject({ code: 'queue_full' });
    fourth.send({ type: 'message', clientId: 'crisis', text: 'handover:crisis:helse' });
    expect(await fourth.next('queue')).toMatchObject({ position: 1 });
  });

  it('holds the open connections per address across nodes', async () => {
    const { a, b } = await pair({ connections: 2 });
    const ip = '192.0.2.44';
    const one = await TestSocket.open(a.citizenUrl, { origin: a.origin, headers: from(ip) });
    const two = await TestSocket.open(b.citizenUrl, { origin: b.origin, headers: from(ip) });
    open.push(one, two);
    expect(await TestSocket.refusal(a.citizenUrl, { origin: a.origin, headers: from(ip) })).toBe(429);
    expect(await TestSocket.refusal(b.citizenUrl, { origin: b.origin, headers: from(ip) })).toBe(429);
    one.close();
    await one.closed;
    // The slot comes back once node A has released it.
    for (let i = 0; ; i++) {
      const status = await TestSocket.refusal(b.citizenUrl, { origin: b.origin, headers: from(ip) });
      if (status === 101) break;
      expect(i).toBeLessThan(50);
      await new Promise((r) => setTimeout(r, 50));
    }
  });
});
