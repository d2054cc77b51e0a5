import { z } from 'zod';
import type { Cluster } from './cluster.ts';

const CHANNEL = 'knowledge';
const message = z.object({ from: z.string(), trigger: z.string().max(40) });

/**
 * Knowledge changed on one node (an editor saved, an admin reloaded): the others reload from the same
 * files. The files must be the same on every node (a shared volume or the same deployed checkout); this
 * carries the news, not the content.
 */
export class KnowledgeSync {
  private reload: ((trigger: string) => unknown) | undefined;

  private constructor(private readonly cluster: Cluster) {}

  static async start(cluster: Cluster): Promise<KnowledgeSync> {
    const sync = new KnowledgeSync(cluster);
    await cluster.subscribe(CHANNEL, message, (m) => {
      if (m.from !== cluster.nodeId) void sync.reload?.(`cluster:${m.trigger}`);
    });
    return sync;
  }

  /** What to run when another node reports a change (main.ts: the live environment's reload). */
  onChange(reload: (trigger: string) => unknown): void {
    this.reload = reload;
  }

  changed(trigger: string): void {
    this.cluster.publish(CHANNEL, { from: this.cluster.nodeId, trigger });
  }
}
