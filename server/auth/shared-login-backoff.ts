import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { FIRST_DELAY_MS, FORGET_MS, key, MAX_DELAY_MS, type LoginBackoff } from './login-throttle.ts';

/**
 * One failure: count it, forget the count FORGET_MS after the *last* failure, and set the time the account
 * is held until, all in one step so failures on two nodes at once both count. Redis's own clock decides, so
 * nodes whose clocks drift apart agree. Returns nothing; `WAIT` reads the hold.
 */
const FAILED = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local failures = redis.call('HINCRBY', KEYS[1], 'failures', 1)
local over = failures - tonumber(ARGV[1])
local hold = 0
if over > 0 then hold = now + math.min(tonumber(ARGV[3]), tonumber(ARGV[2]) * 2 ^ math.min(over - 1, 30)) end
redis.call('HSET', KEYS[1], 'until', string.format('%d', hold))
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 0
`;

const WAIT = `
local hold = tonumber(redis.call('HGET', KEYS[1], 'until') or '0')
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if hold > now then return hold - now end
return 0
`;

/**
 * The per-account back-off of LoginThrottle, shared by every node through Redis, so an attacker cannot get
 * a fresh allowance by landing on another node. Two short Lua scripts rather than rate-limiter-flexible
 * (which holds the per-address login limit): its windows are fixed from the first point, which would forget
 * a persistent attacker's failures every hour, and its one custom-script hook is registered per Redis
 * connection, so it would change every other limiter sharing the node's connection. Usernames are hashed in
 * the keys: people type their password into the username field.
 */
export class SharedLoginBackoff implements LoginBackoff {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly free: number,
  ) {}

  async retryAfter(username: string): Promise<number> {
    return Number(await this.redis.eval(WAIT, 1, this.key(username)));
  }

  async failed(username: string): Promise<void> {
    await this.redis.eval(FAILED, 1, this.key(username), this.free, FIRST_DELAY_MS, MAX_DELAY_MS, FORGET_MS);
  }

  async succeeded(username: string): Promise<void> {
    await this.redis.del(this.key(username));
  }

  private key(username: string): string {
    return `${this.prefix}login:${createHash('sha256').update(key(username)).digest('hex').slice(0, 32)}`;
  }
}
