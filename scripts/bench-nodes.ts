/**
 * Svar as N processes for `npm run bench`'s rate steps (issue 22: both cores of one machine): N nodes of
 * server/main.ts on one throwaway PostgreSQL and one Redis, the deployment README's "several nodes" section
 * describes, with the bench settings. The load client spreads its sockets over the nodes. CPU is counted
 * for the nodes and, apart, for PostgreSQL and Redis (every process they started), from /proc.
 */
import { readdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNode, writeClusterConfig, type Node } from '../server/cluster/test-support/nodes.ts';
import { startPostgres } from '../server/test-support/postgres.ts';
import { startRedis } from '../server/test-support/redis.ts';
import { onExit, processCpuMs } from './bench-process.ts';
import { LOAD_CLIENT_LIMITS } from './bench-limits.ts';

export interface NodesServer {
  urls: string[];
  /** CPU milliseconds of the Svar processes so far. */
  cpuMs(): number;
  /** CPU milliseconds of PostgreSQL's and Redis's processes so far. */
  servicesCpuMs(): number;
  stop(): Promise<void>;
}

/** Every process below `root` (parent ids from /proc), with `root`. */
function tree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // Gone between the listing and the read.
    }
  }
  const out: number[] = [];
  const walk = (pid: number): void => {
    out.push(pid);
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(root);
  return out;
}

export async function startNodes(count: number): Promise<NodesServer> {
  const dir = mkdtempSync(join(tmpdir(), 'svar-bench-nodes-'));
  const nodes: Node[] = [];
  const services: { stop(): Promise<void> }[] = [];
  const cleanup = onExit(async () => {
    await Promise.all(nodes.map((n) => n.kill('SIGKILL')));
    await Promise.allSettled(services.map((s) => s.stop()));
    rmSync(dir, { recursive: true, force: true });
  });
  // PostgreSQL and Redis are this process's children; everything else it starts is a Svar node or a client.
  const before = new Set(tree(process.pid));
  try {
    const [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
    services.push(pg, redis);
    const servicePids = tree(process.pid).filter((p) => !before.has(p));
    const env = {
      SVAR_CONFIG: writeClusterConfig(dir, (c) => {
        Object.assign(c.limits, LOAD_CLIENT_LIMITS);
      }),
      SVAR_DATABASE_URL: pg.url,
      SVAR_REDIS_URL: redis.url,
      SVAR_SESSION_SECRET: 'bench-nodes-secret-0123456789abcdef',
    };
    const start = async (i: number) => {
      nodes[i] = await startNode(`node${i + 1}`, { ...env, SVAR_DATA_DIR: join(dir, `node${i + 1}`) });
    };
    // The first node migrates the database; the others find it ready.
    await start(0);
    await Promise.all(Array.from({ length: count - 1 }, (_, i) => start(i + 1)));
    // PostgreSQL starts a backend per connection: counted by walking its tree at each reading.
    const serviceRoots = servicePids.filter((p) => !servicePids.includes(parentOf(p)));
    return {
      urls: nodes.map((n) => n.url),
      cpuMs: () => nodes.reduce((sum, n) => sum + processCpuMs(n.child.pid), 0),
      servicesCpuMs: () => serviceRoots.flatMap(tree).reduce((sum, pid) => sum + processCpuMs(pid), 0),
      stop: cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

function parentOf(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]);
  } catch {
    return -1;
  }
}
