import type { WebSocket } from 'ws';
import type { ChatDeps } from '../chat/citizen-session.ts';
import { CitizenSession } from '../chat/citizen-session.ts';
import { ERROR_CODES, citizenClientFrame, frameErrorCode } from '../protocol.ts';
import type { Hub, Sink } from './hub.ts';
import { TokenBucket, type IpLimiter } from './rate-limit.ts';

export interface CitizenSocketDeps {
  chat: ChatDeps;
  hub: Hub;
  ipLimiter: IpLimiter;
}

const clientIdOf = (json: unknown): string | undefined => {
  const id = (json as { clientId?: unknown } | null)?.clientId;
  return typeof id === 'string' && id.length <= 64 ? id : undefined;
};

/**
 * One citizen websocket: limits, parsing, and hand-off to the conversation logic. A bad frame is answered
 * with an error frame and the connection stays open.
 */
export function handleCitizenSocket(ws: WebSocket, ip: string, d: CitizenSocketDeps): void {
  const limits = d.chat.config.limits;
  const bucket = new TokenBucket(
    d.chat.clock,
    limits.frameBurstPerConnection,
    limits.framesPerSecondPerConnection,
  );
  const sink: Sink = { send: (data) => ws.readyState === ws.OPEN && ws.send(data) };
  let joined: string | undefined;
  const session = new CitizenSession(
    d.chat,
    (frame) => sink.send(JSON.stringify(frame)),
    (conversationId) => {
      if (joined) d.hub.leaveCitizen(joined, sink);
      joined = conversationId;
      if (conversationId) d.hub.joinCitizen(conversationId, sink);
    },
    ip,
  );

  ws.on('message', (data, isBinary) => {
    if (!bucket.take() || !d.ipLimiter.takeFrame(ip)) return session.error(ERROR_CODES.rateLimited);
    if (isBinary) return session.error(ERROR_CODES.badFrame);
    let json: unknown;
    try {
      json = JSON.parse(data.toString());
    } catch {
      return session.error(ERROR_CODES.badFrame);
    }
    const parsed = citizenClientFrame.safeParse(json);
    if (!parsed.success) return session.error(frameErrorCode(parsed.error.issues), clientIdOf(json));
    void session.handle(parsed.data);
  });
  ws.on('close', () => {
    if (joined) d.hub.leaveCitizen(joined, sink);
  });
  ws.on('error', (error) => d.chat.log.warn('citizen socket error', error));
}
