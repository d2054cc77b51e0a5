import { z } from 'zod';
import { PresenceRegistry } from '../handover/presence.ts';
import type { Presence } from '../protocol.ts';
import type { Cluster } from './cluster.ts';

const CHANNEL = 'presence';

const agentsSchema = z.array(
  z.object({ id: z.int(), firstName: z.string(), presence: z.enum(['online', 'away', 'offline']) }),
);
const snapshotSchema = z.object({ node: z.string(), agents: agentsSchema, gone: z.boolean().optional() });
type Agents = z.infer<typeof agentsSchema>;

interface Remote {
  agents: Agents;
  seenAt: number;
}

/**
 * Who is on duty across the cluster. Each node keeps its own agents (the in-memory registry it extends)
 * and publishes them as a snapshot on every change and every heartbeat, also stored under a key that
 * expires, so a node that starts later reads who is there. A node not heard from for `nodeTimeoutMs`
 * (killed, cut off) is dropped, and `onPeerGone` lets the survivors take over its timers.
 */
export class ClusterPresence extends PresenceRegistry {
  private readonly remote = new Map<string, Remote>();
  private heartbeat: NodeJS.Timeout | undefined;
  private publishQueued = false;
  private stopped = false;

  private constructor(
    private readonly cluster: Cluster,
    private readonly hooks: { onPeerGone?: (nodeId: string) => void; onChange?: () => void },
  ) {
    super();
  }

  static async start(
    cluster: Cluster,
    hooks: { onPeerGone?: (nodeId: string) => void; onChange?: () => void } = {},
  ): Promise<ClusterPresence> {
    const presence = new ClusterPresence(cluster, hooks);
    await cluster.subscribe(CHANNEL, snapshotSchema, (m) => presence.received(m));
    await presence.readStored();
    await presence.publish();
    presence.heartbeat = setInterval(() => {
      presence.sweep();
      void presence.publish();
    }, cluster.heartbeatMs);
    presence.heartbeat.unref();
    return presence;
  }

  /** Set by the app once the handover service exists (it needs this registry first). */
  setHooks(hooks: { onPeerGone?: (nodeId: string) => void; onChange?: () => void }): void {
    Object.assign(this.hooks, hooks);
  }

  override connect(agentId: number, firstName: string): void {
    super.connect(agentId, firstName);
    this.publishSoon();
  }
  override disconnect(agentId: number): boolean {
    const last = super.disconnect(agentId);
    this.publishSoon();
    return last;
  }
  override setStatus(agentId: number, status: 'online' | 'away'): void {
    super.setStatus(agentId, status);
    this.publishSoon();
  }

  /** Online on any node wins over away; offline only when no node has the agent. */
  override of(agentId: number): Presence {
    let best: Presence = super.of(agentId);
    for (const agents of this.remoteAgents()) {
      const a = agents.find((x) => x.id === agentId);
      if (a && (best === 'offline' || a.presence === 'online')) best = a.presence;
    }
    return best;
  }

  override isConnected(agentId: number): boolean {
    return this.of(agentId) !== 'offline';
  }

  override onlineCount(): number {
    return this.list().filter((a) => a.presence === 'online').length;
  }

  override list(): { id: number; firstName: string; presence: Presence }[] {
    const merged = new Map<number, { id: number; firstName: string; presence: Presence }>();
    for (const agents of [super.list(), ...this.remoteAgents()]) {
      for (const a of agents) {
        const seen = merged.get(a.id);
        if (!seen || a.presence === 'online') merged.set(a.id, { ...a });
      }
    }
    return [...merged.values()];
  }

  /** Nodes heard from within the timeout, this one excluded. */
  peers(): string[] {
    this.sweep();
    return [...this.remote.keys()];
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    // Leaving cleanly: the others drop this node's agents now instead of after the timeout.
    try {
      await this.cluster.redis.del(this.cluster.key(`${CHANNEL}:${this.cluster.nodeId}`));
      await this.cluster.redis.publish(
        this.cluster.key(CHANNEL),
        JSON.stringify({ node: this.cluster.nodeId, agents: [], gone: true }),
      );
    } catch {
      // Redis is gone too; the key expires by itself.
    }
  }

  private *remoteAgents(): Iterable<Agents> {
    const cutoff = Date.now() - this.cluster.nodeTimeoutMs;
    for (const r of this.remote.values()) if (r.seenAt >= cutoff) yield r.agents;
  }

  private received(m: z.infer<typeof snapshotSchema>): void {
    if (m.node === this.cluster.nodeId) return;
    if (m.gone) {
      if (this.remote.delete(m.node)) this.hooks.onChange?.();
      return;
    }
    const before = JSON.stringify(this.remote.get(m.node)?.agents ?? []);
    this.remote.set(m.node, { agents: m.agents, seenAt: Date.now() });
    if (before !== JSON.stringify(m.agents)) this.hooks.onChange?.();
  }

  private sweep(): void {
    const cutoff = Date.now() - this.cluster.nodeTimeoutMs;
    for (const [node, r] of this.remote) {
      if (r.seenAt >= cutoff) continue;
      this.remote.delete(node);
      this.hooks.onPeerGone?.(node);
      this.hooks.onChange?.();
    }
  }

  private async readStored(): Promise<void> {
    // SCAN, not KEYS: Redis may hold much else (sessions of other apps) and KEYS blocks it while it looks.
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await this.cluster.redis.scan(
        cursor,
        'MATCH',
        this.cluster.key(`${CHANNEL}:*`),
        'COUNT',
        200,
      );
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
    if (keys.length === 0) return;
    const values = await this.cluster.redis.mget(...keys);
    values.forEach((text) => {
      if (!text) return;
      try {
        const parsed = snapshotSchema.safeParse(JSON.parse(text));
        if (parsed.success && parsed.data.node !== this.cluster.nodeId)
          this.remote.set(parsed.data.node, { agents: parsed.data.agents, seenAt: Date.now() });
      } catch {
        // A damaged key is skipped; it expires within the node timeout.
      }
    });
  }

  private publishSoon(): void {
    if (this.publishQueued) return;
    this.publishQueued = true;
    queueMicrotask(() => {
      this.publishQueued = false;
      void this.publish();
    });
  }

  private async publish(): Promise<void> {
    if (this.stopped) return;
    const snapshot = JSON.stringify({ node: this.cluster.nodeId, agents: super.list() });
    try {
      await this.cluster.redis.set(
        this.cluster.key(`${CHANNEL}:${this.cluster.nodeId}`),
        snapshot,
        'PX',
        this.cluster.nodeTimeoutMs,
      );
      await this.cluster.redis.publish(this.cluster.key(CHANNEL), snapshot);
    } catch {
      // Redis unreachable: the next heartbeat tries again; ioredis logs the connection error.
    }
  }
}
