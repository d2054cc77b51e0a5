import { toConversationInfo, toHistoryItem } from '../chat/history.ts';
import { recordNotice } from '../chat/notices.ts';
import type { Config } from '../config/schema.ts';
import {
  ERROR_CODES,
  type ContactType,
  type ErrorCode,
  type OfflineReason,
  type QueueItem,
} from '../protocol.ts';
import type {
  CitizenServerFrame,
  ConversationInfo,
  StaffServerFrame,
  TransferNote,
  VisitorStatus,
} from '../protocol.ts';
import type { Conversation, ConversationState, Priority } from '../store/conversations.ts';
import type { Store } from '../store/store.ts';
import type { Clock, TimerHandle } from './clock.ts';
import { closedDaysFor } from './closed-days.ts';
import type { Notifier } from './notifier.ts';
import { isOpen, nextOpening, type Hours } from './office-hours.ts';
import type { PresenceRegistry } from './presence.ts';
import { estimateWaitSeconds, isQueue } from './routing.ts';
import { TRANSITION_REASONS as R } from './states.ts';
import { applyTransition, type TransitionResult } from './transition.ts';
import { VisitorPresence, type VisitorsElsewhere } from './visitors.ts';
import { MemoryWaitingAddresses, type WaitingAddresses } from './waiting-addresses.ts';

export type ActionResult = { ok: true } | { ok: false; code: ErrorCode };

export interface HandoverDeps {
  store: Store;
  config: Config;
  clock: Clock;
  notifier: Notifier;
  /**
   * Several nodes: a timer's action goes ahead only where this returns true (a lease in Redis), so a wait
   * limit that every node armed acts once. One node needs none.
   */
  once?: (key: string, ttlMs: number) => Promise<boolean>;
  presence: PresenceRegistry;
  /** Several nodes: whose page is connected to another node, so a citizen there is not taken for gone. */
  visitorsElsewhere?: VisitorsElsewhere;
  /** Who waits from which address; this process's memory by default, Redis on several nodes. */
  waitingAddresses?: WaitingAddresses;
  redact: (text: string) => string;
  /**
   * A crisis nobody can take now (office closed, nobody online, or nobody took it in time): the on-call
   * alert. Must return at once; the sending happens elsewhere.
   */
  onUnattendedCrisis?: (conversationId: string, reason: OfflineReason) => void;
}

const staffActor = (agentId: number): string => `staff:${agentId}`;
const seconds = (from: string, to: string): number =>
  Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
const PREVIEW_CHARS = 140;

/**
 * The handover queue: moves conversations between bot, waiting, assigned, offline and closed, keeps the
 * wait-limit and agent grace timers, and tells citizens and staff what changed. All state lives in SQLite;
 * the timers are rebuilt from it by `restore()` after a restart.
 */
export class HandoverService {
  private readonly waitTimers = new Map<string, TimerHandle>();
  private readonly graceTimers = new Map<number, TimerHandle>();
  /** Wakes at the next opening time to bring unattended crises back into the queue. */
  private readonly openingTimers = new Set<TimerHandle>();
  /** Last queue frame sent to each waiting citizen, so only changes are pushed. */
  private readonly lastQueueFrame = new Map<string, string>();
  private readonly dirtyQueues = new Set<string>();
  private flushScheduled = false;
  private disposed = false;
  /** Who is waiting from which client address, for the per-IP bound (addresses are not stored). */
  private readonly waitingIps: WaitingAddresses;
  /** Staff consoles: the whole list only when someone joins or leaves, else just the changed previews. */
  private staffSnapshotDue = false;
  private readonly staffPreviews = new Map<string, string>();
  private staffTimer: TimerHandle | undefined;
  private staffFlushQueued = false;
  private lastStaffFlush = Number.NEGATIVE_INFINITY;

  /** Whose page is connected (ghost chats, issue 19). */
  private readonly visitors: VisitorPresence;

  constructor(private readonly d: HandoverDeps) {
    this.waitingIps = d.waitingAddresses ?? new MemoryWaitingAddresses();
    this.visitors = new VisitorPresence(
      d.clock,
      d.config.limits.visitorGoneCloseSeconds * 1000,
      (id) => {
        if (!this.disposed) void this.abandon(id);
      },
      d.visitorsElsewhere,
    );
  }

  private now(): string {
    return this.d.clock.now().toISOString();
  }

