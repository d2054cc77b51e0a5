import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { startPlainWsServer } from './plain-ws-server.ts';
import { closeCitizens, openCitizens, runRateStep } from './rate-load.ts';

it('keeps a step at its rate against a server that answers every question', async () => {
  const server = await startPlainWsServer();
  const citizens = await openCitizens(server.url, 20);
  try {
    const step = await runRateStep(citizens, { rate: 50, seconds: 1 }, ['hei', 'barnehage']);
    expect(step).toMatchObject({ sent: 50, replied: 50, errorFrames: 0 });
    expect(step.failed).toBeUndefined();
    expect(step.replyMs?.count).toBe(50);
  } finally {
    closeCitizens(citizens);
    await server.close();
  }
});

it('reports a step as failed, without latencies, when replies fall behind', async () => {
  // Welcomes citizens and answers only every other question.
  const http = createServer();
  const wss = new WebSocketServer({ server: http, path: '/ws/citizen' });
  let n = 0;
  wss.on('connection', (ws) =>
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { type: string };
      if (frame.type === 'start') ws.send(JSON.stringify({ type: 'welcome' }));
      else if ((n += 1) % 2 === 0) ws.send(JSON.stringify({ type: 'bot', text: 'svar' }));
    }),
  );
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const citizens = await openCitizens(url, 5);
  try {
    const step = await runRateStep(citizens, { rate: 20, seconds: 1 }, ['hei']);
    expect(step.replied).toBe(10);
    expect(step.failed).toContain('10 of 20 replies');
    expect(step.replyMs).toBeUndefined();
  } finally {
    closeCitizens(citizens);
    await new Promise((r) => wss.close(() => http.close(r)));
  }
});
