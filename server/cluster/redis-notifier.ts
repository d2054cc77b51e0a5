import { z } from 'zod';
import type { Notifier, RevokedSessions } from '../handover/notifier.ts';
import type { CitizenServerFrame, StaffServerFrame } from '../protocol.ts';
import type { Cluster } from './cluster.ts';

const CHANNEL = 'frames';

/** Frames were validated before they were sent by a node of the same version; only the envelope is checked. */
const envelope = z.discriminatedUnion('to', [
  z.object({
    from: z.string(),
    to: z.literal('citizen'),
    id: z.string(),
    frame: z.record(z.string(), z.unknown()),
  }),
  z.object({
    from: z.string(),
    to: z.literal('agent'),
    id: z.int(),
    frame: z.record(z.string(), z.unknown()),
  }),
  z.object({ from: z.string(), to: z.literal('staff'), frame: z.record(z.string(), z.unknown()) }),
  z.object({
    from: z.string(),
    to: z.literal('sessions'),
    revoked: z.union([
      z.strictObject({ tokenHash: z.string().regex(/^[0-9a-f]{16,128}$/) }),
      z.strictObject({
        staffId: z.int(),
        exceptTokenHash: z
          .string()
          .regex(/^[0-9a-f]{16,128}$/)
          .optional(),
      }),
    ]),
  }),
]);

/**
 * For a process that is not a node (the staff CLI disabling an account): tells every node that sessions
 * ended, so their sockets close now rather than at their next session check.
 */
export async function announceRevoked(cluster: Cluster, revoked: RevokedSessions): Promise<void> {
  const message = { from: cluster.nodeId, to: 'sessions', revoked };
  await cluster.redis.publish(cluster.key(CHANNEL), JSON.stringify(message));
}

/**
 * The socket.io adapter pattern behind the Notifier seam: a frame goes to this node's sockets at once and
 * is published for the other nodes, each of which delivers it to its own sockets. Redis pub/sub keeps the
 * order of one publisher's messages, so a conversation's frames arrive in the order they were sent.
 */
export class RedisNotifier implements Notifier {
  private constructor(
    private readonly local: Notifier,
    private readonly cluster: Cluster,
  ) {}

  static async attach(local: Notifier, cluster: Cluster): Promise<RedisNotifier> {
    const notifier = new RedisNotifier(local, cluster);
    await cluster.subscribe(CHANNEL, envelope, (m) => {
      if (m.from === cluster.nodeId) return;
      if (m.to === 'citizen') local.citizen(m.id, m.frame as unknown as CitizenServerFrame);
      else if (m.to === 'agent') local.agent(m.id, m.frame as unknown as StaffServerFrame);
      else if (m.to === 'staff') local.allStaff(m.frame as unknown as StaffServerFrame);
      else local.sessionRevoked(m.revoked);
    });
    return notifier;
  }

  citizen(conversationId: string, frame: CitizenServerFrame): void {
    this.local.citizen(conversationId, frame);
    this.cluster.publish(CHANNEL, { from: this.cluster.nodeId, to: 'citizen', id: conversationId, frame });
  }

  agent(agentId: number, frame: StaffServerFrame): void {
    this.local.agent(agentId, frame);
    this.cluster.publish(CHANNEL, { from: this.cluster.nodeId, to: 'agent', id: agentId, frame });
  }

  allStaff(frame: StaffServerFrame): void {
    this.local.allStaff(frame);
    this.cluster.publish(CHANNEL, { from: this.cluster.nodeId, to: 'staff', frame });
  }

  /** On the same channel as frames, so a logout is never overtaken by a frame sent after it. */
  sessionRevoked(revoked: RevokedSessions): void {
    this.local.sessionRevoked(revoked);
    this.cluster.publish(CHANNEL, { from: this.cluster.nodeId, to: 'sessions', revoked });
  }
}
