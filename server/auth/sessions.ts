import { parseCookie } from 'cookie';
import type { Clock } from '../handover/clock.ts';
import type { SessionStaff } from '../store/sessions.ts';
import type { Store } from '../store/store.ts';
import { hashToken, newToken } from '../chat/tokens.ts';

export const SESSION_COOKIE = 'svar_session';

export async function createSession(
  store: Store,
  clock: Clock,
  staffId: number,
  ttlHours: number,
): Promise<{ token: string; expires: Date }> {
  const { token, hash } = newToken();
  const now = clock.now();
  const expires = new Date(now.getTime() + ttlHours * 3_600_000);
  await store.sessions.create(hash, staffId, now.toISOString(), expires.toISOString());
  return { token, expires };
}

export function sessionToken(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  return parseCookie(cookieHeader)[SESSION_COOKIE];
}

export async function findSession(
  store: Store,
  clock: Clock,
  token: string | undefined,
): Promise<SessionStaff | undefined> {
  if (!token) return undefined;
  return store.sessions.find(hashToken(token), clock.now().toISOString());
}

export async function endSession(store: Store, token: string): Promise<void> {
  await store.sessions.remove(hashToken(token));
}
