import { createHash } from 'node:crypto';
import type { ConnectionSlots } from '../ws/rate-limit.ts';
import type { Cluster } from './cluster.ts';

const DAY_MS = 24 * 60 * 60_000;

const RELEASE = `
local n = redis.call('HINCRBY', KEYS[1], ARGV[1], -1)
if n <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
return n
`;

/**
 * Open citizen connections per client address across the cluster: one hash per address (hashed: addresses
 * are personal data) with each node's count, summed over the nodes that are alive, so the connections of a
 * node that died stop counting as soon as presence drops it. A slot is taken first and given back when
 * over the limit, so two nodes admitting at once can refuse one too many, never admit one too many.
 */
export class SharedConnectionCounter implements ConnectionSlots {
  constructor(
    private readonly cluster: Cluster,
    private readonly max: number,
    /** The other nodes heard from lately (ClusterPresence.peers). */
    private readonly peers: () => readonly string[],
  ) {}

  async acquire(ip: string): Promise<boolean> {
    const key = this.key(ip);
    const node = this.cluster.nodeId;
    const replies = await this.cluster.redis
      .multi()
      .hincrby(key, node, 1)
      .pexpire(key, DAY_MS)
      .hgetall(key)
      .exec();
    const counts = (replies?.[2]?.[1] ?? {}) as Record<string, string>;
    const alive = new Set([node, ...this.peers()]);
    let open = 0;
    for (const [n, count] of Object.entries(counts)) if (alive.has(n)) open += Number(count);
    if (open <= this.max) return true;
    this.release(ip);
    return false;
  }

  release(ip: string): void {
    this.cluster.redis.eval(RELEASE, 1, this.key(ip), this.cluster.nodeId).catch(() => {
      // Redis unreachable: this node's count for the address is a day old at most, or dies with the node.
    });
  }

  private key(ip: string): string {
    return this.cluster.key(`conn:${createHash('sha256').update(ip).digest('hex').slice(0, 32)}`);
  }
}
