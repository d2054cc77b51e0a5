import type WebSocket from 'ws';
import { loadCanned } from '../chat/canned.ts';
import { toHistoryItem } from '../chat/history.ts';
import type { ChatDeps } from '../chat/citizen-session.ts';
import { ERROR_MESSAGES } from '../error-messages.ts';
import { isOpen } from '../handover/office-hours.ts';
import type { ActionResult } from '../handover/service.ts';
import {
  CONTACT_TYPES,
  ERROR_CODES,
  staffClientFrame,
  type ErrorCode,
  type StaffClientFrame,
  type StaffServerFrame,
} from '../protocol.ts';
import type { SessionStaff } from '../store/sessions.ts';
import type { Hub, Sink } from './hub.ts';
import { watchStaffSession } from './staff-session-watch.ts';
import type { LiveSessions } from '../auth/live-sessions.ts';
import { take } from './rate-limit.ts';
import { socketErrorLine } from './socket-error.ts';

let connections = 0;

type Frame<T extends StaffClientFrame['type']> = Extract<StaffClientFrame, { type: T }>;

/** One staff console connection, authenticated on upgrade and re-checked while it lives. */
export function handleStaffSocket(
  ws: WebSocket,
  me: SessionStaff,
  d: { chat: ChatDeps; hub: Hub; live: LiveSessions; tokenHash: string },
): void {
  const { store, handover, clock, config, notifier, responder, log } = d.chat;
  const id = me.staffId;
  const sink: Sink = { send: (data) => ws.readyState === ws.OPEN && ws.send(data) };
  const send = (frame: StaffServerFrame): void => sink.send(JSON.stringify(frame));
  const fail = (code: ErrorCode, extra: { clientId?: string; conversationId?: string } = {}): void =>
    send({ type: 'error', code, message: ERROR_MESSAGES[code], ...extra });
  const check = (r: ActionResult, conversationId: string): void => {
    if (!r.ok) fail(r.code, { conversationId });
  };

  const session = watchStaffSession(ws, me, {
    store,
    clock,
    live: d.live,
    tokenHash: d.tokenHash,
    onEnd: () => fail(ERROR_CODES.unauthorized),
  });

  d.hub.joinStaff(id, sink);
  handover.agentConnected(id, me.displayName);
  const now = clock.now();
  send({
    type: 'hello',
    v: 1,
    me: { id, firstName: me.displayName, role: me.role, presence: 'online' },
    queues: config.queues.list.map((q) => ({
      id: q.id,
      name: q.name,
      open: isOpen(handover.hours(q.id), now),
    })),
    contactTypes: [...CONTACT_TYPES],
    maxChats: config.limits.agentMaxConcurrentChats,
  });
  send(handover.queueFrame());
  send(handover.agentsFrame());
  for (const frame of handover.assignedFrames(id)) send(frame);
  send({ type: 'tickets_changed', open: store.tickets.countOpen() });

  const view = (f: Frame<'view'>): void => {
    const c = store.conversations.get(f.conversationId);
    if (!c) return fail(ERROR_CODES.notFound, { conversationId: f.conversationId });
    if (c.state !== 'waiting' && c.agentId !== id)
      return fail(ERROR_CODES.forbidden, { conversationId: c.id });
    send({
      type: 'history',
      conversation: handover.info(c),
      history: store.messages.list(c.id).map(toHistoryItem),
    });
  };

  const sendMessage = (f: Frame<'send'>): void => {
    const c = store.conversations.get(f.conversationId);
    if (!c || c.state !== 'assigned' || c.agentId !== id) {
      return fail(ERROR_CODES.forbidden, { clientId: f.clientId, conversationId: f.conversationId });
    }
    const at = clock.now().toISOString();
    const redacted = responder.redact(f.text);
    const stored = store.tx(() => {
      const r = store.messages.append({
        conversationId: c.id,
        clientId: `staff:${id}:${f.clientId}`,
        role: 'agent',
        text: f.text,
        redacted,
        meta: { firstName: me.displayName },
        staffId: id,
        at,
      });
      if (!r.duplicate)
        store.events.log('agent_message', c.id, { agentId: id, redacted, chars: f.text.length }, at);
      return r;
    });
    send({ type: 'ack', conversationId: c.id, clientId: f.clientId, messageId: stored.message.id });
    if (!stored.duplicate) {
      notifier.citizen(c.id, {
        type: 'agent',
        messageId: stored.message.id,
        text: f.text,
        firstName: me.displayName,
      });
    }
  };

  const typing = (f: Frame<'typing'>): void => {
    const c = store.conversations.get(f.conversationId);
    if (c?.state === 'assigned' && c.agentId === id)
      notifier.citizen(c.id, { type: 'typing', from: 'agent', active: f.active });
  };

  const handle = async (f: StaffClientFrame): Promise<void> => {
    switch (f.type) {
      case 'presence':
        return handover.setPresence(id, f.status);
      case 'claim':
        return check(handover.claim(id, f.conversationId), f.conversationId);
      case 'view':
        return view(f);
      case 'send':
        return sendMessage(f);
      case 'typing':
        return typing(f);
      case 'transfer':
        return check(
          f.toQueue !== undefined
            ? handover.transferToQueue(id, f.conversationId, f.toQueue, f.note)
            : handover.transferToAgent(id, f.conversationId, f.toAgentId!, f.note),
          f.conversationId,
        );
      case 'close':
        return check(handover.close(id, f.conversationId, f.contactType, f.note), f.conversationId);
      case 'canned':
        return send({
          type: 'canned',
          lang: f.lang,
          // Editors write {agent} where the agent's own first name belongs.
          responses: (await loadCanned(config.paths.knowledgeDir, f.lang, log)).map((r) => ({
            ...r,
            text: r.text.replaceAll('{agent}', me.displayName),
          })),
        });
    }
  };

  const connection = `s${++connections}`;
  // Frames are admitted in arrival order, so a staff member's actions keep their order.
  let gate = Promise.resolve();
  ws.on('message', (data, isBinary) => {
    // A frame after logout, a disabled account or a changed password is not acted on.
    if (!session.valid()) return;
    gate = gate
      .then(async () => {
        if (!(await take(d.chat.limiters.staffFrames, connection))) return fail(ERROR_CODES.rateLimited);
        onFrame(data, isBinary);
      })
      .catch((error: unknown) => {
        log.error('staff frame not handled', error);
        fail(ERROR_CODES.internal);
      });
  });
  const onFrame = (data: WebSocket.RawData, isBinary: boolean): void => {
    let json: unknown;
    try {
      json = isBinary ? undefined : JSON.parse(data.toString());
    } catch {
      json = undefined;
    }
    const parsed = staffClientFrame.safeParse(json);
    if (!parsed.success) return fail(ERROR_CODES.badFrame);
    handle(parsed.data).catch((error: unknown) => {
      const code = (error as { code?: unknown }).code;
      const isDb = typeof code === 'string' && code.startsWith('SQLITE');
      log.error(`staff ${parsed.data.type} failed`, error);
      const clientId = 'clientId' in parsed.data ? parsed.data.clientId : undefined;
      fail(isDb ? ERROR_CODES.storageFailed : ERROR_CODES.internal, clientId ? { clientId } : {});
    });
  };
  ws.on('close', () => {
    session.stop();
    d.hub.leaveStaff(id, sink);
    handover.agentDisconnected(id);
  });
  ws.on('error', (error) => log.warn(socketErrorLine('staff', error)));
}
