/**
 * The cluster part of `npm run bench` (issue 18): three server processes on one throwaway PostgreSQL and one
 * Redis, the load client in a process of its own (scripts/bench-cluster-client.ts). Citizens connect spread
 * over the nodes and agents hold their chats from other nodes, so every delivery crosses Redis. Measured:
 * delivery both ways at a steady rate, with the nodes' CPU and the load average; then kill -9 of a node
 * that holds citizens, again and again while citizens keep writing, counting acknowledged messages that the
 * database does not hold and how long the citizens took to resume elsewhere.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashPassword } from '../server/auth/password.ts';
import type {
  DeliveryStep,
  DeliveryStepResult,
  ResumeReport,
  TrafficReport,
} from '../server/bench/cluster-load.ts';
import { percentiles, type Percentiles } from '../server/bench/ws-load.ts';
import { startNode, writeClusterConfig, type Node } from '../server/cluster/test-support/nodes.ts';
import { openPostgresStore } from '../server/store/store.ts';
import { startPostgres } from '../server/test-support/postgres.ts';
import { startRedis } from '../server/test-support/redis.ts';
import { PASSWORD, TEST_SCRYPT } from '../server/test-support/test-app.ts';
import type { ClusterClientMessage } from './bench-cluster-client.ts';
import { ask, forkScript, onExit, processCpuMs, stopChild } from './bench-process.ts';
import { LOAD_CLIENT_LIMITS } from './bench-limits.ts';

export interface ClusterBenchOptions {
  citizens: number;
  agentsPerNode: number;
  chatsPerAgent: number;
  /** Messages a second in each delivery step and in the traffic during the kills. */
  rate: number;
  stepSeconds: number;
  killCycles: number;
  /** dist/server/main.js, as `npm start` runs it; false: the TypeScript source through tsx. */
  built: boolean;
  log?: (line: string) => void;
}

export interface ClusterDeliveryStep extends DeliveryStepResult {
  /** CPU of the three server processes per delivered message (not PostgreSQL's or Redis's). */
  nodesCpuMsPerMessage?: number;
  loadAverage1m: { before: number; after: number };
}

export interface KillCycle extends Omit<ResumeReport, 'resumeMs'> {
  node: number;
  resumeMs: Percentiles;
  /** From the kill until the node listened again (restarted once its citizens had resumed elsewhere). */
  restartMs: number;
}

export interface ClusterBenchResult {
  nodes: number;
  citizensConnected: number;
  agents: number;
  chats: number;
  rate: number;
  stepSeconds: number;
  warmUpSeconds: number;
  server: 'built' | 'source';
  loadAverage: { before: number[]; after: number[] };
  delivery: ClusterDeliveryStep[];
  kills: {
    cycles: KillCycle[];
    trafficRate: number;
    sent: number;
    acknowledged: number;
    /** Acknowledged messages the database does not hold at the end. */
    lost: number;
    /** Client ids stored more than once (a resend stored twice). */
    duplicates: number;
    unacknowledgedAtEnd: number;
    unexpectedCloses: number;
    resumeMs: Percentiles;
  };
}

