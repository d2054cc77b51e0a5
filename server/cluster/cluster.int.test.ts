import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import type { Logger } from '../log.ts';
import { startRetentionJob } from '../privacy/retention-job.ts';
import { openStore } from '../store/store.ts';
import { FakeClock } from '../test-support/fake-clock.ts';
import { redisMissing, startRedis, type TestRedis } from '../test-support/redis.ts';
import { Hub } from '../ws/hub.ts';
import { createLimiters, take } from '../ws/rate-limit.ts';
import { joinCluster, type ClusterNode } from './index.ts';

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };

function redisConfig(url: string, prefix: string): Config['redis'] {
  return { url, keyPrefix: prefix, heartbeatSeconds: 0.2, nodeTimeoutSeconds: 1 };
}

/** A websocket stand-in that records what one node delivered to it. */
function sink(): { send(data: string): void; got: unknown[] } {
  const got: unknown[] = [];
  return { send: (data) => got.push(JSON.parse(data)), got };
}

describe.skipIf(redisMissing)('several nodes over a real Redis', () => {
  let redis: TestRedis;
  const nodes: ClusterNode[] = [];
  let n = 0;

  const node = async (prefix: string, hub = new Hub()): Promise<{ node: ClusterNode; hub: Hub }> => {
    const joined = await joinCluster(redisConfig(redis.url, prefix), hub, quiet);
    if (!joined) throw new Error('no cluster');
    nodes.push(joined);
    return { node: joined, hub };
  };
  const prefix = () => `t${++n}:`;

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const x of nodes) await x.close();
    await redis?.stop();
  });

  it('delivers a frame sent on one node to the sockets of another, once each', async () => {
    const p = prefix();
    const a = await node(p);
    const b = await node(p);
    const onA = sink();
    const onB = sink();
    a.hub.joinCitizen('c1', onA);
    b.hub.joinCitizen('c1', onB);
    const staffB = sink();
    b.hub.joinStaff(7, staffB);

    a.node.notifier.citizen('c1', { type: 'typing', from: 'agent', active: true });
    a.node.notifier.agent(7, { type: 'tickets_changed', open: 3 });
    a.node.notifier.allStaff({ type: 'tickets_changed', open: 4 });

    await vi.waitFor(() => expect(staffB.got).toHaveLength(2), { timeout: 5000 });
    await vi.waitFor(() => expect(onB.got).toHaveLength(1), { timeout: 5000 });
    expect(onA.got).toEqual([{ type: 'typing', from: 'agent', active: true }]);
    expect(onB.got).toEqual(onA.got);
    expect(staffB.got).toEqual([
      { type: 'tickets_changed', open: 3 },
      { type: 'tickets_changed', open: 4 },
    ]);
  });

  it('shows an agent connected to node A as online on node B, and offline once they leave', async () => {
    const p = prefix();
    const a = await node(p);
    const b = await node(p);
    expect(b.node.presence.of(5)).toBe('offline');
    a.node.presence.connect(5, 'Kari');
    await vi.waitFor(() => expect(b.node.presence.of(5)).toBe('online'), { timeout: 5000 });
    expect(b.node.presence.onlineCount()).toBe(1);
    expect(b.node.presence.list()).toEqual([{ id: 5, firstName: 'Kari', presence: 'online' }]);

    a.node.presence.setStatus(5, 'away');
    await vi.waitFor(() => expect(b.node.presence.of(5)).toBe('away'), { timeout: 5000 });
    expect(b.node.presence.onlineCount()).toBe(0);

    // A node that starts later reads who is already there.
    const c = await node(p);
    expect(c.node.presence.of(5)).toBe('away');

    expect(a.node.presence.disconnect(5)).toBe(true);
    await vi.waitFor(() => expect(b.node.presence.of(5)).toBe('offline'), { timeout: 5000 });
  });

  it('drops a node that stops heartbeating and says so, so survivors take over its timers', async () => {
    const p = prefix();
    const a = await node(p);
    const b = await node(p);
    const gone: string[] = [];
    b.node.presence.setHooks({ onPeerGone: (id) => gone.push(id) });
    a.node.presence.connect(9, 'Ola');
    await vi.waitFor(() => expect(b.node.presence.of(9)).toBe('online'), { timeout: 5000 });
    // As kill -9 would: the connections drop with no goodbye.
    a.node.cluster.redis.disconnect();
    await vi.waitFor(() => expect(gone).toEqual([a.node.nodeId]), { timeout: 10_000 });
    expect(b.node.presence.of(9)).toBe('offline');
  });

  it('tells the other nodes to reload knowledge, not the one that changed it', async () => {
    const p = prefix();
    const [a, b, c] = await Promise.all([node(p), node(p), node(p)]);
    const reloads: string[] = [];
    a.node.knowledge.onChange((t) => reloads.push(`a ${t}`));
    b.node.knowledge.onChange((t) => reloads.push(`b ${t}`));
    c.node.knowledge.onChange((t) => reloads.push(`c ${t}`));
    a.node.knowledge.changed('editor');
    await vi.waitFor(() => expect(reloads.sort()).toEqual(['b cluster:editor', 'c cluster:editor']), {
      timeout: 5000,
    });
  });

  it('gives a lease to exactly one of several nodes asking at once', async () => {
    const p = prefix();
    const all = await Promise.all([node(p), node(p), node(p)]);
    const won = await Promise.all(all.map((x) => x.node.lease('wait:c9', 60_000)));
    expect(won.filter(Boolean)).toHaveLength(1);
  });

  it('holds a per-address limit across nodes', async () => {
    const p = prefix();
    const a = await node(p);
    const b = await node(p);
    const limits = loadConfig({ env: {} }).limits;
    const onA = createLimiters({ ...limits, framesPerMinutePerIp: 4 }, a.node.cluster);
    const onB = createLimiters({ ...limits, framesPerMinutePerIp: 4 }, b.node.cluster);
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await take(i % 2 ? onB.ipFrames : onA.ipFrames, '192.0.2.1'));
    expect(results).toEqual([true, true, true, true, false, false]);
  });

  it('runs the retention job on one node of three', async () => {
    const p = prefix();
    const dir = mkdtempSync(join(tmpdir(), 'svar-retention-'));
    const store = openStore(join(dir, 'svar.db'));
    const clock = new FakeClock('2026-03-02T10:00:00Z');
    const runs: string[] = [];
    const log: Logger = { ...quiet, info: (m) => void runs.push(m) };
    try {
      const all = await Promise.all([node(p), node(p), node(p)]);
      const jobs = all.map((x) =>
        startRetentionJob({
          store,
          retention: { conversationTextDays: 30, eventsDays: 365 },
          clock,
          log,
          lease: x.node.lease,
          firstRunMs: 1000,
        }),
      );
      clock.advance(1000);
      await vi.waitFor(() => expect(runs.filter((m) => m.startsWith('retention: cleared'))).toHaveLength(1), {
        timeout: 5000,
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(runs.filter((m) => m.startsWith('retention: cleared'))).toHaveLength(1);
      for (const j of jobs) j.stop();
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
