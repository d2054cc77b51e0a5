import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../log.ts';
import type { ErrorCode } from '../protocol.ts';
import { sendError } from './respond.ts';

export function notFound(_req: Request, res: Response): void {
  sendError(res, 404, 'not_found');
}

/** Known failures keep their status with a stable code; anything else is logged and answered as `internal`. */
export function errorHandler(log: Logger) {
  return (error: unknown, _req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(error);
    const e = error as { status?: unknown; statusCode?: unknown; code?: unknown; type?: unknown };
    const status =
      typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : 500;
    if (e.code === 'csrf_invalid') return sendError(res, 403, 'csrf_invalid');
    if (status >= 400 && status < 500) {
      const code: ErrorCode = status === 413 ? 'too_large' : status === 404 ? 'not_found' : 'bad_frame';
      return sendError(res, status, code);
    }
    log.error('request failed', error);
    sendError(res, 500, 'internal');
  };
}
