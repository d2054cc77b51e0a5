/**
 * `npm run bench`'s cluster part in a tiny configuration (20 citizens, one kill -9), so the bench cannot
 * rot unnoticed: the report has its shape, and no acknowledged message is lost. Timings are not checked.
 */
import { describe, expect, it } from 'vitest';
import { postgresMissing } from '../server/test-support/postgres.ts';
import { redisMissing } from '../server/test-support/redis.ts';
import { runClusterBench } from './bench-cluster.ts';
import { clusterMarkdown } from './bench-cluster-report.ts';

const missing = redisMissing ?? postgresMissing();
if (missing) console.warn(`cluster bench test ${missing}`);

describe.skipIf(missing)('the cluster bench, tiny', () => {
  it('reports delivery both ways and a kill -9 cycle with nothing acknowledged lost', async () => {
    const r = await runClusterBench({
      citizens: 20,
      agentsPerNode: 1,
      chatsPerAgent: 2,
      rate: 10,
      stepSeconds: 2,
      killCycles: 1,
      // The source through tsx: the test must not depend on (or race) a build of dist/server.
      built: false,
    });
    expect(r).toMatchObject({ nodes: 3, citizensConnected: 20, agents: 3, chats: 6, rate: 10 });
    expect(r.delivery.map((s) => s.direction)).toEqual(['citizen-to-agent', 'agent-to-citizen']);
    for (const step of r.delivery) {
      expect(step.sent).toBe(20);
      // A step is either measured or failed, never both.
      expect(step.deliveryMs === undefined).toBe(typeof step.failed === 'string');
      expect(step.loadAverage1m.before).toBeGreaterThanOrEqual(0);
    }
    expect(r.kills.cycles).toHaveLength(1);
    const [cycle] = r.kills.cycles;
    expect(cycle?.node).toBe(1);
    expect(cycle?.citizens).toBeGreaterThan(0);
    expect(cycle?.notResumed).toBe(0);
    expect(cycle?.resumeMs.count).toBe(cycle?.citizens);
    expect(r.kills.acknowledged).toBeGreaterThan(0);
    expect(r.kills.lost).toBe(0);
    expect(r.kills.duplicates).toBe(0);
    expect(r.kills.unacknowledgedAtEnd).toBe(0);
    expect(clusterMarkdown(r)).toContain('**0 lost**');
  }, 240_000);
});
