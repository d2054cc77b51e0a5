import { Router, type Response } from 'express';
import { z } from 'zod';
import type { Clock } from '../handover/clock.ts';
import type { Csrf } from '../http/csrf.ts';
import { sendError } from '../http/respond.ts';
import { requireStaff, staffOf } from '../http/staff-auth.ts';
import type { Store } from '../store/store.ts';
import { parseContact } from './contact.ts';
import { deleteByContact, deleteConversation } from './erase.ts';
import { exportByContact, exportConversation, type RequestBy } from './export.ts';

export interface PrivacyRouterDeps {
  store: Store;
  clock: Clock;
  csrf: Csrf;
}

const target = z.union([
  z.strictObject({ conversationId: z.string().trim().min(1).max(64) }),
  z.strictObject({ contact: z.string().trim().min(3).max(254) }),
]);

/**
 * Data subject requests, for admins: POST /api/admin/privacy/export and POST /api/admin/privacy/delete with
 * `{ conversationId }` or `{ contact }` (an e-mail address or phone number). Both need the CSRF token (they
 * write to the audit log, and delete is irreversible) and both are audit-logged with the admin's id.
 */
export function createPrivacyRouter(d: PrivacyRouterDeps): Router {
  const router = Router();
  const guard = [requireStaff(d.store, d.clock, ['admin']), d.csrf.protect];
  const by = (res: Response): RequestBy => ({ actor: `staff:${staffOf(res).staffId}`, now: d.clock.now() });
  const parse = (body: unknown, res: Response) => {
    const parsed = target.safeParse(body);
    if (!parsed.success || ('contact' in parsed.data && !parseContact(parsed.data.contact))) {
      sendError(res, 400, 'bad_frame');
      return undefined;
    }
    return parsed.data;
  };

  router.post('/api/admin/privacy/export', ...guard, (req, res) => {
    const t = parse(req.body, res);
    if (!t) return;
    res.set('Cache-Control', 'no-store');
    if ('contact' in t) return void res.json(exportByContact(d.store.db, t.contact, by(res)));
    const data = exportConversation(d.store.db, t.conversationId, by(res));
    if (!data) return sendError(res, 404, 'not_found');
    res.json(data);
  });

  router.post('/api/admin/privacy/delete', ...guard, (req, res) => {
    const t = parse(req.body, res);
    if (!t) return;
    if ('contact' in t) return void res.json(deleteByContact(d.store.db, t.contact, by(res)));
    const deleted = deleteConversation(d.store.db, t.conversationId, by(res));
    if (!deleted) return sendError(res, 404, 'not_found');
    res.json({ conversations: [t.conversationId], deleted });
  });

  return router;
}
