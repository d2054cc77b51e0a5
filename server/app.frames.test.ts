import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from './log.ts';
import { startTestServer, type TestServer } from './test-support/test-app.ts';

let t: TestServer;
afterEach(async () => {
  await t.close();
});

function recordingLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  // As the console logger writes it: an error comes with its stack.
  const line = (m: string, e?: unknown) =>
    lines.push(e === undefined ? m : `${m} — ${e instanceof Error ? e.stack : String(e)}`);
  return { lines, info: line, warn: line, error: line };
}

describe('bad and excessive frames', () => {
  it('rate-limits frames on the staff socket and keeps the agent connected', async () => {
    t = await startTestServer({
      patch: (c) => ((c.limits.staffFrameBurst = 5), (c.limits.staffFramesPerSecond = 1)),
    });
    const kari = await t.agent('kari');
    for (let i = 0; i < 30; i++) kari.send({ type: 'presence', status: 'online' });
    expect(await kari.next('error')).toMatchObject({ code: 'rate_limited' });
    for (let i = 0; i < 40 && kari.all('error').length < 24; i++) await new Promise((r) => setTimeout(r, 50));
    // A burst of five plus one a second: of thirty frames sent at once, about six get through.
    expect(kari.all('error').length).toBeGreaterThanOrEqual(20);
    expect(kari.ws.readyState).toBe(kari.ws.OPEN);
  });

  it('logs one line, without a stack trace, for each oversized or badly encoded frame', async () => {
    const log = recordingLog();
    t = await startTestServer({ deps: { log } });
    const big = 'x'.repeat(t.config.limits.wsMaxPayloadBytes + 10);
    const a = await t.citizen();
    a.sendRaw(big);
    expect((await a.closed).code).toBe(1009);
    const b = await t.citizen();
    b.ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect((await b.closed).code).toBe(1007);
    const kari = await t.agent('kari');
    kari.sendRaw(big);
    expect((await kari.closed).code).toBe(1009);
    await new Promise((r) => setTimeout(r, 50));
    const socketLines = log.lines.filter((l) => /socket/.test(l));
    expect(socketLines).toHaveLength(3);
    for (const l of socketLines) {
      expect(l).not.toMatch(/\n|\bat /);
      expect(l.length).toBeLessThan(300);
    }
    expect(socketLines[0]).toMatch(/^citizen socket closed: WS_ERR_UNSUPPORTED_MESSAGE_LENGTH/);
    expect(socketLines[1]).toMatch(/^citizen socket closed: WS_ERR_INVALID_UTF8/);
    expect(socketLines[2]).toMatch(/^staff socket closed: WS_ERR_UNSUPPORTED_MESSAGE_LENGTH/);
  });
});
