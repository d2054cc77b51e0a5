/** A failed request with the server's stable error code (see ERROR_CODES in server/protocol.ts). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let csrfToken = '';

/** The token from /api/login or /api/me; sent as `x-csrf-token` on every state-changing request. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** JSON over fetch with the staff session cookie (same origin) and the CSRF header on writes. */
export async function api<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (res.status === 204) return undefined as T;
  const json = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
  if (!res.ok) throw new ApiError(res.status, json.code ?? 'internal', json.message ?? `HTTP ${res.status}`);
  return json as T;
}

export interface Me {
  staff: { id: number; username: string; firstName: string; role: 'agent' | 'editor' | 'admin' };
  csrfToken: string;
}

/** The logged-in staff member, or undefined when there is no session. */
export async function currentStaff(): Promise<Me | undefined> {
  try {
    const me = await api<Me>('GET', '/api/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) return undefined;
    throw e;
  }
}

export async function login(username: string, password: string): Promise<Me> {
  const me = await api<Me>('POST', '/api/login', { username, password });
  setCsrfToken(me.csrfToken);
  return me;
}

export async function logout(): Promise<void> {
  await api('POST', '/api/logout');
}