  hours(queue: string): Hours {
    const q = this.d.config.queues.list.find((x) => x.id === queue);
    const schedule = this.d.config.schedules[q?.schedule ?? ''];
    if (!schedule) throw new Error(`no schedule for queue ${queue}`);
    return {
      schedule,
      holidays: closedDaysFor(this.d.config),
      timeZone: this.d.config.municipality.timeZone,
    };
  }

  /** Whether a person can take a chat in `queue` now, or why not. */
  availability(queue: string): { ok: true } | { ok: false; reason: OfflineReason; opensAt?: string } {
    const now = this.d.clock.now();
    const hours = this.hours(queue);
    if (!isOpen(hours, now))
      return { ok: false, reason: 'office_closed', opensAt: nextOpening(hours, now)?.toISOString() };
    if (this.d.presence.onlineCount() === 0) return { ok: false, reason: 'no_agent' };
    return { ok: true };
  }

  /** Citizen (or the bot on their behalf) wants a person. A chat already waiting or assigned stays as it is. */
  async requestHandover(
    conversationId: string,
    o: { reason: string; queue: string; priority: Priority; actor: 'citizen' | 'bot'; ip?: string },
  ): Promise<TransitionResult> {
    const at = this.now();
    // A crisis left from out of hours stays urgent, and keeps its place, when the citizen asks for a person.
    const before = await this.d.store.conversations.get(conversationId);
    const keepCrisis = before?.state === 'offline' && before.priority === 'urgent';
    const reason = keepCrisis ? (before.reason ?? o.reason) : o.reason;
    const priority = keepCrisis ? 'urgent' : o.priority;
    const result = await applyTransition(this.d.store, conversationId, 'waiting', {
      reason,
      actor: o.actor,
      at,
      from: ['bot', 'offline'],
      guard: () => this.waitingBound(conversationId, priority, o.ip),
      patch: {
        queue: o.queue,
        reason,
        priority,
        // It has waited since the crisis, which keeps it above later crises too.
        waitingSince: keepCrisis ? (before.waitingSince ?? at) : at,
        agentId: null,
      },
      also: () =>
        this.d.store.events.log(
          'handover_requested',
          conversationId,
          { reason, queue: o.queue, priority },
          at,
        ),
    });
    if (result.status === 'applied') await this.enterQueue(result.after);
    // A place taken for a chat that did not enter the queue after all (full, or already there) is given back.
    else if (o.ip !== undefined && result.status !== 'noop') await this.waitingIps.release(conversationId);
    return result;
  }

  /**
   * The waiting list is bounded per client address and in total, so one client cannot fill every staff
   * console. A crisis is never refused: it is let past both bounds.
   */
  private async waitingBound(
    conversationId: string,
    priority: Priority,
    ip: string | undefined,
  ): Promise<ErrorCode | undefined> {
    const limits = this.d.config.limits;
    const urgent = priority === 'urgent';
    // A crisis takes a place too (it counts against its address's later chats) but is never refused one.
    if (ip !== undefined) {
      const max = urgent ? undefined : limits.maxWaitingPerIp;
      if (!(await this.waitingIps.reserve(ip, conversationId, max))) return ERROR_CODES.queueFull;
    }
    if (urgent) return undefined;
    // Taking turns with other nodes' admissions until this transaction commits, so the count is current.
    await this.d.store.conversations.lockWaiting();
    const total = Object.values(await this.d.store.conversations.waitingCounts()).reduce((a, b) => a + b, 0);
    return total >= limits.maxWaitingTotal ? ERROR_CODES.queueFull : undefined;
  }

  /** After entering `waiting`: offline form if nobody can take it, else the wait-limit timer and positions. */
  private async enterQueue(c: Conversation): Promise<void> {
    const queue = c.queue ?? this.d.config.queues.default;
    const available = this.availability(queue);
    if (!available.ok) {
      await this.goOffline(c.id, available.reason, available.opensAt);
      return;
    }
    this.armWaitTimer(c.id, this.d.config.limits.maxQueueWaitSeconds * 1000);
    this.markDirty(queue);
  }

  private async goOffline(conversationId: string, reason: OfflineReason, opensAt?: string): Promise<void> {
    const at = this.now();
    const result = await applyTransition(this.d.store, conversationId, 'offline', {
      reason,
      actor: 'system',
      at,
      from: ['waiting'],
      also: async (before) => {
        await this.d.store.events.log('offline_offered', conversationId, { reason, queue: before.queue }, at);
        await this.logQueueLeft(before, 'offline', at);
      },
    });
    if (result.status !== 'applied') return;
    this.leftQueue(result.before);
    const urgent = result.before.priority === 'urgent';
    this.d.notifier.citizen(conversationId, {
      type: 'offline',
      reason,
      ...(opensAt ? { opensAt } : {}),
      ...(urgent ? { urgent } : {}),
    });
    if (urgent) this.unattendedCrisis(conversationId, reason, opensAt);
  }

