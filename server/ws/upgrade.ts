import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { createRequire } from 'node:module';
import type * as WsModule from 'ws';
import type { LiveSessions } from '../auth/live-sessions.ts';
import { findSession, sessionToken } from '../auth/sessions.ts';
import { hashToken } from '../chat/tokens.ts';
import type { ChatDeps } from '../chat/citizen-session.ts';
import { handleCitizenSocket } from './citizen-socket.ts';
import { startHeartbeat } from './heartbeat.ts';
import type { Hub } from './hub.ts';
import { ConnectionCounter, type ConnectionSlots } from './rate-limit.ts';
import { clientIp, isAllowedOrigin, isSameOrigin, type TrustProxy } from './request-info.ts';
import { handleStaffSocket } from './staff-socket.ts';

/** Required, not imported: through its ESM wrapper `ws` costs three times as much to load at every start. */
const { WebSocketServer } = createRequire(import.meta.url)('ws') as typeof WsModule;

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * `/ws/citizen` (origin allow-list, connections per IP) and `/ws/staff` (same-origin, session cookie,
 * agent or admin) on the HTTP server's port. Returns a function that closes every socket.
 */
export function attachWebsockets(
  server: Server,
  d: {
    chat: ChatDeps;
    hub: Hub;
    live: LiveSessions;
    trust: TrustProxy;
    /** Citizen connections per address; this process's count by default, the cluster's on several nodes. */
    connections?: ConnectionSlots;
  },
): { close(): void } {
  const { config, clock, store } = d.chat;
  const options = { noServer: true, maxPayload: config.limits.wsMaxPayloadBytes, clientTracking: true };
  const citizens = new WebSocketServer(options);
  const staff = new WebSocketServer(options);
  const connections = d.connections ?? new ConnectionCounter(config.limits.maxConnectionsPerIp);
  const heartbeatMs = config.limits.heartbeatSeconds * 1000;
  const stopHeartbeats = [startHeartbeat(citizens, heartbeatMs), startHeartbeat(staff, heartbeatMs)];

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    const path = new URL(req.url ?? '/', 'http://svar').pathname;
    const origin = req.headers.origin;
    if (path === '/ws/citizen') {
      if (!isAllowedOrigin(origin, req.headers.host, config.widget.allowedOrigins))
        return refuse(socket, 403, 'Forbidden');
      const ip = clientIp(req, d.trust);
      const admit = (ok: boolean): void => {
        if (!ok) return refuse(socket, 429, 'Too Many Requests');
        // Gone while the count was asked for (a shared count is a round trip to Redis).
        if (socket.destroyed) return connections.release(ip);
        citizens.handleUpgrade(req, socket, head, (ws) => {
          ws.on('close', () => connections.release(ip));
          citizens.emit('connection', ws, req);
          handleCitizenSocket(ws, ip, { chat: d.chat, hub: d.hub });
        });
      };
      const slot = connections.acquire(ip);
      if (typeof slot === 'boolean') return admit(slot);
      slot.then(admit, () => refuse(socket, 503, 'Service Unavailable'));
      return;
    }
    if (path === '/ws/staff') {
      // The console is served from this server: a staff socket from any other page is cross-site.
      if (!origin || !isSameOrigin(origin, req.headers.host)) return refuse(socket, 403, 'Forbidden');
      const token = sessionToken(req.headers.cookie);
      findSession(store, clock, token).then(
        (me) => {
          if (!me || !token) return refuse(socket, 401, 'Unauthorized');
          if (me.role !== 'agent' && me.role !== 'admin') return refuse(socket, 403, 'Forbidden');
          staff.handleUpgrade(req, socket, head, (ws) => {
            staff.emit('connection', ws, req);
            handleStaffSocket(ws, me, {
              chat: d.chat,
              hub: d.hub,
              live: d.live,
              tokenHash: hashToken(token),
            });
          });
        },
        () => refuse(socket, 503, 'Service Unavailable'),
      );
      return;
    }
    refuse(socket, 404, 'Not Found');
  };
  server.on('upgrade', onUpgrade);

  return {
    close() {
      server.off('upgrade', onUpgrade);
      for (const stop of stopHeartbeats) stop();
      for (const wss of [citizens, staff]) {
        for (const ws of wss.clients) ws.terminate();
        wss.close();
      }
    },
  };
}
