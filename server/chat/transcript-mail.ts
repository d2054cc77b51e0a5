import { createHash } from 'node:crypto';
import type { ErrorCode } from '../protocol.ts';
import { ERROR_CODES } from '../protocol.ts';
import type { StoredMessage } from '../store/messages.ts';
import { take, type Limiters } from '../ws/rate-limit.ts';
import type { Config } from '../config/schema.ts';

/** A question from the citizen that the bot or a person answered: anything less is not worth a mail. */
export function hasRealExchange(messages: readonly StoredMessage[]): boolean {
  const asked = messages.findIndex((m) => m.role === 'citizen');
  return asked >= 0 && messages.slice(asked + 1).some((m) => m.role === 'bot' || m.role === 'agent');
}

/** The address as a limiter key: case-folded, and hashed so the limiter's memory holds no addresses. */
const addressKey = (email: string): string =>
  createHash('sha256').update(email.trim().toLowerCase()).digest('base64url');

/**
 * Whether one more transcript may be mailed: per conversation (also counting those already sent, which
 * survive a restart), per address and per client address a day. Takes the limits' points when it may.
 */
export async function transcriptLimit(
  o: { limits: Config['limits']; limiters: Limiters; sentBefore: number },
  conversationId: string,
  email: string,
  ip: string,
): Promise<ErrorCode | undefined> {
  const { limits, limiters } = o;
  const refused = ERROR_CODES.limitReached;
  if (o.sentBefore >= limits.transcriptEmailsPerConversation) return refused;
  if (limits.transcriptEmailsPerAddressPerDay === 0 || limits.transcriptEmailsPerIpPerDay === 0)
    return refused;
  if (!(await take(limiters.transcriptPerConversation, conversationId))) return refused;
  if (!(await take(limiters.transcriptPerAddress, addressKey(email)))) return refused;
  if (!(await take(limiters.transcriptPerIp, ip))) return refused;
  return undefined;
}
