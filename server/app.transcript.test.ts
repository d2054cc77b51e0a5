import { afterEach, beforeEach, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './test-support/test-app.ts';

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  await t.close();
});

async function conversation(text: string): Promise<string> {
  const c = await t.citizen();
  const welcome = await c.start();
  c.send({ type: 'message', clientId: 'm1', text });
  await c.next('bot');
  c.close();
  return welcome.resumeToken as string;
}

const get = (token: string | undefined, format = 'text', origin?: string) =>
  fetch(`${t.app.url}/api/transcript?format=${format}`, {
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(origin ? { origin } : {}) },
  });

it('gives a citizen their own transcript as text and as escaped HTML', async () => {
  const token = await conversation('barnehage <script>alert(1)</script>');
  const text = await get(token);
  expect(text.status).toBe(200);
  expect(text.headers.get('content-type')).toMatch(/^text\/plain/);
  expect(text.headers.get('content-disposition')).toMatch(/^attachment; filename="samtale-2026-03-04\.txt"/);
  const body = await text.text();
  expect(body).toContain('Samtale med Fjordvik kommune');
  expect(body).toContain('barnehage <script>alert(1)</script>');
  expect(body).toContain('Hovedopptaket har søknadsfrist 1. mars.');
  const html = await (await get(token, 'html')).text();
  expect(html).toContain('barnehage &lt;script&gt;alert(1)&lt;/script&gt;');
  expect(html).not.toContain('<script>');
});

it("gives nothing for another citizen's token, a made-up token or none", async () => {
  const mine = await conversation('barnehage: mitt fnr er 01019912345');
  const theirs = await conversation('avfall');
  const body = await (await get(theirs)).text();
  expect(body).not.toContain('01019912345');
  expect(body).toContain('avfall');
  expect((await get('A'.repeat(43))).status).toBe(404);
  expect((await get(undefined)).status).toBe(404);
  expect((await get(mine.slice(0, -1))).status).toBe(404);
});

it('allows cross-origin fetches from allowed widget pages only', async () => {
  const token = await conversation('barnehage');
  const allowed = await get(token, 'text', 'https://www.fjordvik.kommune.example');
  expect(allowed.headers.get('access-control-allow-origin')).toBe('https://www.fjordvik.kommune.example');
  const other = await get(token, 'text', 'https://evil.example');
  expect(other.headers.get('access-control-allow-origin')).toBeNull();
});
