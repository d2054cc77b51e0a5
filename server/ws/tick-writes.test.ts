import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { tickBatchedSend } from './tick-writes.ts';

let server: WebSocketServer | undefined;
let client: WebSocket | undefined;

afterEach(async () => {
  client?.terminate();
  await new Promise((resolve) => server?.close(resolve));
});

/** A server socket whose writes to the kernel are counted, and a client that collects what arrives. */
async function pair() {
  server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await once(server, 'listening');
  const connected = once(server, 'connection') as Promise<[WebSocket]>;
  client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
  const received: string[] = [];
  client.on('message', (data) => received.push(data.toString()));
  const [[ws]] = await Promise.all([connected, once(client, 'open')]);
  const socket = (ws as unknown as { _socket: Duplex & Record<string, unknown> })._socket;
  let writes = 0;
  for (const name of ['_write', '_writev'] as const) {
    const original = socket[name] as (...args: unknown[]) => unknown;
    socket[name] = (...args: unknown[]) => {
      writes += 1;
      return original.apply(socket, args);
    };
  }
  return { ws, received, writes: () => writes };
}

describe('tickBatchedSend', () => {
  it('sends the frames of one tick in one write, in order', async () => {
    const { ws, received, writes } = await pair();
    const send = tickBatchedSend(ws);
    send('{"type":"ack"}');
    send('{"type":"bot"}');
    expect(writes()).toBe(0);
    await new Promise((r) => setImmediate(r));
    expect(writes()).toBe(1);
    await expect.poll(() => received).toEqual(['{"type":"ack"}', '{"type":"bot"}']);
  });

  it('without it, ws writes each frame on its own (what the batching saves)', async () => {
    const { ws, writes } = await pair();
    ws.send('{"type":"ack"}');
    ws.send('{"type":"bot"}');
    expect(writes()).toBe(2);
  });

  it('frames of later ticks are not held back', async () => {
    const { ws, received } = await pair();
    const send = tickBatchedSend(ws);
    send('1');
    await new Promise((r) => setImmediate(r));
    send('2');
    await new Promise((r) => setTimeout(r, 5));
    send('3');
    await expect.poll(() => received).toEqual(['1', '2', '3']);
  });

  it('drops frames once the socket is closed, as a plain send would be refused', async () => {
    const { ws, received } = await pair();
    const send = tickBatchedSend(ws);
    ws.close();
    expect(() => send('late')).not.toThrow();
    await new Promise((r) => setTimeout(r, 20));
    expect(received).toEqual([]);
  });
});
