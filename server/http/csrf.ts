import type { Request } from 'express';
import { doubleCsrf } from 'csrf-csrf';
import { parseCookie } from 'cookie';
import { sessionToken } from '../auth/sessions.ts';

/**
 * Double-submit CSRF tokens bound to the staff session: the console sends the token from /api/login or
 * /api/me in the `x-csrf-token` header of every state-changing request.
 */
export function createCsrf(secret: string, secure: boolean) {
  // At login the new session is not in the request's cookies yet.
  const sessionOverride = new WeakMap<Request, string>();
  const { generateCsrfToken, doubleCsrfProtection } = doubleCsrf({
    getSecret: () => secret,
    getSessionIdentifier: (req) => sessionOverride.get(req) ?? sessionToken(req.headers.cookie) ?? '',
    cookieName: secure ? '__Host-svar.csrf' : 'svar_csrf',
    cookieOptions: { sameSite: 'strict', path: '/', secure, httpOnly: true },
    getCsrfTokenFromRequest: (req) => req.headers['x-csrf-token'],
    errorConfig: { statusCode: 403, message: 'csrf_invalid', code: 'csrf_invalid' },
  });
  return {
    protect: doubleCsrfProtection,
    token: generateCsrfToken,
    bindSession: (req: Request, token: string) => sessionOverride.set(req, token),
    /** csrf-csrf reads `req.cookies`; Svar has no other use for a cookie parser. */
    parseCookies: (req: Request, _res: unknown, next: () => void) => {
      (req as Request & { cookies: Record<string, string | undefined> }).cookies = req.headers.cookie
        ? parseCookie(req.headers.cookie)
        : {};
      next();
    },
  };
}
export type Csrf = ReturnType<typeof createCsrf>;
