import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword, OWASP_SCRYPT, verifyPassword } from './auth/password.ts';
import { PASSWORD, startTestServer, TEST_SCRYPT, type TestServer } from './test-support/test-app.ts';

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  await t.close();
});

const attempt = (username: string, password: string) =>
  fetch(`${t.app.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });

describe('login limits', () => {
  it('ten failures for one account from an IP do not lock out colleagues behind it', async () => {
    await t.addStaff('kari');
    await t.addStaff('ola');
    for (let i = 0; i < 10; i++) expect([401, 429]).toContain((await attempt('kari', 'wrong')).status);
    expect((await attempt('ola', PASSWORD)).status).toBe(200);
  });

  it('an account that keeps failing waits longer and longer, then gets in again', async () => {
    await t.addStaff('kari');
    const free = t.config.limits.loginFailuresPerAccount;
    for (let i = 0; i < free; i++) expect((await attempt('kari', 'wrong')).status).toBe(401);
    // One more failure starts the back-off: even the right password waits.
    expect((await attempt('KARI', 'wrong')).status).toBe(401);
    const held = await attempt('kari', PASSWORD);
    expect(held.status).toBe(429);
    expect(held.headers.get('retry-after')).toBe('1');
    t.clock.advance(1000);
    expect((await attempt('kari', 'wrong again')).status).toBe(401);
    t.clock.advance(1000);
    expect((await attempt('kari', PASSWORD)).status).toBe(429);
    t.clock.advance(1000);
    expect((await attempt('kari', PASSWORD)).status).toBe(200);
    // A success forgets the failures.
    expect((await attempt('kari', 'wrong')).status).toBe(401);
  });
});

describe('password hashes', () => {
  it('are made with OWASP scrypt parameters by default', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash.split('$').slice(0, 4)).toEqual(['scrypt', String(2 ** 17), '8', '1']);
    expect(OWASP_SCRYPT).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
  });

  it('an older, cheaper hash is replaced at the next login, and the session keeps working', async () => {
    await t.close();
    t = await startTestServer({ patch: (c) => (c.session.passwordCost = 17) });
    const id = await t.addStaff('kari');
    const old = (await t.app.store.staff.credentials('kari'))!.passwordHash;
    expect(old.split('$')[1]).toBe(String(TEST_SCRYPT.N));
    const { cookie, status } = await t.login('kari');
    expect(status).toBe(200);
    const now = (await t.app.store.staff.credentials('kari'))!.passwordHash;
    expect(now.split('$').slice(1, 4)).toEqual([String(2 ** 17), '8', '1']);
    expect(await verifyPassword(PASSWORD, now)).toBe(true);
    expect((await fetch(`${t.app.url}/api/me`, { headers: { cookie } })).status).toBe(200);
    expect(await t.app.store.staff.get(id)).toBeDefined();
  });

  it('a stored hash asking for absurd memory is refused, not computed', async () => {
    expect(await verifyPassword('x', `scrypt$${2 ** 30}$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAA`)).toBe(false);
  });
});
