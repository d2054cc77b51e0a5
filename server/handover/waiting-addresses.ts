/**
 * Who is waiting from which client address, for the per-address bound on the waiting list. Addresses are
 * never stored with the conversation, so this lives beside it: in memory on one node, in Redis on several
 * (server/cluster/shared-waiting-addresses.ts), where a chat may leave the queue on another node than the
 * one it entered on.
 */
export interface WaitingAddresses {
  /**
   * Counts `conversationId` as waiting from `ip`, unless `max` already are (then false). Without `max`
   * (a crisis) it always counts. Counting the same conversation again changes nothing.
   */
  reserve(ip: string, conversationId: string, max?: number): Promise<boolean>;
  /** It left the waiting list, or did not enter it after all. */
  release(conversationId: string): Promise<void>;
}

export class MemoryWaitingAddresses implements WaitingAddresses {
  private readonly ipOf = new Map<string, string>();

  reserve(ip: string, conversationId: string, max?: number): Promise<boolean> {
    if (!this.ipOf.has(conversationId) && max !== undefined) {
      let fromIp = 0;
      for (const other of this.ipOf.values()) if (other === ip) fromIp += 1;
      if (fromIp >= max) return Promise.resolve(false);
    }
    this.ipOf.set(conversationId, ip);
    return Promise.resolve(true);
  }

  release(conversationId: string): Promise<void> {
    this.ipOf.delete(conversationId);
    return Promise.resolve();
  }
}
