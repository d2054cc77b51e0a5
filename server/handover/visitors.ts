import type { VisitorStatus } from '../protocol.ts';
import type { Clock, TimerHandle } from './clock.ts';

interface Entry {
  connections: number;
  since: string;
  timer: TimerHandle | undefined;
}

/**
 * Whether each citizen's page is connected, in memory like agent presence: a citizen with the chat open in
 * two tabs counts once, until the last tab closes. When the last page goes, `onGone` is called after
 * `goneMs` unless a page comes back first; a page that never came back after a restart is gone too.
 */
export class VisitorPresence {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    private readonly goneMs: number,
    private readonly onGone: (conversationId: string) => void,
  ) {}

  /** Returns the new status when it changed (the first page came), else undefined. */
  connect(conversationId: string): VisitorStatus | undefined {
    const entry = this.entries.get(conversationId);
    if (entry?.timer) this.clock.clearTimeout(entry.timer);
    if (entry && entry.connections > 0) {
      entry.connections += 1;
      return undefined;
    }
    const since = this.clock.now().toISOString();
    this.entries.set(conversationId, { connections: 1, since, timer: undefined });
    return { online: true, since };
  }

  /** Returns the new status when the last page went, else undefined. `watch`: start the gone timer. */
  disconnect(conversationId: string, watch: boolean): VisitorStatus | undefined {
    const entry = this.entries.get(conversationId);
    if (!entry || entry.connections === 0) return undefined;
    entry.connections -= 1;
    if (entry.connections > 0) return undefined;
    entry.since = this.clock.now().toISOString();
    // Only chats waiting for or held by a person are watched; the rest need no entry.
    if (watch) this.watch(conversationId, entry);
    else this.entries.delete(conversationId);
    return { online: false, since: entry.since };
  }

  /** A chat nobody's page is connected to (after a restart): gone unless a page comes back in time. */
  watchAbsent(conversationId: string, since: string): void {
    if (this.entries.get(conversationId)?.connections) return;
    const entry: Entry = { connections: 0, since, timer: undefined };
    this.entries.set(conversationId, entry);
    this.watch(conversationId, entry);
  }

  status(conversationId: string): VisitorStatus | undefined {
    const entry = this.entries.get(conversationId);
    return entry && { online: entry.connections > 0, since: entry.since };
  }

  /** The chat is over: nothing more to watch. */
  forget(conversationId: string): void {
    const entry = this.entries.get(conversationId);
    if (entry?.timer) this.clock.clearTimeout(entry.timer);
    if (entry && entry.connections === 0) this.entries.delete(conversationId);
    else if (entry) entry.timer = undefined;
  }

  dispose(): void {
    for (const entry of this.entries.values()) if (entry.timer) this.clock.clearTimeout(entry.timer);
    this.entries.clear();
  }

  private watch(conversationId: string, entry: Entry): void {
    if (entry.timer) this.clock.clearTimeout(entry.timer);
    const left = Date.parse(entry.since) + this.goneMs - this.clock.now().getTime();
    entry.timer = this.clock.setTimeout(
      () => {
        entry.timer = undefined;
        if (entry.connections === 0) this.onGone(conversationId);
      },
      Math.max(0, left),
    );
  }
}
