import type { Clock } from '../handover/clock.ts';

export const FIRST_DELAY_MS = 1000;
export const MAX_DELAY_MS = 15 * 60_000;
/** Failures older than this are forgotten. */
export const FORGET_MS = 60 * 60_000;
/** Bounds memory when someone tries a great many usernames. */
const MAX_ACCOUNTS = 10_000;

/** Per-account login back-off: this process's memory on one node, Redis on several (shared-login-backoff.ts). */
export interface LoginBackoff {
  /** Milliseconds until this account may try again; 0 when it may now. */
  retryAfter(username: string): number | Promise<number>;
  failed(username: string): void | Promise<void>;
  succeeded(username: string): void | Promise<void>;
}

/**
 * Failed logins per account (known or not, so the answer does not tell which exist). After `free` failures
 * each further attempt must wait, doubling from one second to fifteen minutes; a success forgets them. Per
 * account, so one person's typos or one attacked account do not lock out colleagues behind the same IP.
 */
export class LoginThrottle implements LoginBackoff {
  private readonly accounts = new Map<string, { failures: number; until: number; last: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly free: number,
  ) {}

  /** Milliseconds until this account may try again; 0 when it may now. */
  retryAfter(username: string): number {
    const a = this.accounts.get(key(username));
    if (!a) return 0;
    return Math.max(0, a.until - this.clock.now().getTime());
  }

  failed(username: string): void {
    const now = this.clock.now().getTime();
    const k = key(username);
    const a = this.accounts.get(k);
    const failures = a && now - a.last < FORGET_MS ? a.failures + 1 : 1;
    const over = failures - this.free;
    const until = over > 0 ? now + Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (over - 1)) : 0;
    this.accounts.delete(k);
    this.accounts.set(k, { failures, until, last: now });
    if (this.accounts.size > MAX_ACCOUNTS) {
      const oldest = this.accounts.keys().next().value;
      if (oldest !== undefined) this.accounts.delete(oldest);
    }
  }

  succeeded(username: string): void {
    this.accounts.delete(key(username));
  }
}

// Usernames are case-insensitive in the database (COLLATE NOCASE).
export const key = (username: string): string => username.trim().toLowerCase();
