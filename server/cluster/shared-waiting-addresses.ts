import { createHash } from 'node:crypto';
import type { WaitingAddresses } from '../handover/waiting-addresses.ts';
import type { Cluster } from './cluster.ts';

/**
 * Count-and-add in one step, so two nodes admitting the same address at once cannot both take the last
 * place. Entries older than `maxAgeMs` are dropped first: a node that died with chats in its queue must
 * not hold their places for ever.
 */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local maxAge = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - maxAge)
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  local max = tonumber(ARGV[2])
  if max >= 0 and redis.call('ZCARD', KEYS[1]) >= max then return 0 end
  redis.call('ZADD', KEYS[1], now, ARGV[1])
end
redis.call('PEXPIRE', KEYS[1], maxAge)
redis.call('SET', KEYS[2], KEYS[1], 'PX', maxAge)
return 1
`;

const RELEASE = `
local set = redis.call('GET', KEYS[1])
if set then redis.call('ZREM', set, ARGV[1]) end
redis.call('DEL', KEYS[1])
return 0
`;

/**
 * The per-address waiting bound for the whole cluster: a sorted set per address (hashed: addresses are
 * personal data) of the conversations waiting from it, and per conversation which set it is in, so the
 * node where it leaves the queue (a claim on another node) can release it.
 */
export class SharedWaitingAddresses implements WaitingAddresses {
  /** `maxAgeMs`: longer than any chat waits (the wait limit moves it on), so only the dead are dropped. */
  constructor(
    private readonly cluster: Cluster,
    private readonly maxAgeMs: number,
  ) {}

  async reserve(ip: string, conversationId: string, max?: number): Promise<boolean> {
    const ipKey = this.cluster.key(
      `waiting-ip:${createHash('sha256').update(ip).digest('hex').slice(0, 32)}`,
    );
    const reply = await this.cluster.redis.eval(
      RESERVE,
      2,
      ipKey,
      this.convKey(conversationId),
      conversationId,
      max ?? -1,
      Math.ceil(this.maxAgeMs),
    );
    return Number(reply) === 1;
  }

  async release(conversationId: string): Promise<void> {
    await this.cluster.redis.eval(RELEASE, 1, this.convKey(conversationId), conversationId);
  }

  private convKey(conversationId: string): string {
    return this.cluster.key(`waiting-conv:${conversationId}`);
  }
}