  /**
   * A crisis nobody can take is not parked as an offline ticket: on-call is alerted, and it goes back to the
   * top of the queue as soon as someone can take it (an agent comes on duty, or the queue opens).
   */
  private unattendedCrisis(conversationId: string, reason: OfflineReason, opensAt?: string): void {
    this.d.onUnattendedCrisis?.(conversationId, reason);
    if (!opensAt || this.disposed) return;
    const timer = this.d.clock.setTimeout(
      () => {
        this.openingTimers.delete(timer);
        if (!this.disposed) void this.requeueUnattendedCrises();
      },
      Math.max(0, Date.parse(opensAt) - this.d.clock.now().getTime()),
    );
    this.openingTimers.add(timer);
  }

  /**
   * Crises left offline go back into the queue, urgent and with their first waiting time (so the oldest
   * is on top), wherever a person can take them now.
   */
  private async requeueUnattendedCrises(): Promise<void> {
    for (const c of await this.d.store.conversations.unattendedCrises()) {
      const queue = c.queue ?? this.d.config.queues.default;
      if (!this.availability(queue).ok) continue;
      const at = this.now();
      const result = await applyTransition(this.d.store, c.id, 'waiting', {
        reason: R.crisisRequeued,
        actor: 'system',
        at,
        from: ['offline'],
        patch: { queue, waitingSince: c.waitingSince ?? c.updatedAt, agentId: null },
        also: () =>
          this.d.store.events.log(
            'handover_requested',
            c.id,
            { reason: c.reason ?? 'crisis', queue, priority: 'urgent' },
            at,
          ),
      });
      if (result.status !== 'applied') continue;
      // Its page may have gone while it was offline: without one connected, it is watched as gone.
      if (!this.visitors.status(c.id)) this.visitors.watchAbsent(c.id, at);
      await this.enterQueue(result.after);
    }
  }

  async claim(agentId: number, conversationId: string): Promise<ActionResult> {
    const at = this.now();
    const limit = this.d.config.limits.agentMaxConcurrentChats;
    const result = await applyTransition(this.d.store, conversationId, 'assigned', {
      reason: R.claimed,
      actor: staffActor(agentId),
      at,
      from: ['waiting'],
      patch: { agentId },
      guard: async () => {
        await this.d.store.conversations.lockAgent(agentId);
        return (await this.d.store.conversations.countAssignedTo(agentId)) >= limit
          ? ERROR_CODES.chatLimit
          : undefined;
      },
      also: async (before) => {
        await this.d.store.events.log(
          'agent_assigned',
          conversationId,
          { agentId, queue: before.queue, transfer: false },
          at,
        );
        await this.logQueueLeft(before, 'assigned', at);
        await this.audit(agentId, 'claim', conversationId, null, at);
      },
    });
    if (result.status === 'noop') {
      this.d.notifier.agent(agentId, await this.assignedFrame(result.before));
      return { ok: true };
    }
    if (result.status !== 'applied')
      return this.refusal(result, (c) => c.state === 'assigned', ERROR_CODES.alreadyClaimed);
    this.leftQueue(result.before);
    const firstName = await this.firstName(agentId);
    this.d.notifier.citizen(conversationId, { type: 'agent_joined', firstName });
    this.d.notifier.agent(agentId, await this.assignedFrame(result.after));
    // After the agent's copy of the history: the notice is for the citizen's history.
    await recordNotice(this.d, conversationId, { kind: 'agent_joined', firstName }, at);
    await this.pushAgents();
    return { ok: true };
  }

  async transferToQueue(
    agentId: number,
    conversationId: string,
    queue: string,
    note?: string,
  ): Promise<ActionResult> {
    if (!isQueue(this.d.config, queue)) return { ok: false, code: ERROR_CODES.unknownQueue };
    const at = this.now();
    const result = await applyTransition(this.d.store, conversationId, 'waiting', {
      reason: R.transferQueue,
      actor: staffActor(agentId),
      at,
      from: ['assigned'],
      patch: { queue, agentId: null },
      guard: (before) => (before.agentId === agentId ? undefined : ERROR_CODES.forbidden),
      also: async () => {
        await this.d.store.events.log(
          'transferred',
          conversationId,
          { fromAgentId: agentId, toQueue: queue, ...this.noteField(note) },
          at,
        );
        await this.audit(agentId, 'transfer', conversationId, { toQueue: queue }, at);
      },
    });
    if (result.status !== 'applied') return this.refusal(result);
    await this.agentLeft(agentId, conversationId, 'transferred');
    await this.enterQueue(result.after);
    await this.pushAgents();
    return { ok: true };
  }

