import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { z } from 'zod';
import type { Config } from '../config/schema.ts';
import type { Logger } from '../log.ts';

type RedisConfig = Config['redis'] & { url: string };

/**
 * One node's link to the others: a command connection, a subscriber connection (Redis pub/sub needs its
 * own), and this node's id. Messages are validated on the way in, as every other boundary is.
 */
export class Cluster {
  readonly nodeId = randomUUID();
  readonly prefix: string;
  readonly heartbeatMs: number;
  readonly nodeTimeoutMs: number;
  private readonly handlers = new Map<string, (message: unknown) => void>();
  private closed = false;

  private constructor(
    readonly redis: Redis,
    private readonly sub: Redis,
    config: RedisConfig,
    private readonly log: Logger,
  ) {
    this.prefix = config.keyPrefix;
    this.heartbeatMs = config.heartbeatSeconds * 1000;
    this.nodeTimeoutMs = config.nodeTimeoutSeconds * 1000;
    sub.on('message', (channel: string, text: string) => this.dispatch(channel, text));
  }

  static async connect(config: RedisConfig, log: Logger): Promise<Cluster> {
    // Commands wait for a reconnect (briefly) instead of failing at once when Redis blips.
    const options = { lazyConnect: true, maxRetriesPerRequest: 3, enableOfflineQueue: true };
    // Loaded only by nodes of a cluster: a single node's start need not pay for the client.
    const { Redis } = await import('ioredis');
    const redis = new Redis(config.url, options);
    const sub = new Redis(config.url, options);
    for (const [name, client] of [
      ['commands', redis],
      ['subscriber', sub],
    ] as const) {
      client.on('error', (error: Error) => log.warn(`redis (${name}): ${error.message}`));
    }
    try {
      await Promise.all([redis.connect(), sub.connect()]);
    } catch (error) {
      redis.disconnect();
      sub.disconnect();
      throw new Error(`cannot reach Redis at ${safeUrl(config.url)}: ${(error as Error).message}`);
    }
    return new Cluster(redis, sub, config, log);
  }

  key(name: string): string {
    return `${this.prefix}${name}`;
  }

  /** Every node (this one too) gets messages on `channel`, checked against `schema`. */
  async subscribe<T>(channel: string, schema: z.ZodType<T>, handle: (message: T) => void): Promise<void> {
    const full = this.key(channel);
    this.handlers.set(full, (raw) => {
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        this.log.warn(`cluster message on ${full} ignored: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
        return;
      }
      handle(parsed.data);
    });
    await this.sub.subscribe(full);
  }

  publish(channel: string, message: object): void {
    if (this.closed) return;
    this.redis.publish(this.key(channel), JSON.stringify(message)).catch((error: unknown) => {
      this.log.warn(`cluster publish on ${channel} failed: ${(error as Error).message}`);
    });
  }

  /**
   * A lease: true for exactly one caller per `name` until `ttlMs` passes. Used where one node of the
   * cluster must act (a wait limit, the retention job); an expired lease lets another node take over.
   */
  async lease(name: string, ttlMs: number): Promise<boolean> {
    const reply = await this.redis.set(this.key(`lease:${name}`), this.nodeId, 'PX', Math.ceil(ttlMs), 'NX');
    return reply === 'OK';
  }

  /** Both connections up and Redis answering within a second. */
  async healthy(): Promise<boolean> {
    if (this.closed || this.sub.status !== 'ready') return false;
    try {
      const pong = await Promise.race([this.redis.ping(), delay(1000, undefined, { ref: false })]);
      return pong === 'PONG';
    } catch {
      return false;
    }
  }

  private dispatch(channel: string, text: string): void {
    const handler = this.handlers.get(channel);
    if (!handler) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.log.warn(`cluster message on ${channel} is not JSON; ignored`);
      return;
    }
    handler(value);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.sub.disconnect();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** The URL without its password, for messages. */
export function safeUrl(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, '//***@');
}
