import type { Clock } from '../handover/clock.ts';

/** Allows bursts up to `capacity`, refilling `perSecond` tokens a second. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly clock: Clock,
    private readonly capacity: number,
    private readonly perSecond: number,
  ) {
    this.tokens = capacity;
    this.last = clock.now().getTime();
  }

  take(): boolean {
    const now = this.clock.now().getTime();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** Frames per IP per minute (fixed window) and open connections per IP, across all of that IP's sockets. */
export class IpLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private readonly connections = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly framesPerMinute: number,
    private readonly maxConnections: number,
  ) {}

  takeFrame(ip: string): boolean {
    const now = this.clock.now().getTime();
    const w = this.windows.get(ip);
    if (!w || now - w.start >= 60_000) {
      this.windows.set(ip, { start: now, count: 1 });
      if (this.windows.size > 10_000) this.prune(now);
      return true;
    }
    w.count += 1;
    return w.count <= this.framesPerMinute;
  }

  /** Reserves a connection slot; call `release` when it closes. */
  acquire(ip: string): boolean {
    const n = this.connections.get(ip) ?? 0;
    if (n >= this.maxConnections) return false;
    this.connections.set(ip, n + 1);
    return true;
  }

  release(ip: string): void {
    const n = (this.connections.get(ip) ?? 1) - 1;
    if (n <= 0) this.connections.delete(ip);
    else this.connections.set(ip, n);
  }

  private prune(now: number): void {
    for (const [ip, w] of this.windows) if (now - w.start >= 60_000) this.windows.delete(ip);
  }
}