  async transferToAgent(
    agentId: number,
    conversationId: string,
    toAgentId: number,
    note?: string,
  ): Promise<ActionResult> {
    if (toAgentId === agentId || this.d.presence.of(toAgentId) !== 'online') {
      return { ok: false, code: ERROR_CODES.agentUnavailable };
    }
    const at = this.now();
    const limit = this.d.config.limits.agentMaxConcurrentChats;
    const result = await applyTransition(this.d.store, conversationId, 'assigned', {
      reason: R.transferAgent,
      actor: staffActor(agentId),
      at,
      from: ['assigned'],
      patch: { agentId: toAgentId },
      guard: async (before) => {
        if (before.agentId !== agentId) return ERROR_CODES.forbidden;
        await this.d.store.conversations.lockAgent(toAgentId);
        return (await this.d.store.conversations.countAssignedTo(toAgentId)) >= limit
          ? ERROR_CODES.chatLimit
          : undefined;
      },
      also: async (before) => {
        await this.d.store.events.log(
          'transferred',
          conversationId,
          { fromAgentId: agentId, toAgentId, ...this.noteField(note) },
          at,
        );
        await this.d.store.events.log(
          'agent_assigned',
          conversationId,
          { agentId: toAgentId, queue: before.queue, transfer: true },
          at,
        );
        await this.audit(agentId, 'transfer', conversationId, { toAgentId }, at);
      },
    });
    if (result.status !== 'applied') return this.refusal(result);
    this.d.notifier.agent(agentId, { type: 'unassigned', conversationId, reason: 'transferred' });
    const firstName = await this.firstName(toAgentId);
    this.d.notifier.citizen(conversationId, { type: 'agent_joined', firstName });
    this.d.notifier.agent(toAgentId, await this.assignedFrame(result.after));
    // After the agent's copy of the history: the notice is for the citizen's history.
    await recordNotice(this.d, conversationId, { kind: 'agent_joined', firstName }, at);
    await this.pushAgents();
    return { ok: true };
  }

  async close(
    agentId: number,
    conversationId: string,
    contactType: ContactType,
    note?: string,
  ): Promise<ActionResult> {
    const at = this.now();
    const result = await applyTransition(this.d.store, conversationId, 'closed', {
      reason: R.agentClosed,
      actor: staffActor(agentId),
      at,
      from: ['assigned'],
      patch: { closedAt: at, contactType, closeNote: note ?? null },
      guard: (before) => (before.agentId === agentId ? undefined : ERROR_CODES.forbidden),
      also: async (before) => {
        await this.d.store.events.log(
          'closed',
          conversationId,
          {
            by: 'agent',
            reason: R.agentClosed,
            state: before.state,
            contactType,
            noteRedacted: note === undefined ? undefined : this.d.redact(note),
            handledSeconds: seconds((await this.assignedAt(conversationId)) ?? at, at),
          },
          at,
        );
        await this.audit(agentId, 'close', conversationId, { contactType }, at);
      },
    });
    if (result.status !== 'applied') return this.refusal(result);
    this.visitors.forget(conversationId);
    this.d.notifier.citizen(conversationId, { type: 'closed', reason: 'agent_closed' });
    this.d.notifier.agent(agentId, { type: 'conversation_closed', conversationId, reason: 'agent_closed' });
    await this.pushAgents();
    return { ok: true };
  }

  /** The citizen ended the chat, from whatever state it was in. */
  async citizenEnded(conversationId: string): Promise<TransitionResult> {
    const result = await this.closeWithoutAgent(conversationId, {
      reason: R.citizenEnded,
      actor: 'citizen',
      frameReason: 'citizen_ended',
    });
    if (result.status === 'applied') this.visitors.forget(conversationId);
    return result;
  }

  // ---- agents coming and going ----

  async agentConnected(agentId: number, firstName: string): Promise<void> {
    if (this.disposed) return;
    this.d.presence.connect(agentId, firstName);
    const timer = this.graceTimers.get(agentId);
    if (timer) {
      this.d.clock.clearTimeout(timer);
      this.graceTimers.delete(agentId);
    }
    await this.presenceChanged();
  }

  async agentDisconnected(agentId: number): Promise<void> {
    if (this.disposed) return;
    if (!this.d.presence.disconnect(agentId)) return;
    await this.armGraceTimer(agentId);
    await this.presenceChanged();
  }

