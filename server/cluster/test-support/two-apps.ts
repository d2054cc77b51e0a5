import type { Config } from '../../config/schema.ts';
import { FakeClock } from '../../test-support/fake-clock.ts';
import { postgresMissing, startPostgres, type TestPostgres } from '../../test-support/postgres.ts';
import { redisMissing, startRedis, type TestRedis } from '../../test-support/redis.ts';
import { OPEN_HOURS, startTestServer, type TestServer } from '../../test-support/test-app.ts';

/** Why the two-node tests cannot run here, or undefined. */
export const clusterMissing: string | undefined = redisMissing ?? postgresMissing();

/**
 * Two app instances in this process on one PostgreSQL and one Redis (both started here, throwaway): enough
 * for real websocket clients on node A and node B. Each `pair()` gets a fresh database and key prefix, so
 * tests in one file do not see each other's rows or keys. One fake clock drives both nodes' timers.
 */
export class TwoNodes {
  private n = 0;
  private readonly started: TestServer[] = [];

  private constructor(
    readonly pg: TestPostgres,
    readonly redis: TestRedis,
  ) {}

  static async start(): Promise<TwoNodes> {
    const [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
    return new TwoNodes(pg, redis);
  }

  /** `prefix`: the Redis key prefix, for a test whose other processes use the default one. */
  async pair(
    patch?: (c: Config) => void,
    prefix?: string,
  ): Promise<{ a: TestServer; b: TestServer; clock: FakeClock; databaseUrl: string }> {
    const i = ++this.n;
    const databaseUrl = await this.pg.createDatabase(`pair${i}`);
    const clock = new FakeClock(OPEN_HOURS);
    const shared = (c: Config) => {
      c.database.url = databaseUrl;
      c.redis = {
        url: this.redis.url,
        keyPrefix: prefix ?? `p${i}:`,
        heartbeatSeconds: 0.2,
        nodeTimeoutSeconds: 1,
      };
      // The same secret on every node, as production needs, so a CSRF token from A is good on B.
      c.session.secret = 'two-nodes-test-secret-0123456789abcdef';
      patch?.(c);
    };
    // One after the other: both migrate the same new database.
    const a = await startTestServer({ patch: shared, clock });
    const b = await startTestServer({ patch: shared, clock });
    this.started.push(a, b);
    return { a, b, clock, databaseUrl };
  }

  async stop(): Promise<void> {
    for (const s of this.started) await s.close();
    await this.redis.stop();
    await this.pg.stop();
  }
}
