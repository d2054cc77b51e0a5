import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './test-support/test-app.ts';
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

describe('staff login', () => {
  it('sets an httpOnly, SameSite=Strict session cookie and returns a CSRF token', async () => {
    await t.addStaff('kari');
    const res = await post('/api/login', { username: 'kari', password: 'correct horse battery' });
    expect(res.status).toBe(200);
    const session = res.headers.getSetCookie().find((c) => c.startsWith('svar_session='));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Strict/i);
    const body = (await res.json()) as { staff: { firstName: string }; csrfToken: string };
    expect(body.staff.firstName).toBe('Kari');
    expect(body.csrfToken.length).toBeGreaterThan(20);
    expect((await t.app.store.audit.recent(5)).map((a) => a.action)).toContain('login');
  });

  it('refuses wrong passwords and unknown users alike', async () => {
    await t.addStaff('kari');
    const wrong = await post('/api/login', { username: 'kari', password: 'nope' });
    const unknown = await post('/api/login', { username: 'nobody', password: 'nope' });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect(wrong.headers.getSetCookie()).toEqual([]);
  });

  it('rate-limits failed attempts per IP', async () => {
    await t.close();
    t = await startTestServer({ patch: (c) => (c.limits.loginAttemptsPer15Minutes = 12) });
    const limit = t.config.limits.loginAttemptsPer15Minutes;
    // Spread over many accounts, as a password spray would be, so the per-account limit does not stop it first.
    for (let i = 0; i < limit; i++)
      expect((await post('/api/login', { username: `user${i}`, password: 'x' })).status).toBe(401);
    await t.addStaff('kari');
    const blocked = await post('/api/login', { username: 'kari', password: 'correct horse battery' });
    expect(blocked.status).toBe(429);
    expect(await blocked.json()).toMatchObject({ code: 'rate_limited' });
  });

  it('needs the CSRF token on state-changing requests', async () => {
    await t.addStaff('kari');
    const { cookie, csrfToken } = await t.login('kari');
    const without = await post('/api/logout', {}, { cookie });
    expect(without.status).toBe(403);
    expect(await without.json()).toMatchObject({ code: 'csrf_invalid' });
    const forged = await post('/api/logout', {}, { cookie, 'x-csrf-token': `${csrfToken.slice(0, -2)}xx` });
    expect(forged.status).toBe(403);
    const other = await t.login('kari');
    const crossed = await post('/api/logout', {}, { cookie, 'x-csrf-token': other.csrfToken });
    expect(crossed.status).toBe(403);
    const ok = await post('/api/logout', {}, { cookie, 'x-csrf-token': csrfToken });
    expect(ok.status).toBe(204);
    expect((await fetch(`${t.app.url}/api/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('opens the staff websocket only with a session, from the same origin, for agents and admins', async () => {
    await t.addStaff('kari');
    await t.addStaff('erik', 'editor');
    const kari = await t.login('kari');
    const erik = await t.login('erik');
    expect(await TestSocket.refusal(t.staffUrl, { origin: t.origin })).toBe(401);
    expect(await TestSocket.refusal(t.staffUrl, { origin: t.origin, cookie: 'svar_session=forged' })).toBe(
      401,
    );
    expect(
      await TestSocket.refusal(t.staffUrl, { origin: 'https://evil.example', cookie: kari.cookie }),
    ).toBe(403);
    expect(await TestSocket.refusal(t.staffUrl, { origin: t.origin, cookie: erik.cookie })).toBe(403);
    expect(await TestSocket.refusal(t.staffUrl, { origin: t.origin, cookie: kari.cookie })).toBe(101);
    expect(
      await TestSocket.refusal(`${t.citizenUrl.replace('/ws/citizen', '/ws/other')}`, { origin: t.origin }),
    ).toBe(404);
  });
});

describe('pages and headers', () => {
  it('sends a strict CSP and friends, and shows a placeholder until the widget is built', async () => {
    const res = await fetch(`${t.app.url}/staff`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('has not been built yet');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('serves built files, with widget assets loadable from other sites', async () => {
    await t.close();
    t = await startTestServer({
      patch: (c) => {
        c.paths.staticDir = join(c.paths.dataDir, 'dist');
        mkdirSync(join(c.paths.staticDir, 'staff'), { recursive: true });
        writeFileSync(join(c.paths.staticDir, 'index.html'), '<p>demo</p>');
        writeFileSync(join(c.paths.staticDir, 'staff', 'index.html'), '<p>console</p>');
        writeFileSync(join(c.paths.staticDir, 'widget.js'), 'console.log(1)');
      },
    });
    expect(await (await fetch(`${t.app.url}/`)).text()).toBe('<p>demo</p>');
    expect(await (await fetch(`${t.app.url}/staff/`)).text()).toBe('<p>console</p>');
    const js = await fetch(`${t.app.url}/widget.js`);
    expect(js.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(await (await fetch(`${t.app.url}/editor`)).text()).toContain('has not been built yet');
  });

  it('public health is minimal; the details need a staff login', async () => {
    const kari = await t.agent('kari');
    const c = await t.citizen();
    await c.start();
    c.send({ type: 'human' });
    await c.next('queue');
    const res = await fetch(`${t.app.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', checks: { database: 'ok', knowledge: 'ok' } });
    expect((await fetch(`${t.app.url}/api/staff/health`)).status).toBe(401);
    const { cookie } = await t.login('kari');
    const details = await fetch(`${t.app.url}/api/staff/health`, { headers: { cookie } });
    expect(await details.json()).toMatchObject({
      status: 'ok',
      database: { ok: true },
      queues: { servicetorget: 1 },
      agentsOnline: 1,
      retrievalMode: 'unknown',
    });
    await kari.close();
  });

  it('health is not "ok" while the database refuses writes', async () => {
    await t.app.store.sql.run('PRAGMA ' + 'query_only = ON');
    t.clock.advance(5000);
    const res = await fetch(`${t.app.url}/health`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'degraded', checks: { database: 'failed' } });
    await t.app.store.sql.run('PRAGMA ' + 'query_only = OFF');
  });

  it('never leaks internals: bad JSON, big bodies and unknown API paths get stable codes', async () => {
    const bad = await fetch(`${t.app.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username":',
    });
    expect(bad.status).toBe(400);
    const body = await bad.text();
    expect(JSON.parse(body)).toEqual({ code: 'bad_frame', message: 'The frame was not understood.' });
    expect(body).not.toMatch(/at |node_modules|SyntaxError/);
    const big = await post('/api/login', { username: 'x', password: 'y'.repeat(20_000) });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ code: 'too_large' });
    const missing = await fetch(`${t.app.url}/api/nothing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'not_found' });
  });
});