  async setPresence(agentId: number, status: 'online' | 'away'): Promise<void> {
    this.d.presence.setStatus(agentId, status);
    await this.presenceChanged();
  }

  private async presenceChanged(): Promise<void> {
    await this.requeueUnattendedCrises();
    await this.pushAgents();
    for (const q of this.d.config.queues.list) this.markDirty(q.id);
  }

  private async armGraceTimer(agentId: number): Promise<void> {
    if (this.graceTimers.has(agentId) || (await this.d.store.conversations.countAssignedTo(agentId)) === 0)
      return;
    const timer = this.d.clock.setTimeout(() => {
      this.graceTimers.delete(agentId);
      if (!this.disposed && !this.d.presence.isConnected(agentId)) void this.requeueChatsOf(agentId);
    }, this.d.config.limits.agentGraceSeconds * 1000);
    this.graceTimers.set(agentId, timer);
  }

  /** The agent did not come back in time: their chats go back to the queue they came from. */
  private async requeueChatsOf(agentId: number): Promise<void> {
    for (const c of await this.d.store.conversations.assignedTo(agentId)) {
      const at = this.now();
      const result = await applyTransition(this.d.store, c.id, 'waiting', {
        reason: R.agentGone,
        actor: 'system',
        at,
        from: ['assigned'],
        patch: { agentId: null },
        guard: (before) => (before.agentId === agentId ? undefined : ERROR_CODES.forbidden),
        also: () => this.d.store.events.log('agent_left', c.id, { agentId, reason: R.agentGone }, at),
      });
      if (result.status !== 'applied') continue;
      await this.agentLeft(agentId, c.id, R.agentGone);
      await this.enterQueue(result.after);
    }
    await this.pushAgents();
  }

  private async agentLeft(agentId: number, conversationId: string, reason: string): Promise<void> {
    this.d.notifier.agent(agentId, { type: 'unassigned', conversationId, reason });
    this.d.notifier.citizen(conversationId, { type: 'agent_left' });
    await recordNotice(this.d, conversationId, { kind: 'agent_left' }, this.now());
  }

  /** The citizen left the queue (issue 19): back to the bot, counted as leaving the queue. */
  async citizenLeftQueue(conversationId: string): Promise<TransitionResult> {
    const at = this.now();
    const result = await applyTransition(this.d.store, conversationId, 'bot', {
      reason: R.citizenLeftQueue,
      actor: 'citizen',
      at,
      from: ['waiting'],
      patch: { agentId: null },
      also: (before) => this.logQueueLeft(before, 'abandoned', at),
    });
    if (result.status !== 'applied') return result;
    this.leftQueue(result.before);
    this.d.notifier.citizen(conversationId, { type: 'queue_left' });
    await recordNotice(this.d, conversationId, { kind: 'queue_left' }, at);
    return result;
  }

  // ---- timers and restart ----

  private armWaitTimer(conversationId: string, ms: number): void {
    this.clearWaitTimer(conversationId);
    const timer = this.d.clock.setTimeout(
      () => {
        this.waitTimers.delete(conversationId);
        if (this.disposed) return;
        void (async () => {
          const c = await this.d.store.conversations.get(conversationId);
          // Keyed by the wait it ends, so a later wait of the same chat gets a lease of its own.
          const key = `wait:${conversationId}:${c?.waitingSince ?? ''}`;
          if (this.d.once && !(await this.d.once(key, 60_000))) return;
          // Nobody took a crisis in time: it stays on top of the queue, and on-call is alerted.
          if (c?.priority === 'urgent') {
            this.d.onUnattendedCrisis?.(conversationId, 'wait_limit');
            return;
          }
          await this.goOffline(conversationId, 'wait_limit');
        })();
      },
      Math.max(0, ms),
    );
    this.waitTimers.set(conversationId, timer);
  }

  private clearWaitTimer(conversationId: string): void {
    const timer = this.waitTimers.get(conversationId);
    if (timer) this.d.clock.clearTimeout(timer);
    this.waitTimers.delete(conversationId);
  }

