import type { Response } from 'express';
import { ERROR_MESSAGES } from '../error-messages.ts';
import type { ErrorCode } from '../protocol.ts';

/** Every HTTP error has the same shape as a websocket error frame: a stable code and a plain message. */
export function sendError(res: Response, status: number, code: ErrorCode): void {
  res.status(status).json({ code, message: ERROR_MESSAGES[code] });
}
