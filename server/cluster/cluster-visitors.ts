import { z } from 'zod';
import { mergeStatus, type VisitorsElsewhere } from '../handover/visitors.ts';
import type { VisitorStatus } from '../protocol.ts';
import type { Cluster } from './cluster.ts';

const CHANNEL = 'visitors';
const status = z.object({ online: z.boolean(), since: z.string().max(40) });
const message = z.object({
  node: z.string(),
  conversationId: z.string().max(100),
  status: status.nullable(),
});

/**
 * Whose page is connected to which node, for every node: each node publishes its own changes and keeps
 * them in a hash that expires unless renewed (so a node starting later reads them, and a dead node's go),
 * and every node mirrors the others'. Only nodes presence still hears from count, so a citizen whose node
 * died is taken for gone and their chat is watched by the survivors.
 */
export class ClusterVisitors implements VisitorsElsewhere {
  /** Conversation → node → that node's status, for the other nodes. */
  private readonly remote = new Map<string, Map<string, VisitorStatus>>();
  private renew: NodeJS.Timeout | undefined;
  private stopped = false;

  private constructor(
    private readonly cluster: Cluster,
    /** The other nodes heard from lately (ClusterPresence.peers). */
    private readonly peers: () => readonly string[],
  ) {}

  static async start(cluster: Cluster, peers: () => readonly string[]): Promise<ClusterVisitors> {
    const visitors = new ClusterVisitors(cluster, peers);
    await cluster.subscribe(CHANNEL, message, (m) => visitors.received(m));
    await visitors.readStored();
    visitors.renew = setInterval(() => visitors.heartbeat(), cluster.heartbeatMs);
    visitors.renew.unref();
    return visitors;
  }

  status(conversationId: string): VisitorStatus | undefined {
    const byNode = this.remote.get(conversationId);
    if (!byNode) return undefined;
    const alive = new Set(this.peers());
    let merged: VisitorStatus | undefined;
    for (const [node, s] of byNode) if (alive.has(node)) merged = mergeStatus(merged, s);
    return merged;
  }

  changed(conversationId: string, s: VisitorStatus | undefined): void {
    if (this.stopped) return;
    const key = this.ownKey();
    const write = this.cluster.redis.multi();
    if (s) write.hset(key, conversationId, JSON.stringify(s)).pexpire(key, this.cluster.nodeTimeoutMs);
    else write.hdel(key, conversationId);
    write.publish(
      this.cluster.key(CHANNEL),
      JSON.stringify({ node: this.cluster.nodeId, conversationId, status: s ?? null }),
    );
    write.exec().catch(() => {
      // Redis unreachable: the others find this node's pages again once it is back (readStored, messages).
    });
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.renew) clearInterval(this.renew);
    await this.cluster.redis.del(this.ownKey()).catch(() => {});
  }

  private ownKey(): string {
    return this.cluster.key(`${CHANNEL}:${this.cluster.nodeId}`);
  }

  private received(m: z.infer<typeof message>): void {
    if (m.node === this.cluster.nodeId) return;
    this.set(m.conversationId, m.node, m.status ?? undefined);
  }

  private set(conversationId: string, node: string, s: VisitorStatus | undefined): void {
    let byNode = this.remote.get(conversationId);
    if (s) {
      if (!byNode) this.remote.set(conversationId, (byNode = new Map()));
      byNode.set(node, s);
    } else if (byNode) {
      byNode.delete(node);
      if (byNode.size === 0) this.remote.delete(conversationId);
    }
  }

  /** Keeps this node's hash alive, and forgets what nodes no longer heard from had. */
  private heartbeat(): void {
    if (this.stopped) return;
    this.cluster.redis.pexpire(this.ownKey(), this.cluster.nodeTimeoutMs).catch(() => {});
    const alive = new Set(this.peers());
    for (const [conversationId, byNode] of this.remote) {
      for (const node of byNode.keys()) if (!alive.has(node)) byNode.delete(node);
      if (byNode.size === 0) this.remote.delete(conversationId);
    }
  }

  private async readStored(): Promise<void> {
    const prefix = this.cluster.key(`${CHANNEL}:`);
    let cursor = '0';
    do {
      const [next, keys] = await this.cluster.redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 200);
      cursor = next;
      for (const key of keys) {
        const node = key.slice(prefix.length);
        if (node === this.cluster.nodeId) continue;
        for (const [conversationId, text] of Object.entries(await this.cluster.redis.hgetall(key))) {
          try {
            const parsed = status.safeParse(JSON.parse(text));
            if (parsed.success) this.set(conversationId, node, parsed.data);
          } catch {
            // A damaged entry is skipped; its node rewrites it at its next change.
          }
        }
      }
    } while (cursor !== '0');
  }
}
