import { afterEach, expect, it } from 'vitest';
import { startTestServer, PASSWORD, type TestServer } from '../test-support/test-app.ts';
import { runQueueLoad } from './queue-load.ts';
import { benchConfigPatch } from './ws-load.ts';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.close();
});

it('floods the waiting list and reports what the staff console took in', async () => {
  t = await startTestServer({ patch: benchConfigPatch });
  await t.addStaff('agent1');
  const result = await runQueueLoad({
    url: t.app.url,
    staff: { username: 'agent1', password: PASSWORD },
    waiting: 30,
    messagesPerSecond: 60,
    seconds: 1,
    normalCitizens: 3,
    normalQuestionsPerSecond: 5,
    questions: ['barnehage', 'avfall'],
  });
  expect(result).toMatchObject({ waiting: 30, messagesSent: 60, errorFrames: {} });
  expect(result.normalReplyMsDuringFlood.count).toBe(5);
  // 60 previews of about 60 bytes each reached the console, not 60 lists of 30 rows.
  expect(result.staffBytesPerSecond).toBeGreaterThan(0);
  expect(result.staffBytesPerSecond).toBeLessThan(60 * 400);
}, 30_000);
