import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './test-support/route-harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

describe('GET /api/stats', () => {
  it('is for admins only', async () => {
    expect((await fetch(`${h.url}/api/stats`)).status).toBe(401);
    const agent = await h.login('kari');
    expect((await fetch(`${h.url}/api/stats`, { headers: { cookie: agent.cookie } })).status).toBe(403);
  });

  it('returns the figures for a period as JSON, CSV or Markdown', async () => {
    const { cookie } = await h.login('anne');
    const period = 'from=2026-03-02&to=2026-03-08';
    const res = await fetch(`${h.url}/api/stats?${period}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const stats = (await res.json()) as { conversations: { total: number }; files: { neverUsed: unknown[] } };
    expect(stats.conversations.total).toBe(20);
    expect(stats.files.neverUsed).toHaveLength(2);
    const csv = await fetch(`${h.url}/api/stats?${period}&format=csv`, { headers: { cookie } });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toContain('svar-stats-2026-03-02-2026-03-08.csv');
    expect(await csv.text()).toContain('conversations,total,,20');
    const md = await fetch(`${h.url}/api/stats?${period}&format=md`, { headers: { cookie } });
    expect(await md.text()).toContain('# Svar statistics 2026-03-02 – 2026-03-08');
    // Computed in the child process: it never had to fall back.
    expect(h.warnings).toEqual([]);
  });

  it('defaults to the last 30 days and refuses bad periods', async () => {
    const { cookie } = await h.login('anne');
    const res = await fetch(`${h.url}/api/stats`, { headers: { cookie } });
    expect(((await res.json()) as { period: unknown }).period).toEqual({
      from: '2026-02-09',
      to: '2026-03-10',
      timeZone: 'Europe/Oslo',
    });
    for (const q of ['from=2026-03-08&to=2026-03-01', 'from=03/01/2026', 'format=xlsx', 'from=2026-02-30']) {
      const bad = await fetch(`${h.url}/api/stats?${q}`, { headers: { cookie } });
      expect(bad.status, q).toBe(400);
      expect(await bad.json()).toMatchObject({ code: 'bad_frame' });
    }
  });
});

describe('GET /api/stats: comparison, departments and names', () => {
  it('adds the previous period of the same length, queue names and file titles', async () => {
    const { cookie } = await h.login('anne');
    const res = await fetch(`${h.url}/api/stats?from=2026-03-03&to=2026-03-09`, { headers: { cookie } });
    const body = (await res.json()) as {
      conversations: { total: number };
      previous: { period: { from: string; to: string }; conversations: { total: number } };
      names: { queues: Record<string, string>; files: Record<string, string> };
      department: string | null;
    };
    expect(body.previous.period).toMatchObject({ from: '2026-02-24', to: '2026-03-02' });
    // 3 to 9 March: 16 of the week's conversations plus c21 on the 9th; before: c00 (1 March) and the 5
    // of Monday 2 March.
    expect(body.conversations.total).toBe(16);
    expect(body.previous.conversations.total).toBe(6);
    expect(body.names.queues.byggesak).toBe('Byggesak og plan');
    expect(body.names.files.parkering).toBe('Parkeringstillatelse');
    expect(body.department).toBeNull();
  });

  it('filters by department, and refuses one that is not a configured queue', async () => {
    const { cookie } = await h.login('anne');
    const period = 'from=2026-03-02&to=2026-03-08';
    const get = async (q: string) =>
      (await (await fetch(`${h.url}/api/stats?${period}&${q}`, { headers: { cookie } })).json()) as {
        conversations: { total: number };
        queue: { byQueue: Record<string, number> };
      };
    const byggesak = await get('department=byggesak');
    // c08 and c14 were handed over to byggesak.
    expect(byggesak.conversations.total).toBe(2);
    expect(Object.keys(byggesak.queue.byQueue)).toEqual(['byggesak']);
    expect((await get('department=helse')).conversations.total).toBe(1);
    const bad = await fetch(`${h.url}/api/stats?${period}&department=nope`, { headers: { cookie } });
    expect(bad.status).toBe(400);
    const csv = await fetch(`${h.url}/api/stats?${period}&department=helse&format=csv`, {
      headers: { cookie },
    });
    expect(csv.headers.get('content-disposition')).toContain('svar-stats-2026-03-02-2026-03-08-helse.csv');
  });
});

describe('GET /stats', () => {
  it('serves the built page, or says it is not built', async () => {
    const before = await fetch(`${h.url}/stats`);
    expect(await before.text()).toContain('has not been built yet');
    mkdirSync(join(h.config.paths.staticDir, 'stats'), { recursive: true });
    writeFileSync(
      join(h.config.paths.staticDir, 'stats', 'index.html'),
      '<!doctype html><title>stats page</title>',
    );
    expect(await (await fetch(`${h.url}/stats`)).text()).toContain('stats page');
  });
});
