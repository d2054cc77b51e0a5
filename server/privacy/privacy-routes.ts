import { Router, type Response } from 'express';
import { z } from 'zod';
import { newToken } from '../chat/tokens.ts';
import type { Clock } from '../handover/clock.ts';
import type { Csrf } from '../http/csrf.ts';
import { sendError } from '../http/respond.ts';
import { requireStaff, staffOf } from '../http/staff-auth.ts';
import type { Store } from '../store/store.ts';
import { parseContact, type PhoneCountry } from './contact.ts';
import { executePlan, logPreview, planContact, planConversation, type DeletePlan } from './erase.ts';
import { exportByContact, exportConversation, type RequestBy } from './export.ts';

export interface PrivacyRouterDeps {
  store: Store;
  clock: Clock;
  csrf: Csrf;
  /** The municipality's country, for phone numbers given without a country code. */
  country?: PhoneCountry;
}

/** How long a deletion preview can be confirmed. */
export const CONFIRM_TTL_MS = 10 * 60_000;

const target = z.union([
  z.strictObject({ conversationId: z.string().trim().min(1).max(64) }),
  z.strictObject({ contact: z.string().trim().min(3).max(254) }),
]);
const confirm = z.strictObject({ confirmToken: z.string().min(16).max(128) });

/**
 * Data subject requests, for admins, matched on an exact conversation id or an exact (normalised) e-mail
 * address or phone number:
 * - POST /api/admin/privacy/export `{ conversationId }` or `{ contact }`: everything held, as JSON.
 * - POST /api/admin/privacy/delete/preview, same body: what a deletion would remove, and a `confirmToken`.
 * - POST /api/admin/privacy/delete `{ confirmToken }`: deletes exactly what that preview showed, once, for
 *   the admin who asked for it, within ten minutes.
 * All need the CSRF token and are audit-logged with the admin's id (contacts only as a hash).
 */
export function createPrivacyRouter(d: PrivacyRouterDeps): Router {
  const router = Router();
  const country = d.country ?? 'no';
  const guard = [requireStaff(d.store, d.clock, ['admin']), d.csrf.protect];
  const by = (res: Response): RequestBy => ({ actor: `staff:${staffOf(res).staffId}`, now: d.clock.now() });
  const pending = new Map<string, { plan: DeletePlan; staffId: number; expires: number }>();
  const parse = (body: unknown, res: Response) => {
    const parsed = target.safeParse(body);
    if (!parsed.success || ('contact' in parsed.data && !parseContact(parsed.data.contact, country))) {
      sendError(res, 400, 'bad_frame');
      return undefined;
    }
    return parsed.data;
  };

  router.post('/api/admin/privacy/export', ...guard, async (req, res) => {
    const t = parse(req.body, res);
    if (!t) return;
    res.set('Cache-Control', 'no-store');
    if ('contact' in t) return void res.json(await exportByContact(d.store, t.contact, by(res), country));
    const data = await exportConversation(d.store, t.conversationId, by(res));
    if (!data) return sendError(res, 404, 'not_found');
    res.json(data);
  });

  router.post('/api/admin/privacy/delete/preview', ...guard, async (req, res) => {
    const t = parse(req.body, res);
    if (!t) return;
    const now = d.clock.now().getTime();
    for (const [token, p] of pending) if (p.expires <= now) pending.delete(token);
    const plan =
      'contact' in t
        ? await planContact(d.store, t.contact, country)
        : await planConversation(d.store, t.conversationId);
    await logPreview(d.store, plan, by(res));
    res.set('Cache-Control', 'no-store');
    if (plan.conversations.length === 0 && plan.looseTickets.length === 0) {
      return void res.json({ conversations: [], rows: {} });
    }
    const { token } = newToken();
    const expires = now + CONFIRM_TTL_MS;
    pending.set(token, { plan, staffId: staffOf(res).staffId, expires });
    res.json({
      conversations: plan.conversations,
      rows: plan.rows,
      confirmToken: token,
      expiresAt: new Date(expires).toISOString(),
    });
  });

  router.post('/api/admin/privacy/delete', ...guard, async (req, res) => {
    const body = confirm.safeParse(req.body);
    if (!body.success) return sendError(res, 400, 'bad_frame');
    const p = pending.get(body.data.confirmToken);
    // A token is used once, by the admin it was shown to, before it expires.
    if (!p || p.staffId !== staffOf(res).staffId || p.expires <= d.clock.now().getTime()) {
      return sendError(res, 409, 'invalid_state');
    }
    pending.delete(body.data.confirmToken);
    res.json(await executePlan(d.store, p.plan, by(res)));
  });
  return router;
}
