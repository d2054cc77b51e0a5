import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { HEARTBEAT_SLICES, startHeartbeat } from './heartbeat.ts';

const INTERVAL = 10_000;
let stop: (() => void) | undefined;
let server: WebSocketServer | undefined;
const clients: WebSocket[] = [];

afterEach(async () => {
  stop?.();
  for (const c of clients.splice(0)) c.terminate();
  await new Promise((resolve) => server?.close(resolve));
  vi.useRealTimers();
});

async function connect(count: number, o: { autoPong?: boolean } = {}) {
  const port = (server!.address() as AddressInfo).port;
  const pinged = new Map<WebSocket, number>();
  for (let i = 0; i < count; i++) {
    const ws = new WebSocket(`ws://127.0.0.1:${port}`, { autoPong: o.autoPong ?? true });
    ws.on('ping', () => pinged.set(ws, (pinged.get(ws) ?? 0) + 1));
    await once(ws, 'open');
    clients.push(ws);
  }
  return pinged;
}

describe('startHeartbeat', () => {
  it('pings one slice of the connections per tick, and every connection once per interval', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await once(server, 'listening');
    stop = startHeartbeat(server, INTERVAL);
    const pinged = await connect(50);

    vi.advanceTimersByTime(INTERVAL / HEARTBEAT_SLICES);
    await vi.waitFor(() => expect(pinged.size).toBe(50 / HEARTBEAT_SLICES));

    vi.advanceTimersByTime(INTERVAL - INTERVAL / HEARTBEAT_SLICES);
    await vi.waitFor(() => expect(pinged.size).toBe(50));
    expect([...pinged.values()].every((n) => n === 1)).toBe(true);
  });

  it('drops a connection that missed its ping, and only that one', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await once(server, 'listening');
    stop = startHeartbeat(server, INTERVAL);
    await connect(1, { autoPong: false });
    const silent = clients[0];
    await connect(9);
    const closed = once(silent!, 'close');
    for (let t = 0; t < 2 * HEARTBEAT_SLICES; t++) {
      vi.advanceTimersByTime(INTERVAL / HEARTBEAT_SLICES);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await closed;
    expect(clients.filter((c) => c !== silent).every((c) => c.readyState === WebSocket.OPEN)).toBe(true);
  });
});