  /**
   * After a restart: waiting chats get the rest of their wait limit, and agents holding chats (none are
   * connected yet) get a full grace period to reconnect.
   */
  async restore(): Promise<void> {
    const now = this.d.clock.now().getTime();
    const limitMs = this.d.config.limits.maxQueueWaitSeconds * 1000;
    for (const c of await this.d.store.conversations.inState('waiting')) {
      const entered = (await this.d.store.transitions.list(c.id)).filter((t) => t.to === 'waiting').pop()?.at;
      this.armWaitTimer(c.id, Date.parse(entered ?? c.waitingSince ?? c.updatedAt) + limitMs - now);
      this.markDirty(c.queue ?? this.d.config.queues.default);
    }
    // No citizen page is connected yet: a chat whose page does not come back in time is a ghost.
    const since = this.now();
    for (const state of ['waiting', 'assigned'] as const)
      for (const c of await this.d.store.conversations.inState(state)) this.visitors.watchAbsent(c.id, since);
    const agents = new Set((await this.d.store.conversations.inState('assigned')).map((c) => c.agentId));
    for (const agentId of agents) {
      if (agentId !== null && !this.d.presence.isConnected(agentId)) await this.armGraceTimer(agentId);
    }
  }

  dispose(): void {
    this.disposed = true;
    if (this.staffTimer) this.d.clock.clearTimeout(this.staffTimer);
    for (const t of this.waitTimers.values()) this.d.clock.clearTimeout(t);
    for (const t of this.graceTimers.values()) this.d.clock.clearTimeout(t);
    for (const t of this.openingTimers) this.d.clock.clearTimeout(t);
    this.openingTimers.clear();
    this.visitors.dispose();
    this.waitTimers.clear();
    this.graceTimers.clear();
  }

  // ---- queue positions and snapshots ----

  private leftQueue(before: Conversation): void {
    this.clearWaitTimer(before.id);
    this.lastQueueFrame.delete(before.id);
    void this.waitingIps.release(before.id).catch(() => {
      // Redis unreachable: the place is dropped when its entry ages out.
    });
    this.staffPreviews.delete(before.id);
    this.markDirty(before.queue ?? this.d.config.queues.default);
  }

