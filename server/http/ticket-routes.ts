import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../config/schema.ts';
import type { Clock } from '../handover/clock.ts';
import type { Notifier } from '../handover/notifier.ts';
import type { Logger } from '../log.ts';
import { mailErrorCode, type Mailer } from '../mail/mailer.ts';
import { toHistoryItem } from '../chat/history.ts';
import { CONTACT_TYPES, MAX_MESSAGE_CHARS, MAX_NOTE_CHARS } from '../protocol.ts';
import type { Ticket } from '../store/tickets.ts';
import type { Store } from '../store/store.ts';
import { serverTexts } from '../texts.ts';
import type { Csrf } from './csrf.ts';
import { sendError } from './respond.ts';
import { requireStaff, staffOf } from './staff-auth.ts';

const answerBody = z.discriminatedUnion('channel', [
  z.strictObject({
    channel: z.literal('email'),
    text: z
      .string()
      .trim()
      .min(1)
      .max(MAX_MESSAGE_CHARS * 2),
    contactType: z.enum(CONTACT_TYPES).optional(),
  }),
  z.strictObject({
    channel: z.literal('phone'),
    note: z.string().trim().max(MAX_NOTE_CHARS).optional(),
    contactType: z.enum(CONTACT_TYPES).optional(),
  }),
]);

/** Offline messages for staff: GET /api/staff/tickets, POST /api/staff/tickets/:id/answer. */
export function ticketRoutes(d: {
  store: Store;
  clock: Clock;
  config: Config;
  csrf: Csrf;
  mailer: Mailer | undefined;
  notifier: Notifier;
  redact: (text: string) => string;
  log: Logger;
}): Router {
  const { store, clock, config } = d;
  const router = Router();
  const staffOnly = requireStaff(store, clock, ['agent', 'admin']);

  // Issue 19: each ticket with the bot conversation before it, who took it, and its contact type; the list
  // can be narrowed to one department (queue). Answered ones come newest first.
  const withWork = async (t: Ticket) => {
    const handling = await store.ticketHandling.of(t.id);
    const answeredBy = t.answeredBy === null ? undefined : await store.staff.get(t.answeredBy);
    return {
      ...t,
      answeredByName: answeredBy?.displayName ?? null,
      assignedTo: handling?.assignedTo ?? null,
      assignedName: handling?.assignedName ?? null,
      contactType: handling?.contactType ?? null,
      history: t.conversationId ? (await store.messages.list(t.conversationId)).map(toHistoryItem) : [],
    };
  };

  router.get('/api/staff/tickets', staffOnly, async (req, res) => {
    const status = req.query.status === 'answered' ? 'answered' : 'open';
    const department = typeof req.query.department === 'string' ? req.query.department : '';
    const list = (await store.tickets.list(status)).filter((t) => !department || t.queue === department);
    if (status === 'answered') list.reverse();
    res.json({ tickets: await Promise.all(list.map(withWork)) });
  });

  router.post('/api/staff/tickets/:id/take', staffOnly, d.csrf.protect, async (req, res) => {
    const id = Number(req.params.id);
    if (!Number.isInteger(id)) return sendError(res, 400, 'bad_frame');
    const ticket = await store.tickets.get(id);
    if (!ticket) return sendError(res, 404, 'not_found');
    if (ticket.status !== 'open') return sendError(res, 409, 'invalid_state');
    const staff = staffOf(res);
    const at = clock.now().toISOString();
    const taken = await store.tx(async () => {
      if (!(await store.ticketHandling.take(id, staff.staffId, at))) return false;
      await store.audit.log({
        actor: `staff:${staff.staffId}`,
        action: 'ticket_taken',
        target: String(id),
        details: null,
        at,
      });
      return true;
    });
    if (!taken) return sendError(res, 409, 'already_claimed');
    d.notifier.allStaff({ type: 'tickets_changed', open: await store.tickets.countOpen() });
    res.json({ ticket: await withWork((await store.tickets.get(id))!) });
  });

  router.post('/api/staff/tickets/:id/answer', staffOnly, d.csrf.protect, async (req, res) => {
    const body = answerBody.safeParse(req.body);
    const id = Number(req.params.id);
    if (!body.success || !Number.isInteger(id)) return sendError(res, 400, 'bad_frame');
    const ticket = await store.tickets.get(id);
    if (!ticket) return sendError(res, 404, 'not_found');
    if (ticket.status !== 'open') return sendError(res, 409, 'invalid_state');
    const staff = staffOf(res);
    if (body.data.channel === 'email') {
      if (!ticket.email) return sendError(res, 409, 'invalid_state');
      if (!d.mailer) return sendError(res, 503, 'mail_unavailable');
      const t = serverTexts(ticket.lang);
      try {
        await d.mailer.send({
          to: ticket.email,
          subject: t.answerSubject(config.municipality.name),
          text: `${t.answerIntro(ticket.question ?? ticket.questionRedacted)}\n${t.answerReference(id)}\n\n${body.data.text}\n\n${config.municipality.name}\n${t.doNotReply}\n`,
        });
      } catch (error) {
        d.log.warn(`answer to ticket ${id} not sent: ${mailErrorCode(error)}`);
        return sendError(res, 502, 'mail_failed');
      }
    }
    const at = clock.now().toISOString();
    const answer = body.data.channel === 'email' ? body.data.text : (body.data.note ?? null);
    const answered = await store.tx(async () => {
      if (
        !(await store.tickets.answer(id, { channel: body.data.channel, answer, staffId: staff.staffId, at }))
      )
        return false;
      if (body.data.contactType) await store.ticketHandling.setContactType(id, body.data.contactType);
      const secondsToAnswer = Math.round((Date.parse(at) - Date.parse(ticket.createdAt)) / 1000);
      await store.events.log(
        'ticket_answered',
        ticket.conversationId,
        {
          ticketId: id,
          channel: body.data.channel,
          secondsToAnswer,
          agentId: staff.staffId,
          ...(body.data.contactType ? { contactType: body.data.contactType } : {}),
        },
        at,
      );
      await store.audit.log({
        actor: `staff:${staff.staffId}`,
        action: 'ticket_answered',
        target: String(id),
        details: { channel: body.data.channel },
        at,
      });
      return true;
    });
    if (!answered) return sendError(res, 409, 'invalid_state');
    d.notifier.allStaff({ type: 'tickets_changed', open: await store.tickets.countOpen() });
    res.json({ ticket: await store.tickets.get(id) });
  });

  return router;
}
