import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from './config/load.ts';
import { configSchema } from './config/schema.ts';
import { limitKey } from './ws/request-info.ts';
import { startTestServer, testConfig, type TestServer } from './test-support/test-app.ts';
import { TestSocket } from './test-support/ws-client.ts';

// The test process stands in for the one reverse proxy in front of Svar (it connects from loopback); the
// forged entries are what a client wrote into X-Forwarded-For before the proxy appended its real address.
const REAL = '203.0.113.7';
const forged = (i: number) => ({ 'x-forwarded-for': `198.51.100.${i}, ${REAL}` });

let t: TestServer | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('client address behind a proxy', () => {
  it('counts websocket connections under the address the trusted proxy saw, not the one the client wrote', async () => {
    t = await startTestServer({
      patch: (c) => {
        c.server.trustProxy = 1;
        c.limits.maxConnectionsPerIp = 3;
      },
    });
    const statuses: number[] = [];
    const open: TestSocket[] = [];
    for (let i = 0; i < 5; i++) {
      try {
        open.push(await TestSocket.open(t.citizenUrl, { origin: t.origin, headers: forged(i) }));
        statuses.push(101);
      } catch (error) {
        statuses.push(Number(/HTTP (\d+)/.exec((error as Error).message)?.[1]));
      }
    }
    expect(statuses).toEqual([101, 101, 101, 429, 429]);
    // Another real client behind the same proxy is not affected.
    expect(
      await TestSocket.refusal(t.citizenUrl, {
        origin: t.origin,
        headers: { 'x-forwarded-for': '203.0.113.8' },
      }),
    ).toBe(101);
    for (const s of open) s.close();
  });

  it('limits logins under the real address however the client fills X-Forwarded-For', async () => {
    t = await startTestServer({ patch: (c) => (c.server.trustProxy = ['loopback']) });
    await t.addStaff('kari');
    const limit = t.config.limits.loginAttemptsPer15Minutes;
    const statuses: number[] = [];
    for (let i = 0; i <= limit; i++) {
      const res = await fetch(`${t.app.url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...forged(i) },
        body: JSON.stringify({ username: 'kari', password: 'wrong' }),
      });
      statuses.push(res.status);
    }
    expect(statuses.at(-1)).toBe(429);
  });

  it('ignores X-Forwarded-For when no proxy is trusted', async () => {
    t = await startTestServer({ patch: (c) => (c.limits.maxConnectionsPerIp = 1) });
    const a = await TestSocket.open(t.citizenUrl, { origin: t.origin, headers: forged(1) });
    expect(await TestSocket.refusal(t.citizenUrl, { origin: t.origin, headers: forged(2) })).toBe(429);
    a.close();
  });
});

describe('the key per-IP limits count under', () => {
  it('is the IPv4 address, also when written IPv4-mapped, and the /56 of an IPv6 address', () => {
    expect(limitKey('203.0.113.7')).toBe('203.0.113.7');
    expect(limitKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(limitKey('2001:db8:1:2ff:aaaa::1')).toBe(limitKey('2001:db8:1:200::9'));
    expect(limitKey('2001:db8:1:2ff::1')).not.toBe(limitKey('2001:db8:1:300::1'));
    expect(limitKey('2001:db8:1:2ff::1')).toBe('2001:db8:1:200::/56');
  });

  it('counts a client rotating IPv6 addresses as one', async () => {
    t = await startTestServer({
      patch: (c) => {
        c.server.trustProxy = 1;
        c.limits.maxConnectionsPerIp = 2;
      },
    });
    const open: TestSocket[] = [];
    for (let i = 1; i <= 2; i++) {
      const headers = { 'x-forwarded-for': `2001:db8:7:7${i}::${i}` };
      open.push(await TestSocket.open(t.citizenUrl, { origin: t.origin, headers }));
    }
    const third = { 'x-forwarded-for': '2001:db8:7:73::3' };
    expect(await TestSocket.refusal(t.citizenUrl, { origin: t.origin, headers: third })).toBe(429);
    const elsewhere = { 'x-forwarded-for': '2001:db8:8::1' };
    expect(await TestSocket.refusal(t.citizenUrl, { origin: t.origin, headers: elsewhere })).toBe(101);
    for (const s of open) s.close();
  });
});

describe('trustProxy configuration', () => {
  const parse = (trustProxy: unknown) => {
    const raw = structuredClone(testConfig('/tmp/x')) as unknown as { server: Record<string, unknown> };
    raw.server.trustProxy = trustProxy;
    return configSchema.safeParse(raw);
  };

  it('takes false, a hop count, or proxy addresses and CIDRs', () => {
    expect(parse(false).success).toBe(true);
    expect(parse(2).success).toBe(true);
    expect(parse(['loopback', '10.0.0.0/8', '2001:db8::1']).success).toBe(true);
  });

  it('refuses true (it would trust whatever the client writes) and addresses that are not addresses', async () => {
    const yes = parse(true);
    expect(yes.success).toBe(false);
    expect(yes.error?.issues[0]?.message).toMatch(/number of proxies/);
    expect(parse(['proxy.example']).success).toBe(false);
    expect(parse([]).success).toBe(false);
  });

  it('reads SVAR_TRUST_PROXY as a hop count or a comma-separated list', async () => {
    expect(loadConfig({ env: { SVAR_TRUST_PROXY: '1' } }).server.trustProxy).toBe(1);
    expect(loadConfig({ env: { SVAR_TRUST_PROXY: '10.0.0.1, 10.0.0.2' } }).server.trustProxy).toEqual([
      '10.0.0.1',
      '10.0.0.2',
    ]);
    expect(() => loadConfig({ env: { SVAR_TRUST_PROXY: 'true' } })).toThrow(/server.trustProxy/);
  });
});
