import type { NextFunction, Request, Response } from 'express';
import { findSession, sessionToken } from '../auth/sessions.ts';
import type { Clock } from '../handover/clock.ts';
import type { SessionStaff } from '../store/sessions.ts';
import type { StaffRole } from '../store/staff.ts';
import type { Store } from '../store/store.ts';
import { sendError } from './respond.ts';

export function staffOf(res: Response): SessionStaff {
  return res.locals.staff as SessionStaff;
}

/** Only logged-in staff with one of `roles` get past; the session is left in `res.locals.staff`. */
export function requireStaff(store: Store, clock: Clock, roles: readonly StaffRole[]) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const staff = await findSession(store, clock, sessionToken(req.headers.cookie));
    if (!staff) return sendError(res, 401, 'unauthorized');
    if (!roles.includes(staff.role)) return sendError(res, 403, 'forbidden');
    res.locals.staff = staff;
    next();
  };
}
