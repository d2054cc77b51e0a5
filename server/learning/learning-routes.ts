import { randomUUID } from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { toHistoryItem } from '../chat/history.ts';
import type { Clock } from '../handover/clock.ts';
import type { Notifier } from '../handover/notifier.ts';
import { sendEditorError } from '../editor/editor-errors.ts';
import { SaveBusy } from '../store/knowledge-lock.ts';
import { staffOf } from '../http/staff-auth.ts';
import { sendError } from '../http/respond.ts';
import type { Store } from '../store/store.ts';
import { DISMISS_REASONS, type Retriever } from './deps.ts';
import type { LearningService } from './learning-service.ts';
import type { LearningRecorder } from './recorder.ts';

const wording = z.string().trim().min(3).max(300);
const approveBody = z.strictObject({
  fileId: z.string().min(1).max(200),
  wordings: z.array(wording).min(1).max(20),
  /** Set when the wordings come from an unanswered cluster, so the cluster leaves the inbox too. */
  lang: z.string().min(2).max(5).optional(),
});
const dismissBody = z.strictObject({
  keys: z.array(z.string().min(1).max(400)).min(1).max(50),
  reason: z.enum(DISMISS_REASONS),
});
const knowledgeAnswerBody = z.strictObject({
  conversationId: z.string().min(1).max(100),
  fileId: z.string().min(1).max(200),
  /** false: only record that the file answers the chat (e.g. after answering in one's own words). */
  send: z.boolean().default(true),
});

/** The editors' review inbox: read, approve a wording into a file, dismiss with a reason. */
export function learningEditorRoutes(d: {
  learning: LearningService;
  requireRole: RequestHandler;
  csrfProtect: RequestHandler;
}): Router {
  const router = Router();
  router.get('/api/editor/learning', d.requireRole, async (_req, res) => {
    res.set('Cache-Control', 'no-store').json(await d.learning.inbox());
  });
  router.post('/api/editor/learning/approve', d.requireRole, d.csrfProtect, async (req, res, next) => {
    const body = approveBody.safeParse(req.body);
    if (!body.success) return sendEditorError(res, 400, 'bad_request');
    try {
      const staff = staffOf(res);
      const r = await d.learning.approve(
        body.data.fileId,
        body.data.wordings,
        { username: staff.username, displayName: staff.displayName },
        body.data.lang,
      );
      if (r.ok) return void res.json(r);
      if (r.code === 'not_found') return sendEditorError(res, 404, 'not_found');
      if (r.code === 'wording_refused')
        return sendEditorError(res, 422, 'wording_refused', { wordings: r.wordings });
      sendEditorError(res, 422, 'knowledge_invalid', { issues: r.issues ?? [] });
    } catch (error) {
      // Another node's save held the knowledge lock too long: nothing was written.
      if (error instanceof SaveBusy) return sendEditorError(res, 503, 'save_busy');
      next(error);
    }
  });
  router.post('/api/editor/learning/dismiss', d.requireRole, d.csrfProtect, async (req, res) => {
    const body = dismissBody.safeParse(req.body);
    if (!body.success) return sendEditorError(res, 400, 'bad_request');
    const staff = staffOf(res);
    await d.learning.dismiss(body.data.keys, body.data.reason, {
      username: staff.username,
      displayName: staff.displayName,
    });
    res.json({ dismissed: body.data.keys.length });
  });
  return router;
}

/**
 * "Send a knowledge answer" in the staff console: the agent sends a knowledge file's text into the chat they
 * hold, and the chat is labelled with that file for the editors' inbox. With `send: false` only the label is
 * recorded.
 */
export function knowledgeAnswerRoute(d: {
  store: Store;
  clock: Clock;
  notifier: Notifier;
  retriever: () => Retriever;
  recorder: LearningRecorder;
  redact(text: string): string;
  requireStaff: RequestHandler;
  csrfProtect: RequestHandler;
}): Router {
  const router = Router();
  // The files an agent may send: live knowledge only, by title.
  router.get('/api/staff/knowledge-files', d.requireStaff, (_req, res) => {
    const files = d
      .retriever()
      .files()
      .map((f) => ({ id: f.id, title: f.title, lang: f.lang }))
      .sort((a, b) => a.title.localeCompare(b.title));
    res.set('Cache-Control', 'no-store').json({ files });
  });
  router.post('/api/staff/knowledge-answer', d.requireStaff, d.csrfProtect, async (req, res) => {
    const body = knowledgeAnswerBody.safeParse(req.body);
    if (!body.success) return sendError(res, 400, 'bad_frame');
    const me = staffOf(res);
    const c = await d.store.conversations.get(body.data.conversationId);
    const file = d
      .retriever()
      .files()
      .find((f) => f.id === body.data.fileId);
    if (!c || !file) return sendError(res, 404, 'not_found');
    const mine = c.agentId === me.staffId;
    if (!mine || (body.data.send && c.state !== 'assigned')) return sendError(res, 403, 'forbidden');
    let messageId: number | undefined;
    if (body.data.send) {
      const text = file.link ? `${file.body.trim()}\n\n${file.link}` : file.body.trim();
      const at = d.clock.now().toISOString();
      const redacted = d.redact(text);
      const m = await d.store.tx(async () => {
        const r = await d.store.messages.append({
          conversationId: c.id,
          clientId: `staff:${me.staffId}:knowledge:${randomUUID()}`,
          role: 'agent',
          text,
          redacted,
          meta: { firstName: me.displayName, fileId: file.id },
          staffId: me.staffId,
          at,
        });
        await d.store.events.log(
          'agent_message',
          c.id,
          { agentId: me.staffId, redacted, chars: text.length },
          at,
        );
        return r.message;
      });
      messageId = m.id;
      d.notifier.citizen(c.id, { type: 'agent', messageId: m.id, text, firstName: me.displayName });
      d.notifier.agent(me.staffId, { type: 'message', conversationId: c.id, item: toHistoryItem(m) });
    }
    const labelled = await d.recorder.staffLabel(c.id, file.id, c.reason ?? undefined, c.lang);
    res.json({ labelled, ...(messageId !== undefined ? { messageId } : {}) });
  });
  return router;
}
