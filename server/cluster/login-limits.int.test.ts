import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../test-support/test-app.ts';
import { clusterMissing, TwoNodes } from './test-support/two-apps.ts';

const attempt = (url: string, username: string, password: string) =>
  fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });

describe.skipIf(clusterMissing)('login limits across two nodes on one Redis', () => {
  let nodes: TwoNodes;
  beforeAll(async () => {
    nodes = await TwoNodes.start();
  });
  afterAll(async () => await nodes?.stop());

  it("counts an account's failures on node A when it tries node B", async () => {
    const { a, b } = await nodes.pair();
    await a.addStaff('kari');
    const free = a.config.limits.loginFailuresPerAccount;
    // The free failures alternate between the nodes; one more starts the back-off on both.
    for (let i = 0; i < free; i++)
      expect((await attempt((i % 2 ? b : a).app.url, 'kari', 'x')).status).toBe(401);
    expect((await attempt(a.app.url, 'KARI', 'x')).status).toBe(401);
    const held = await attempt(b.app.url, 'kari', PASSWORD);
    expect(held.status).toBe(429);
    expect(Number(held.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // A colleague is not held.
    await a.addStaff('ola');
    expect((await attempt(b.app.url, 'ola', PASSWORD)).status).toBe(200);
  });

  it('counts failed logins from one address on both nodes against one limit', async () => {
    const { a, b } = await nodes.pair((c) => (c.limits.loginAttemptsPer15Minutes = 6));
    // Spread over accounts, as a password spray is, so the per-account back-off does not stop it first.
    for (let i = 0; i < 6; i++)
      expect((await attempt((i % 2 ? b : a).app.url, `user${i}`, 'x')).status).toBe(401);
    await a.addStaff('kari');
    for (const node of [a, b]) {
      const blocked = await attempt(node.app.url, 'kari', PASSWORD);
      expect(blocked.status).toBe(429);
      expect(await blocked.json()).toMatchObject({ code: 'rate_limited' });
    }
  });
});
