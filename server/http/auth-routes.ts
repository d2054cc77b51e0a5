import { Router, type Request, type Response } from 'express';
import { stringifySetCookie } from 'cookie';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { z } from 'zod';
import { LoginThrottle, type LoginBackoff } from '../auth/login-throttle.ts';
import {
  dummyHash,
  hashPassword,
  MIN_PASSWORD_LENGTH,
  needsRehash,
  scryptCost,
  verifyPassword,
} from '../auth/password.ts';
import { createSession, endSession, SESSION_COOKIE, sessionToken } from '../auth/sessions.ts';
import { hashToken } from '../chat/tokens.ts';
import type { Config } from '../config/schema.ts';
import type { Clock } from '../handover/clock.ts';
import type { Notifier } from '../handover/notifier.ts';
import type { Store } from '../store/store.ts';
import { limitKey } from '../ws/request-info.ts';
import { createLimiters, type Limiters } from '../ws/rate-limit.ts';
import type { Csrf } from './csrf.ts';
import { sendError } from './respond.ts';
import { requireStaff, staffOf } from './staff-auth.ts';

const loginBody = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});

const passwordBody = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(MIN_PASSWORD_LENGTH).max(256),
});

function sessionCookie(value: string, expires: Date, secure: boolean): string {
  return stringifySetCookie(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    expires,
  });
}

/** POST /api/login, POST /api/logout, POST /api/password, GET /api/me. */
export function authRoutes(d: {
  store: Store;
  clock: Clock;
  config: Config;
  csrf: Csrf;
  /** Closes the staff sockets of a session that ended here, on every node (the Notifier seam). */
  sessions?: Pick<Notifier, 'sessionRevoked'>;
  /** The server's limits (the per-address login limit among them); this process's memory by default. */
  limiters?: Limiters;
  /** Per-account back-off; this process's memory by default, Redis on several nodes. */
  backoff?: LoginBackoff;
}): Router {
  const { store, clock, config, csrf } = d;
  const sessions = d.sessions ?? { sessionRevoked: () => {} };
  const secure = config.server.secureCookies;
  const router = Router();
  const audit = (actor: string, action: string, at: string) =>
    store.audit.log({ actor, action, target: null, details: null, at });

  const perIp = (d.limiters ?? createLimiters(config.limits)).loginPerIp;
  const cost = scryptCost(config.session.passwordCost);
  const missing = dummyHash(cost);
  const throttle = d.backoff ?? new LoginThrottle(clock, config.limits.loginFailuresPerAccount);

  router.post('/api/login', async (req: Request, res: Response) => {
    // Every attempt takes a point from the client address (req.ip honours `trust proxy`); a success gives
    // it back, so only failures count, on whichever node they land when the limiter lives in Redis.
    const ip = limitKey(req.ip ?? 'unknown');
    try {
      await perIp.consume(ip);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      res.set('Retry-After', String(Math.max(1, Math.ceil(error.msBeforeNext / 1000))));
      return sendError(res, 429, 'rate_limited');
    }
    const body = loginBody.safeParse(req.body);
    if (!body.success) return sendError(res, 400, 'bad_frame');
    const { username, password } = body.data;
    const wait = await throttle.retryAfter(username);
    if (wait > 0) {
      res.set('Retry-After', String(Math.ceil(wait / 1000)));
      return sendError(res, 429, 'rate_limited');
    }
    const staff = await store.staff.credentials(username);
    const ok = await verifyPassword(password, staff?.passwordHash ?? missing);
    const at = clock.now().toISOString();
    if (!staff || !ok || staff.disabled) {
      await throttle.failed(username);
      await audit(`user:${username.slice(0, 64)}`, 'login_failed', at);
      return sendError(res, 401, 'login_failed');
    }
    await throttle.succeeded(username);
    await perIp.reward(ip);
    // A hash made with older, cheaper parameters is replaced now that the password is at hand.
    if (needsRehash(staff.passwordHash, cost))
      await store.staff.replaceHash(staff.id, staff.passwordHash, await hashPassword(password, cost));
    const session = await createSession(store, clock, staff.id, config.session.ttlHours);
    await audit(`staff:${staff.id}`, 'login', at);
    res.append('Set-Cookie', sessionCookie(session.token, session.expires, secure));
    csrf.bindSession(req, session.token);
    res.json({
      staff: { id: staff.id, username: staff.username, firstName: staff.displayName, role: staff.role },
      csrfToken: csrf.token(req, res, { overwrite: true }),
    });
  });

  router.get('/api/me', requireStaff(store, clock, ['agent', 'editor', 'admin']), (req, res) => {
    const s = staffOf(res);
    res.json({
      staff: { id: s.staffId, username: s.username, firstName: s.displayName, role: s.role },
      csrfToken: csrf.token(req, res),
    });
  });

  router.post(
    '/api/logout',
    requireStaff(store, clock, ['agent', 'editor', 'admin']),
    csrf.protect,
    async (req, res) => {
      const token = sessionToken(req.headers.cookie);
      if (token) {
        await endSession(store, token);
        sessions.sessionRevoked({ tokenHash: hashToken(token) });
      }
      await audit(`staff:${staffOf(res).staffId}`, 'logout', clock.now().toISOString());
      res.append('Set-Cookie', sessionCookie('', new Date(0), secure));
      res.status(204).end();
    },
  );

  // A new password ends every other session of the account (a stolen cookie stops working) and keeps this one.
  router.post(
    '/api/password',
    requireStaff(store, clock, ['agent', 'editor', 'admin']),
    csrf.protect,
    async (req, res) => {
      const body = passwordBody.safeParse(req.body);
      if (!body.success) return sendError(res, 400, 'bad_frame');
      const me = staffOf(res);
      const staff = await store.staff.credentials(me.username);
      if (!staff || !(await verifyPassword(body.data.currentPassword, staff.passwordHash))) {
        await audit(`staff:${me.staffId}`, 'password_change_failed', clock.now().toISOString());
        return sendError(res, 401, 'login_failed');
      }
      const keep = hashToken(sessionToken(req.headers.cookie) ?? '');
      await store.staff.setPassword(staff.username, await hashPassword(body.data.newPassword, cost), keep);
      sessions.sessionRevoked({ staffId: staff.id, exceptTokenHash: keep });
      await audit(`staff:${me.staffId}`, 'password_changed', clock.now().toISOString());
      res.status(204).end();
    },
  );

  return router;
}
