import type { Config } from '../config/schema.ts';
import type { Notifier, RevokedSessions } from '../handover/notifier.ts';
import type { Logger } from '../log.ts';
import { Cluster, safeUrl } from './cluster.ts';
import { ClusterPresence } from './cluster-presence.ts';
import { ClusterVisitors } from './cluster-visitors.ts';
import { KnowledgeSync } from './knowledge-sync.ts';
import { announceRevoked, RedisNotifier } from './redis-notifier.ts';

export { Cluster } from './cluster.ts';
export { ClusterPresence } from './cluster-presence.ts';
export { ClusterVisitors } from './cluster-visitors.ts';
export { KnowledgeSync } from './knowledge-sync.ts';
export { RedisNotifier } from './redis-notifier.ts';
export { SharedConnectionCounter } from './shared-connections.ts';
export { SharedWaitingAddresses } from './shared-waiting-addresses.ts';

/** What one node of several shares with the others; absent when Svar runs on one node. */
export interface ClusterNode {
  cluster: Cluster;
  nodeId: string;
  notifier: Notifier;
  presence: ClusterPresence;
  /** Whose page is connected to which node, so a citizen on another node is not taken for gone. */
  visitors: ClusterVisitors;
  knowledge: KnowledgeSync;
  lease(name: string, ttlMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/** Joins the cluster when `config.redis.url` is set; `local` is this node's websocket hub. */
export async function joinCluster(
  config: Config['redis'],
  local: Notifier,
  log: Logger,
): Promise<ClusterNode | undefined> {
  const url = config.url;
  if (!url) return undefined;
  const cluster = await Cluster.connect({ ...config, url }, log);
  const notifier = await RedisNotifier.attach(local, cluster);
  const presence = await ClusterPresence.start(cluster);
  const visitors = await ClusterVisitors.start(cluster, () => presence.peers());
  const knowledge = await KnowledgeSync.start(cluster);
  log.info(`cluster: node ${cluster.nodeId} joined through Redis at ${safeUrl(url)}`);
  return {
    cluster,
    nodeId: cluster.nodeId,
    notifier,
    presence,
    visitors,
    knowledge,
    lease: (name, ttlMs) => cluster.lease(name, ttlMs),
    async close() {
      await visitors.stop();
      await presence.stop();
      await cluster.close();
    },
  };
}

/**
 * Tells the nodes that sessions ended, from a process that is no node (the staff CLI); nothing to do on one
 * node, whose sockets find the session gone at their next check.
 */
export async function announceSessionsRevoked(
  config: Config['redis'],
  revoked: RevokedSessions,
  log: Logger,
): Promise<void> {
  const url = config.url;
  if (!url) return;
  const cluster = await Cluster.connect({ ...config, url }, log);
  try {
    await announceRevoked(cluster, revoked);
  } finally {
    await cluster.close();
  }
}
