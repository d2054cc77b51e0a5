import type WebSocket from 'ws';
import type { ChatDeps } from '../chat/citizen-session.ts';
import { CitizenSession } from '../chat/citizen-session.ts';
import { ERROR_CODES, citizenClientFrame, frameErrorCode } from '../protocol.ts';
import type { Hub, Sink } from './hub.ts';
import { take } from './rate-limit.ts';
import { socketErrorLine } from './socket-error.ts';

export interface CitizenSocketDeps {
  chat: ChatDeps;
  hub: Hub;
}

let connections = 0;

const clientIdOf = (json: unknown): string | undefined => {
  const id = (json as { clientId?: unknown } | null)?.clientId;
  return typeof id === 'string' && id.length <= 64 ? id : undefined;
};

/**
 * One citizen websocket: limits, parsing, and hand-off to the conversation logic. A bad frame is answered
 * with an error frame and the connection stays open.
 */
export function handleCitizenSocket(ws: WebSocket, ip: string, d: CitizenSocketDeps): void {
  const { limiters } = d.chat;
  const connection = `c${++connections}`;
  const sink: Sink = { send: (data) => ws.readyState === ws.OPEN && ws.send(data) };
  let joined: string | undefined;
  // Whether the citizen's page is there is a side matter for staff: a failure is logged, never thrown.
  const visitor = (p: Promise<void>): void => {
    p.catch((error: unknown) => d.chat.log.error('citizen presence not updated', error));
  };
  const session = new CitizenSession(
    d.chat,
    (frame) => sink.send(JSON.stringify(frame)),
    (conversationId) => {
      if (joined) {
        d.hub.leaveCitizen(joined, sink);
        visitor(d.chat.handover.citizenDisconnected(joined));
      }
      joined = conversationId;
      if (conversationId) {
        d.hub.joinCitizen(conversationId, sink);
        visitor(d.chat.handover.citizenConnected(conversationId));
      }
    },
    ip,
  );

  const admitted = async (): Promise<boolean> =>
    (await take(limiters.citizenFrames, connection)) && (await take(limiters.ipFrames, ip));
  // Limits are checked in arrival order, so frames reach the session in the order they were sent.
  let gate = Promise.resolve();
  ws.on('message', (data, isBinary) => {
    gate = gate
      .then(async () => {
        if (!(await admitted())) return session.error(ERROR_CODES.rateLimited);
        onFrame(data, isBinary);
      })
      .catch((error: unknown) => {
        d.chat.log.error('citizen frame not handled', error);
        session.error(ERROR_CODES.internal);
      });
  });
  const onFrame = (data: WebSocket.RawData, isBinary: boolean): void => {
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
  };
  ws.on('close', () => {
    if (!joined) return;
    d.hub.leaveCitizen(joined, sink);
    visitor(d.chat.handover.citizenDisconnected(joined));
  });
  ws.on('error', (error) => d.chat.log.warn(socketErrorLine('citizen', error)));
}
