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
import { isStorageError } from '../store/store.ts';
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
  const hello = async (): Promise<void> => {
    await handover.agentConnected(id, me.displayName);
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
    send(await handover.queueFrame());
    send(await handover.agentsFrame());
    for (const frame of await handover.assignedFrames(id)) send(frame);
    send({ type: 'tickets_changed', open: await store.tickets.countOpen() });
  };

  const view = async (f: Frame<'view'>): Promise<void> => {
    const c = await store.conversations.get(f.conversationId);
    if (!c) return fail(ERROR_CODES.notFound, { conversationId: f.conversationId });
    if (c.state !== 'waiting' && c.agentId !== id)
      return fail(ERROR_CODES.forbidden, { conversationId: c.id });
    send({
      type: 'history',
      conversation: await handover.info(c),
      history: (await store.messages.list(c.id)).map(toHistoryItem),
    });
  };

  const sendMessage = async (f: Frame<'send'>): Promise<void> => {
    const c = await store.conversations.get(f.conversationId);
    if (!c || c.state !== 'assigned' || c.agentId !== id) {
      return fail(ERROR_CODES.forbidden, { clientId: f.clientId, conversationId: f.conversationId });
    }
    const at = clock.now().toISOString();
    const redacted = responder.redact(f.text);
    const stored = await store.tx(async () => {
      const r = await store.messages.append({
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
        await store.events.log('agent_message', c.id, { agentId: id, redacted, chars: f.text.length }, at);
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

  const typing = async (f: Frame<'typing'>): Promise<void> => {
    const c = await store.conversations.get(f.conversationId);
    if (c?.state === 'assigned' && c.agentId === id)
      notifier.citizen(c.id, { type: 'typing', from: 'agent', active: f.active });
  };

  const handle = async (f: StaffClientFrame): Promise<void> => {
    switch (f.type) {
      case 'presence':
        return handover.setPresence(id, f.status);
      case 'claim':
        return check(await handover.claim(id, f.conversationId), f.conversationId);
      case 'view':
        return view(f);
      case 'send':
        return sendMessage(f);
      case 'typing':
        return typing(f);
      case 'transfer':
        return check(
          f.toQueue !== undefined
            ? await handover.transferToQueue(id, f.conversationId, f.toQueue, f.note)
            : await handover.transferToAgent(id, f.conversationId, f.toAgentId!, f.note),
          f.conversationId,
        );
      case 'close':
        return check(await handover.close(id, f.conversationId, f.contactType, f.note), f.conversationId);
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
  // The greeting frames go first; frames that arrive meanwhile wait for them.
  let gate = hello().catch((error: unknown) => {
    log.error('staff greeting failed', error);
    fail(ERROR_CODES.internal);
  });
  ws.on('message', (data, isBinary) => {
    gate = gate
      .then(async () => {
        // A frame after logout, a disabled account or a changed password is not acted on.
        if (!(await session.valid())) return;
        if (!(await take(d.chat.limiters.staffFrames, connection))) return fail(ERROR_CODES.rateLimited);
        await onFrame(data, isBinary);
      })
      .catch((error: unknown) => {
        log.error('staff frame not handled', error);
        fail(ERROR_CODES.internal);
      });
  });
  const onFrame = async (data: WebSocket.RawData, isBinary: boolean): Promise<void> => {
    let json: unknown;
    try {
      json = isBinary ? undefined : JSON.parse(data.toString());
    } catch {
      json = undefined;
    }
    const parsed = staffClientFrame.safeParse(json);
    if (!parsed.success) return fail(ERROR_CODES.badFrame);
    await handle(parsed.data).catch((error: unknown) => {
      const isDb = isStorageError(error);
      log.error(`staff ${parsed.data.type} failed`, error);
      const clientId = 'clientId' in parsed.data ? parsed.data.clientId : undefined;
      fail(isDb ? ERROR_CODES.storageFailed : ERROR_CODES.internal, clientId ? { clientId } : {});
    });
  };
  ws.on('close', () => {
    session.stop();
    d.hub.leaveStaff(id, sink);
    // After the greeting (and any frames before it): connect and disconnect stay in order.
    gate = gate.then(() => handover.agentDisconnected(id));
  });
  ws.on('error', (error) => log.warn(socketErrorLine('staff', error)));
}
