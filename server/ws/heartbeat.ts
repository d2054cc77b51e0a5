import type { WebSocket, WebSocketServer } from 'ws';

/** Each interval is cut into this many ticks; a tick pings one slice of the connections. */
export const HEARTBEAT_SLICES = 10;

/**
 * Pings every client once per interval; one that has not answered its previous ping is dropped, so dead
 * connections (sleeping laptops, lost mobile networks) do not hold agents' chats or queue places. The pings
 * are spread over the interval in slices: pinging 18,000 sockets in one loop stalled every chat for tens of
 * milliseconds.
 */
export function startHeartbeat(wss: WebSocketServer, intervalMs: number): () => void {
  const alive = new WeakSet<WebSocket>();
  const slices = Array.from({ length: HEARTBEAT_SLICES }, () => new Set<WebSocket>());
  let next = 0;
  wss.on('connection', (ws) => {
    alive.add(ws);
    ws.on('pong', () => alive.add(ws));
    // Round-robin keeps the slices even however connections come and go.
    const slice = slices[next++ % HEARTBEAT_SLICES]!;
    slice.add(ws);
    ws.once('close', () => slice.delete(ws));
  });
  let tick = 0;
  const timer = setInterval(() => {
    for (const ws of slices[tick++ % HEARTBEAT_SLICES]!) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, intervalMs / HEARTBEAT_SLICES);
  timer.unref();
  return () => clearInterval(timer);
}
