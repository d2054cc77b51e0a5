import type { Redis } from 'ioredis';
import {
  BurstyRateLimiter,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import type { Config } from '../config/schema.ts';

const DAY = 24 * 60 * 60;

interface Consumer {
  consume(key: string | number, points?: number): Promise<RateLimiterRes>;
}

/** Takes a point for `key`; false when its limit is used up. A store failure is thrown, not swallowed. */
export async function take(limiter: Consumer, key: string): Promise<boolean> {
  try {
    await limiter.consume(key);
    return true;
  } catch (error) {
    if (error instanceof RateLimiterRes) return false;
    throw error;
  }
}

/** A steady rate plus a burst on top of it, as a token bucket of `burst` refilled at `perSecond` behaves. */
function bursty(perSecond: number, burst: number, keyPrefix: string): BurstyRateLimiter {
  return new BurstyRateLimiter(
    new RateLimiterMemory({ keyPrefix, points: Math.max(1, Math.floor(perSecond)), duration: 1 }),
    new RateLimiterMemory({
      keyPrefix: `${keyPrefix}-burst`,
      points: burst,
      duration: Math.max(1, Math.ceil(burst / perSecond)),
    }),
  );
}

/** Redis for limits shared by the nodes of a cluster; per-connection limits stay in memory. */
export interface SharedLimitStore {
  redis: Redis;
  prefix: string;
}

/**
 * Every rate limit of the server, keyed by connection, client address, conversation or e-mail address.
 * In memory for one node; with `shared`, limits not tied to one connection live in Redis for all nodes.
 */
export function createLimiters(limits: Config['limits'], shared?: SharedLimitStore) {
  // Limits on a client address or an e-mail address must hold whichever node the request lands on.
  const across = (keyPrefix: string, points: number, duration: number) =>
    shared
      ? new RateLimiterRedis({
          storeClient: shared.redis,
          keyPrefix: `${shared.prefix}rl:${keyPrefix}`,
          points,
          duration,
        })
      : new RateLimiterMemory({ keyPrefix, points, duration });
  const perDay = (keyPrefix: string, points: number) => across(keyPrefix, Math.max(1, points), DAY);
  return {
    /** Frames per citizen connection. */
    citizenFrames: bursty(limits.framesPerSecondPerConnection, limits.frameBurstPerConnection, 'cf'),
    /** Frames per client address, across all its sockets. */
    ipFrames: across('ipf', limits.framesPerMinutePerIp, 60),
    /** Frames per staff connection. */
    staffFrames: bursty(limits.staffFramesPerSecond, limits.staffFrameBurst, 'sf'),
    transcriptPerConversation: perDay('tc', limits.transcriptEmailsPerConversation),
    transcriptPerAddress: perDay('ta', limits.transcriptEmailsPerAddressPerDay),
    transcriptPerIp: perDay('ti', limits.transcriptEmailsPerIpPerDay),
    ticketsPerConversation: perDay('kc', limits.ticketsPerConversationPerDay),
    ticketsPerIp: perDay('ki', limits.ticketsPerIpPerDay),
    /** Failed logins per client address in 15 minutes (a success gives its point back). */
    loginPerIp: across('li', limits.loginAttemptsPer15Minutes, 15 * 60),
  };
}
export type Limiters = ReturnType<typeof createLimiters>;

/**
 * Open citizen connections per client address: a count, not a rate. This process's memory on one node;
 * on several, the count of every node (server/cluster/shared-connections.ts).
 */
export interface ConnectionSlots {
  /** Reserves a connection slot; call `release` when it closes. */
  acquire(ip: string): boolean | Promise<boolean>;
  release(ip: string): void;
}

export class ConnectionCounter implements ConnectionSlots {
  private readonly open = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Reserves a connection slot; call `release` when it closes. */
  acquire(ip: string): boolean {
    const n = this.open.get(ip) ?? 0;
    if (n >= this.max) return false;
    this.open.set(ip, n + 1);
    return true;
  }

  release(ip: string): void {
    const n = (this.open.get(ip) ?? 1) - 1;
    if (n <= 0) this.open.delete(ip);
    else this.open.set(ip, n);
  }
}
