import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from './auth/password.ts';
import { SESSION_RECHECK_MS } from './auth/live-sessions.ts';
import { openStore } from './store/store.ts';
import { PASSWORD, startTestServer, TEST_SCRYPT, type TestServer } from './test-support/test-app.ts';
import { TestSocket } from './test-support/ws-client.ts';

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  await t.close();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${t.app.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

async function staffSocket(username: string) {
  await t.addStaff(username);
  const login = await t.login(username);
  const socket = await TestSocket.open(t.staffUrl, { origin: t.origin, cookie: login.cookie });
  await socket.next('hello');
  return { socket, login };
}

/** A citizen waiting for a person, so a staff socket has something to claim. */
async function waitingChat(): Promise<string> {
  const citizen = await t.citizen();
  citizen.send({ type: 'start', v: 1, lang: 'nb' });
  const welcome = await citizen.next('welcome');
  citizen.send({ type: 'human' });
  await citizen.next('queue');
  return welcome.conversationId as string;
}

const me = (cookie: string) => fetch(`${t.app.url}/api/me`, { headers: { cookie } });

/** The staff CLI runs in another process: a second connection to the same database file stands in for it. */
async function otherProcess<T>(fn: (store: ReturnType<typeof openStore>) => T): Promise<T> {
  const store = openStore(join(t.dataDir, 'svar.db'));
  try {
    return fn(store);
  } finally {
    await store.close();
  }
}

describe('a staff websocket does not outlive its session', () => {
  it('is closed at logout', async () => {
    const { socket, login } = await staffSocket('kari');
    const res = await post('/api/logout', {}, { cookie: login.cookie, 'x-csrf-token': login.csrfToken });
    expect(res.status).toBe(204);
    expect((await socket.closed).code).toBe(4401);
  });

  it('is closed when the session expires', async () => {
    const { socket } = await staffSocket('kari');
    t.clock.advance(t.config.session.ttlHours * 3_600_000 + 1000);
    expect((await socket.closed).code).toBe(4401);
  });

  it('notices an account disabled from the CLI at its next frame, and does not act on it', async () => {
    const { socket } = await staffSocket('kari');
    const conversationId = await waitingChat();
    otherProcess((s) => s.staff.setDisabled('kari', true));
    t.clock.advance(SESSION_RECHECK_MS + 1);
    socket.send({ type: 'claim', conversationId });
    expect((await socket.closed).code).toBe(4401);
    expect((await t.app.store.conversations.get(conversationId))?.state).toBe('waiting');
  });

  it('checks the session at most every few seconds, not on every frame', async () => {
    const { socket } = await staffSocket('kari');
    otherProcess((s) => s.staff.setDisabled('kari', true));
    // Within the cache window the frame is still served…
    socket.send({ type: 'presence', status: 'away' });
    socket.send({ type: 'view', conversationId: 'none' });
    expect((await socket.next('error')).code).toBe('not_found');
    // …and after it, the socket is closed.
    t.clock.advance(SESSION_RECHECK_MS + 1);
    socket.send({ type: 'view', conversationId: 'none' });
    expect((await socket.closed).code).toBe(4401);
  });

  it('ends every session of an account whose password the CLI changed', async () => {
    const { socket, login } = await staffSocket('kari');
    const hash = await hashPassword('a brand new password', TEST_SCRYPT);
    otherProcess((s) => s.staff.setPassword('kari', hash));
    expect((await me(login.cookie)).status).toBe(401);
    t.clock.advance(SESSION_RECHECK_MS + 1);
    socket.send({ type: 'presence', status: 'online' });
    expect((await socket.closed).code).toBe(4401);
  });

  it('a password change in the console ends the other sessions and keeps this one', async () => {
    const other = await staffSocket('kari');
    const here = await t.login('kari');
    const res = await post(
      '/api/password',
      { currentPassword: PASSWORD, newPassword: 'a brand new password' },
      { cookie: here.cookie, 'x-csrf-token': here.csrfToken },
    );
    expect(res.status).toBe(204);
    expect((await other.socket.closed).code).toBe(4401);
    expect((await me(other.login.cookie)).status).toBe(401);
    expect((await me(here.cookie)).status).toBe(200);
    expect((await t.login('kari', 'a brand new password')).status).toBe(200);
    expect((await t.app.store.audit.recent(5)).map((a) => a.action)).toContain('password_changed');
  });

  it('refuses a password change with the wrong current password, or a short new one', async () => {
    const here = await t.login((await t.addStaff('kari'), 'kari'));
    const headers = { cookie: here.cookie, 'x-csrf-token': here.csrfToken };
    const wrong = await post(
      '/api/password',
      { currentPassword: 'nope', newPassword: 'a brand new password' },
      headers,
    );
    expect(wrong.status).toBe(401);
    const short = await post('/api/password', { currentPassword: PASSWORD, newPassword: 'short' }, headers);
    expect(short.status).toBe(400);
    expect((await me(here.cookie)).status).toBe(200);
  });
});
