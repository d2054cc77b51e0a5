import { afterEach, expect, it } from 'vitest';
import { startTestServer, PASSWORD, type TestServer } from '../test-support/test-app.ts';
import { benchConfigPatch, percentiles, runWsLoad } from './ws-load.ts';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.close();
});

it('computes percentiles by rank', () => {
  const values = Array.from({ length: 100 }, (_, i) => i + 1);
  expect(percentiles(values)).toEqual({ count: 100, p50: 50, p95: 95, p99: 99, max: 100 });
  expect(percentiles([])).toMatchObject({ count: 0, p99: 0 });
});

it('drives citizens and agents against a running app and counts what came back', async () => {
  const server = await startTestServer({ patch: benchConfigPatch });
  t = server;
  await server.addStaff('agent1');
  await server.addStaff('agent2');
  const result = await runWsLoad({
    url: server.app.url,
    citizens: 30,
    staff: [
      { username: 'agent1', password: PASSWORD },
      { username: 'agent2', password: PASSWORD },
    ],
    questions: ['barnehage', 'avfall', 'hei'],
    messagesPerCitizen: 2,
    handovers: 4,
    messagesPerHandover: 2,
  });
  expect(result).toMatchObject({
    citizensConnected: 30,
    staffConnected: 2,
    connectErrors: 0,
    handoversClaimed: 4,
  });
  expect(result.botReplyMs.count).toBe(60);
  expect(result.agentMessageMs.count).toBe(8);
  expect(result.errorFrames).toEqual({});
});
