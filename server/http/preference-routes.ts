import { Router } from 'express';
import { z } from 'zod';
import type { Clock } from '../handover/clock.ts';
import { CHAT_LANGS } from '../protocol.ts';
import type { Store } from '../store/store.ts';
import type { Csrf } from './csrf.ts';
import { sendError } from './respond.ts';
import { requireStaff, staffOf } from './staff-auth.ts';

const langBody = z.strictObject({ lang: z.enum(CHAT_LANGS) });

/**
 * GET/POST /api/me/preferences: the console language each staff member chose, kept on the server so it
 * follows them to any browser (issue 19). `consoleLang` is null until they choose.
 */
export function preferenceRoutes(d: { store: Store; clock: Clock; csrf: Csrf }): Router {
  const router = Router();
  const anyStaff = requireStaff(d.store, d.clock, ['agent', 'editor', 'admin']);
  router.get('/api/me/preferences', anyStaff, async (_req, res) => {
    res.json({ consoleLang: await d.store.staffPreferences.consoleLang(staffOf(res).staffId) });
  });
  router.post('/api/me/preferences', anyStaff, d.csrf.protect, async (req, res) => {
    const body = langBody.safeParse(req.body);
    if (!body.success) return sendError(res, 400, 'bad_frame');
    await d.store.staffPreferences.setConsoleLang(staffOf(res).staffId, body.data.lang);
    res.json({ consoleLang: body.data.lang });
  });
  return router;
}