const NODES = 3;
const WARM_UP_SECONDS = 3;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const round1 = (n: number) => Math.round(n * 10) / 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runClusterBench(o: ClusterBenchOptions): Promise<ClusterBenchResult> {
  const log = o.log ?? (() => {});
  const loadBefore = loadavg().map(round1);
  const dir = mkdtempSync(join(tmpdir(), 'svar-bench-cluster-'));
  const nodes: (Node | undefined)[] = [];
  const started: Promise<unknown>[] = [];
  let pg: Awaited<ReturnType<typeof startPostgres>> | undefined;
  let redis: Awaited<ReturnType<typeof startRedis>> | undefined;
  let store: Awaited<ReturnType<typeof openPostgresStore>> | undefined;
  let client: ReturnType<typeof forkScript> | undefined;
  const cleanup = onExit(async () => {
    if (client) await stopChild(client, 5_000);
    await Promise.allSettled(started);
    await Promise.all(nodes.map((n) => n?.kill('SIGKILL')));
    await store?.close().catch(() => {});
    await Promise.allSettled([pg?.stop(), redis?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });
  try {
    // What `npm start` would run: rebuilt first if any source file is newer than the build.
    if (o.built)
      execFileSync(process.execPath, ['scripts/build-server.mjs', '--if-stale'], {
        cwd: ROOT,
        stdio: 'inherit',
      });
    const services = [startPostgres(), startRedis()] as const;
    started.push(...services);
    [pg, redis] = await Promise.all(services);
    const env = {
      SVAR_CONFIG: writeClusterConfig(dir, (c) => {
        Object.assign(c.limits, {
          ...LOAD_CLIENT_LIMITS,
          loginAttemptsPer15Minutes: 10_000,
          agentMaxConcurrentChats: o.chatsPerAgent,
          staffFramesPerSecond: 1000,
          staffFrameBurst: 1000,
        });
      }),
      SVAR_DATABASE_URL: pg.url,
      SVAR_REDIS_URL: redis.url,
      SVAR_SESSION_SECRET: 'cluster-bench-secret-0123456789abcdef',
    };
    const start = async (i: number): Promise<Node> => {
      const p = startNode(
        `node${i + 1}`,
        { ...env, SVAR_DATA_DIR: join(dir, `node${i + 1}`) },
        { built: o.built },
      );
      started.push(p);
      const node = await p;
      nodes[i] = node;
      return node;
    };
    log(`  cluster: starting ${NODES} nodes (${o.built ? 'dist/server' : 'tsx'}) on PostgreSQL and Redis`);
    // The first node migrates the database; the others find it ready.
    await start(0);
    await Promise.all(Array.from({ length: NODES - 1 }, (_, i) => start(i + 1)));
    store = await openPostgresStore(pg.url);
    const passwordHash = await hashPassword(PASSWORD, TEST_SCRYPT);
    const agents = Array.from({ length: NODES * o.agentsPerNode }, (_, i) => ({
      username: `agent${i + 1}`,
      password: PASSWORD,
      node: i % NODES,
    }));
    for (const a of agents) {
      await store.staff.create({
        username: a.username,
        displayName: `Agent ${a.username.slice(5)}`,
        role: 'agent',
        passwordHash,
        at: new Date().toISOString(),
      });
    }

    client = forkScript('./bench-cluster-client.ts');
    const c = client;
    const urls = () => nodes.map((n) => n!.url);
    log(`  cluster: ${o.citizens} citizens and ${agents.length} agents connecting, chats handed over`);
    const { ready } = await ask<Extract<ClusterClientMessage, { ready: unknown }>>(c, {
      plan: { nodes: urls(), citizens: o.citizens, agents, chatsPerAgent: o.chatsPerAgent },
    });

    const delivery: ClusterDeliveryStep[] = [];
    for (const direction of ['citizen-to-agent', 'agent-to-citizen'] as const) {
      await sleep(1000);
      const step: DeliveryStep = { direction, rate: o.rate, seconds: o.stepSeconds };
      // A short run of the same traffic first, not reported: the first messages of a kind warm the code
      // paths and the database connections up.
      await ask(c, { step: { ...step, seconds: WARM_UP_SECONDS } });
      const cpu = () => nodes.reduce((sum, n) => sum + processCpuMs(n?.child.pid), 0);
      const load1 = loadavg()[0]!;
      const before = cpu();
      const { result } = await ask<Extract<ClusterClientMessage, { result: unknown }>>(c, { step });
      const used = cpu() - before;
      delivery.push({
        ...result,
        ...(result.delivered > 0
          ? { nodesCpuMsPerMessage: Math.round((used / result.delivered) * 1000) / 1000 }
          : {}),
        loadAverage1m: { before: round1(load1), after: round1(loadavg()[0]!) },
      });
      log(
        `  cluster ${direction}, ${o.rate}/s: ${result.failed ? `failed (${result.failed})` : `p50 ${result.deliveryMs?.p50} / p95 ${result.deliveryMs?.p95} / p99 ${result.deliveryMs?.p99} ms`}`,
      );
    }

    log(`  cluster: ${o.killCycles} kill -9 cycles while citizens write ${o.rate}/s`);
    await ask(c, { traffic: o.rate });
    const cycles: KillCycle[] = [];
    const allResumeMs: number[] = [];
    for (let cycle = 0; cycle < o.killCycles; cycle++) {
      // Every node in turn; each holds citizens (its own, or those that came over from the last kill).
      const victim = cycle % NODES;
      await sleep(2000);
      await ask(c, { nodeDown: victim });
      const killedAt = performance.now();
      await nodes[victim]!.kill('SIGKILL');
      const { resumed } = await ask<Extract<ClusterClientMessage, { resumed: unknown }>>(c, {
        resumedWithinMs: 60_000,
      });
      // Restarted once its citizens are elsewhere: a node starting takes both cores here for seconds, which
      // would be measured as the others' resume time.
      const node = await start(victim);
      const restartMs = Math.round(performance.now() - killedAt);
      await ask(c, { nodeUp: victim, url: node.url });
      allResumeMs.push(...resumed.resumeMs);
      const { resumeMs, ...rest } = resumed;
      cycles.push({ node: victim + 1, ...rest, resumeMs: percentiles(resumeMs), restartMs });
      log(
        `  cycle ${cycle + 1}: node ${victim + 1} killed, ${resumed.citizens} citizens and ${resumed.agents} agents moved, resume p50 ${percentiles(resumeMs).p50} / max ${percentiles(resumeMs).max} ms, ${resumed.notResumed} not resumed, ${resumed.lostAtResume} acknowledged missing at resume`,
      );
    }
    const { traffic } = await ask<Extract<ClusterClientMessage, { traffic: TrafficReport }>>(c, {
      stopTraffic: 30_000,
    });
    const { lost, duplicates } = await checkStored(store, traffic);
    log(
      `  cluster: ${traffic.acknowledged} acknowledged during the kills, ${lost} lost, ${duplicates} stored twice`,
    );

    return {
      nodes: NODES,
      citizensConnected: ready.citizens,
      agents: ready.agents,
      chats: ready.chats,
      rate: o.rate,
      stepSeconds: o.stepSeconds,
      warmUpSeconds: WARM_UP_SECONDS,
      server: o.built ? 'built' : 'source',
      loadAverage: { before: loadBefore, after: loadavg().map(round1) },
      delivery,
      kills: {
        cycles,
        trafficRate: o.rate,
        sent: traffic.sent,
        acknowledged: traffic.acknowledged,
        lost,
        duplicates,
        unacknowledgedAtEnd: traffic.unacknowledged,
        unexpectedCloses: traffic.unexpectedCloses,
        resumeMs: percentiles(allResumeMs),
      },
    };
  } finally {
    await cleanup();
  }
}

/** Every acknowledged message against what PostgreSQL holds, and every client id stored at most once. */
async function checkStored(
  store: Awaited<ReturnType<typeof openPostgresStore>>,
  traffic: TrafficReport,
): Promise<{ lost: number; duplicates: number }> {
  let lost = 0;
  let duplicates = 0;
  for (const [conversationId, acked] of Object.entries(traffic.acked)) {
    const stored = await store.messages.list(conversationId);
    const ids = new Set(stored.map((m) => Number(m.id)));
    lost += acked.filter((id) => !ids.has(id)).length;
    const sent = new Set(traffic.clientIds[conversationId]);
    const seen = new Map<string, number>();
    for (const m of stored)
      if (m.clientId && sent.has(m.clientId)) seen.set(m.clientId, (seen.get(m.clientId) ?? 0) + 1);
    for (const n of seen.values()) if (n > 1) duplicates += n - 1;
  }
  return { lost, duplicates };
}
