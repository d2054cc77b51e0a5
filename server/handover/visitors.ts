import type { VisitorStatus } from '../protocol.ts';
import type { Clock, TimerHandle } from './clock.ts';

interface Entry {
  connections: number;
  since: string;
  timer: TimerHandle | undefined;
}

/**
 * What the other nodes know of a citizen's pages (several nodes: server/cluster/cluster-visitors.ts). A page
 * connected to another node means the citizen is there, whatever this node saw.
 */
export interface VisitorsElsewhere {
  /** The status on the other live nodes taken together, if any of them has seen a page. */
  status(conversationId: string): VisitorStatus | undefined;
  /** This node's own status for the conversation changed; undefined: this node has nothing on it. */
  changed(conversationId: string, status: VisitorStatus | undefined): void;
}

/** One status from two: online if either is (since the earlier), else gone since the later. */
export function mergeStatus(
  a: VisitorStatus | undefined,
  b: VisitorStatus | undefined,
): VisitorStatus | undefined {
  if (!a || !b) return a ?? b;
  if (a.online !== b.online) return a.online ? a : b;
  const aFirst = a.since <= b.since;
  return a.online === aFirst ? a : b;
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
    private readonly elsewhere?: VisitorsElsewhere,
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
    const seenElsewhere = this.elsewhere?.status(conversationId);
    this.elsewhere?.changed(conversationId, { online: true, since });
    // Staff already see the citizen there through another node's page.
    return seenElsewhere?.online ? undefined : { online: true, since };
  }

  /** Returns the new status when the last page went, else undefined. `watch`: start the gone timer. */
  disconnect(conversationId: string, watch: boolean): VisitorStatus | undefined {
    const entry = this.entries.get(conversationId);
    if (!entry || entry.connections === 0) return undefined;
    entry.connections -= 1;
    if (entry.connections > 0) return undefined;
    entry.since = this.clock.now().toISOString();
    // A page on another node: the citizen is still there, and that node watches for them going.
    if (this.elsewhere?.status(conversationId)?.online) {
      this.entries.delete(conversationId);
      this.elsewhere.changed(conversationId, undefined);
      return undefined;
    }
    // Only chats waiting for or held by a person are watched; the rest need no entry.
    if (watch) this.watch(conversationId, entry);
    else this.entries.delete(conversationId);
    this.elsewhere?.changed(conversationId, watch ? { online: false, since: entry.since } : undefined);
    return { online: false, since: entry.since };
  }

  /** A chat nobody's page is connected to (after a restart): gone unless a page comes back in time. */
  watchAbsent(conversationId: string, since: string): void {
    if (this.entries.get(conversationId)?.connections) return;
    if (this.elsewhere?.status(conversationId)?.online) return;
    const entry: Entry = { connections: 0, since, timer: undefined };
    this.entries.set(conversationId, entry);
    this.watch(conversationId, entry);
  }

  status(conversationId: string): VisitorStatus | undefined {
    const entry = this.entries.get(conversationId);
    const here = entry && { online: entry.connections > 0, since: entry.since };
    return mergeStatus(here, this.elsewhere?.status(conversationId));
  }

  /** The chat is over: nothing more to watch. */
  forget(conversationId: string): void {
    const entry = this.entries.get(conversationId);
    if (entry?.timer) this.clock.clearTimeout(entry.timer);
    if (entry && entry.connections === 0) {
      this.entries.delete(conversationId);
      this.elsewhere?.changed(conversationId, undefined);
    } else if (entry) entry.timer = undefined;
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
        if (entry.connections > 0) return;
        // The page came back on another node meanwhile: not gone, and that node watches it now.
        if (this.elsewhere?.status(conversationId)?.online) {
          this.entries.delete(conversationId);
          this.elsewhere.changed(conversationId, undefined);
          return;
        }
        this.onGone(conversationId);
      },
      Math.max(0, left),
    );
  }
}
