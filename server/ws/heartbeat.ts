import type { WebSocket, WebSocketServer } from 'ws';

/**
 * Pings every client each interval; one that has not answered the previous ping is dropped, so dead
 * connections (sleeping laptops, lost mobile networks) do not hold agents' chats or queue places.
 */
export function startHeartbeat(wss: WebSocketServer, intervalMs: number): () => void {
  const alive = new WeakSet<WebSocket>();
  wss.on('connection', (ws) => {
    alive.add(ws);
    ws.on('pong', () => alive.add(ws));
  });
  const timer = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
