import type { Clock, TimerHandle } from '../handover/clock.ts';

interface Pending {
  handle: TimerHandle;
  at: number;
  fn: () => void;
}

/** A clock that only moves when told to; due timers fire in order inside `advance`. */
export class FakeClock implements Clock {
  private time: number;
  private pending: Pending[] = [];

  constructor(start: string | Date) {
    this.time = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.time);
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const handle = { __timer: true } as TimerHandle;
    this.pending.push({ handle, at: this.time + Math.max(0, ms), fn });
    return handle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.pending = this.pending.filter((p) => p.handle !== handle);
  }

  get timerCount(): number {
    return this.pending.length;
  }

  advance(ms: number): void {
    const target = this.time + ms;
    for (;;) {
      const next = this.pending.filter((p) => p.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.pending = this.pending.filter((p) => p !== next);
      this.time = next.at;
      next.fn();
    }
    this.time = target;
  }

  /** Jumps to a wall-clock time without firing timers (e.g. "it is now Saturday"). */
  set(to: string | Date): void {
    this.time = new Date(to).getTime();
  }
}