  /** Coalesces the changes of one tick into one push per queue. */
  private markDirty(queue: string): void {
    this.dirtyQueues.add(queue);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    queueMicrotask(() => {
      this.flushScheduled = false;
      if (!this.disposed) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    const online = this.d.presence.onlineCount();
    const handle = this.d.config.limits.estimatedHandleSeconds;
    // Taken now: a queue marked while this flush awaits the database gets a flush of its own.
    const queues = [...this.dirtyQueues];
    this.dirtyQueues.clear();
    for (const queue of queues) {
      (await this.d.store.conversations.waitingIn(queue)).forEach((c, i) => {
        const frame = {
          type: 'queue' as const,
          queue,
          position: i + 1,
          estimatedWaitSeconds: estimateWaitSeconds(i + 1, online, handle),
        };
        const key = `${queue}:${frame.position}:${frame.estimatedWaitSeconds}`;
        if (this.lastQueueFrame.get(c.id) === key) return;
        this.lastQueueFrame.set(c.id, key);
        this.d.notifier.citizen(c.id, frame);
      });
    }
    this.dirtyQueues.clear();
    this.staffSnapshotDue = true;
    this.scheduleStaffFlush();
  }

  /**
   * Staff consoles hear of queue changes at most once per `staffQueueUpdateMs`: the first change goes at
   * once, later ones are coalesced until the interval has passed.
   */
  private scheduleStaffFlush(): void {
    if (this.staffTimer || this.staffFlushQueued || this.disposed) return;
    const interval = this.d.config.limits.staffQueueUpdateMs;
    const wait = this.lastStaffFlush + interval - this.d.clock.now().getTime();
    // A clock set back (a corrected system clock) must not postpone updates for longer than one interval.
    if (wait <= 0 || wait > interval) {
      this.staffFlushQueued = true;
      queueMicrotask(() => {
        this.staffFlushQueued = false;
        void this.flushStaff();
      });
      return;
    }
    this.staffTimer = this.d.clock.setTimeout(() => {
      this.staffTimer = undefined;
      void this.flushStaff();
    }, wait);
  }

  private async flushStaff(): Promise<void> {
    if (this.disposed) return;
    this.lastStaffFlush = this.d.clock.now().getTime();
    if (this.staffSnapshotDue) {
      this.staffSnapshotDue = false;
      this.staffPreviews.clear();
      this.d.notifier.allStaff(await this.queueFrame());
      return;
    }
    if (this.staffPreviews.size === 0) return;
    const items = [...this.staffPreviews].map(([conversationId, preview]) => ({ conversationId, preview }));
    this.staffPreviews.clear();
    this.d.notifier.allStaff({ type: 'queue_preview', items });
  }

  /** The position of one waiting citizen right now (for a reconnect or a repeated "talk to a person"). */
  async queueFrameFor(conversationId: string): Promise<CitizenServerFrame | undefined> {
    const c = await this.d.store.conversations.get(conversationId);
    if (!c || c.state !== 'waiting' || c.queue === null) return undefined;
    const position =
      (await this.d.store.conversations.waitingIn(c.queue)).findIndex((x) => x.id === c.id) + 1;
    if (position === 0) return undefined;
    const wait = estimateWaitSeconds(
      position,
      this.d.presence.onlineCount(),
      this.d.config.limits.estimatedHandleSeconds,
    );
    return { type: 'queue', queue: c.queue, position, estimatedWaitSeconds: wait };
  }

  /**
   * A waiting citizen wrote something: staff see the new preview. Nobody's position changed, so only this
   * one row travels, however long the list is.
   */
  touch(conversationId: string, text: string): void {
    this.staffPreviews.set(conversationId, text.slice(0, PREVIEW_CHARS));
    this.scheduleStaffFlush();
  }

  /** Everyone waiting, crisis first, then by how long they have waited. */
  async queueFrame(): Promise<StaffServerFrame> {
    const positions = new Map<string, number>();
    const items: QueueItem[] = (await this.d.store.conversations.waitingWithPreview()).map((c) => {
      const queue = c.queue ?? this.d.config.queues.default;
      const position = (positions.get(queue) ?? 0) + 1;
      positions.set(queue, position);
      return {
        conversationId: c.id,
        queue,
        reason: c.reason,
        priority: c.priority,
        lang: c.lang,
        waitingSince: c.waitingSince ?? c.updatedAt,
        position,
        preview: c.preview.slice(0, PREVIEW_CHARS),
        ...this.visitorField(c.id),
      };
    });
    return { type: 'queue', items };
  }

  async agentsFrame(): Promise<StaffServerFrame> {
    return {
      type: 'agents',
      agents: await Promise.all(
        this.d.presence
          .list()
          .map(async (a) => ({ ...a, chats: await this.d.store.conversations.countAssignedTo(a.id) })),
      ),
    };
  }

  private async pushAgents(): Promise<void> {
    if (this.disposed) return;
    const frame = await this.agentsFrame();
    if (!this.disposed) this.d.notifier.allStaff(frame);
  }

  async assignedFrame(c: Conversation): Promise<StaffServerFrame> {
    return {
      type: 'assigned',
      conversation: await this.info(c),
      history: (await this.d.store.messages.list(c.id)).map(toHistoryItem),
    };
  }

  /** What a (re)connecting agent needs: the chats they hold. */
  async assignedFrames(agentId: number): Promise<StaffServerFrame[]> {
    const frames: StaffServerFrame[] = [];
    for (const c of await this.d.store.conversations.assignedTo(agentId))
      frames.push(await this.assignedFrame(c));
    return frames;
  }

  waitingCounts(): Promise<Record<string, number>> {
    return this.d.store.conversations.waitingCounts();
  }

  // ---- ghost chats and transfer notes (issue 19) ----

  /** A citizen page joined the conversation (a socket, after `start`). */
  async citizenConnected(conversationId: string): Promise<void> {
    if (this.disposed) return;
    const status = this.visitors.connect(conversationId);
    if (status) await this.visitorChanged(conversationId, status);
  }

  async citizenDisconnected(conversationId: string): Promise<void> {
    // Sockets still closing at shutdown find the store closed.
    if (this.disposed) return;
    const state = (await this.d.store.conversations.get(conversationId))?.state;
    const watched = state === 'waiting' || state === 'assigned';
    const status = this.visitors.disconnect(conversationId, watched);
    if (status && watched) await this.visitorChanged(conversationId, status);
  }

  private async visitorChanged(conversationId: string, visitor: VisitorStatus): Promise<void> {
    const state = (await this.d.store.conversations.get(conversationId))?.state;
    if (state !== 'waiting' && state !== 'assigned') return;
    this.d.notifier.allStaff({ type: 'visitor', conversationId, visitor });
  }

  private visitorField(conversationId: string): { visitor?: VisitorStatus } {
    const visitor = this.visitors.status(conversationId);
    return visitor ? { visitor } : {};
  }

  /** The conversation as staff see it: with whether the citizen is there, and the last transfer's note. */
  async info(c: Conversation): Promise<ConversationInfo> {
    const note = c.state === 'closed' ? undefined : await this.lastTransferNote(c.id);
    return { ...toConversationInfo(c), ...this.visitorField(c.id), ...(note ? { transferNote: note } : {}) };
  }

  private noteField(note: string | undefined): { noteRedacted?: string } {
    return note ? { noteRedacted: this.d.redact(note) } : {};
  }

  private async lastTransferNote(conversationId: string): Promise<TransferNote | undefined> {
    const last = (await this.d.store.events.forConversation(conversationId))
      .filter((e) => e.type === 'transferred')
      .pop();
    const text = last?.payload.noteRedacted;
    if (!last || typeof text !== 'string') return undefined;
    const from = await this.firstName(Number(last.payload.fromAgentId));
    return { text, from, at: last.at };
  }

  /**
   * The citizen's page has been gone past `visitorGoneCloseSeconds`: the chat is closed as abandoned, so
   * nobody waits for or writes to a ghost. Stored as a transition like any other; a second call is a no-op.
   */
  async abandon(conversationId: string): Promise<TransitionResult> {
    const result = await this.closeWithoutAgent(conversationId, {
      reason: R.abandoned,
      actor: 'system',
      frameReason: 'abandoned',
      from: ['waiting', 'assigned'],
    });
    // Whatever happened (closed, or offered the offline form meanwhile), there is nothing more to watch.
    this.visitors.forget(conversationId);
    return result;
  }

  /**
   * Closes a chat from the citizen's side (they ended it, or their page was gone too long): a waiting chat
   * counts as having left the queue, and an agent who held it is told why.
   */
  private async closeWithoutAgent(
    conversationId: string,
    o: {
      reason: typeof R.citizenEnded | typeof R.abandoned;
      actor: 'citizen' | 'system';
      frameReason: 'citizen_ended' | 'abandoned';
      from?: readonly ConversationState[];
    },
  ): Promise<TransitionResult> {
    const at = this.now();
    const result = await applyTransition(this.d.store, conversationId, 'closed', {
      reason: o.reason,
      actor: o.actor,
      at,
      ...(o.from ? { from: o.from } : {}),
      patch: { closedAt: at },
      also: async (before) => {
        if (before.state === 'waiting') await this.logQueueLeft(before, 'abandoned', at);
        const handled =
          before.state === 'assigned'
            ? seconds((await this.assignedAt(conversationId)) ?? at, at)
            : undefined;
        await this.d.store.events.log(
          'closed',
          conversationId,
          { by: o.actor, reason: o.reason, state: before.state, handledSeconds: handled },
          at,
        );
      },
    });
    if (result.status !== 'applied') return result;
    if (result.before.state === 'waiting') this.leftQueue(result.before);
    if (result.before.state === 'assigned' && result.before.agentId !== null) {
      this.d.notifier.agent(result.before.agentId, {
        type: 'conversation_closed',
        conversationId,
        reason: o.frameReason,
      });
      await this.pushAgents();
    }
    return result;
  }

  /** Every way out of the queue is logged alike, so the statistics can count waits per outcome. */
  private logQueueLeft(
    before: Conversation,
    outcome: 'assigned' | 'offline' | 'abandoned',
    at: string,
  ): Promise<void> {
    return this.d.store.events.log(
      'queue_left',
      before.id,
      { queue: before.queue, outcome, waitedSeconds: seconds(before.waitingSince ?? at, at) },
      at,
    );
  }

  private async firstName(agentId: number): Promise<string> {
    return (await this.d.store.staff.get(agentId))?.displayName ?? '';
  }

  private async assignedAt(conversationId: string): Promise<string | undefined> {
    return (await this.d.store.transitions.list(conversationId)).filter((t) => t.to === 'assigned').pop()?.at;
  }

  private async audit(
    agentId: number,
    action: string,
    target: string,
    details: Record<string, unknown> | null,
    at: string,
  ): Promise<void> {
    await this.d.store.audit.log({ actor: staffActor(agentId), action, target, details, at });
  }

  private refusal(
    result: TransitionResult,
    claimedBySomeoneElse?: (c: Conversation) => boolean,
    claimedCode?: ErrorCode,
  ): ActionResult {
    if (result.status === 'not_found') return { ok: false, code: ERROR_CODES.notFound };
    if (result.status === 'refused') return { ok: false, code: result.code };
    if (result.status === 'invalid' && claimedBySomeoneElse?.(result.before) && claimedCode) {
      return { ok: false, code: claimedCode };
    }
    if (result.status === 'invalid' && result.before.state === 'closed') {
      return { ok: false, code: ERROR_CODES.conversationClosed };
    }
    return result.status === 'applied' || result.status === 'noop'
      ? { ok: true }
      : { ok: false, code: ERROR_CODES.invalidState };
  }
}
