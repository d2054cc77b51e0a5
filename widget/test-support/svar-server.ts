import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from '../../server/auth/password.ts';
import type { Config } from '../../server/config/schema.ts';
import { closedDaysFor } from '../../server/handover/closed-days.ts';
import { silentLogger } from '../../server/log.ts';
import { startSvar, type Svar } from '../../server/main.ts';
import type { StaffRole } from '../../server/store/staff.ts';
import { FakeClock } from '../../server/test-support/fake-clock.ts';
import { TEST_SCRYPT, testConfig } from '../../server/test-support/test-app.ts';
import { DateTime } from 'luxon';
import { buildWidget } from '../build.ts';
import { writeKnowledgeFixture } from './knowledge-fixture.ts';

export const STAFF_PASSWORD = 'correct horse battery staple';

/**
 * The next time after now that is `hour` o'clock in Oslo on a day `ok` accepts. The server's clock is set to
 * it: in the future, so the browser keeps the session cookies the server dates by that clock.
 */
function nextOsloTime(hour: number, ok: (weekday: number, date: string) => boolean): string {
  let t = DateTime.now()
    .setZone('Europe/Oslo')
    .plus({ days: 1 })
    .set({ hour, minute: 0, second: 0, millisecond: 0 });
  while (!ok(t.weekday, t.toISODate() ?? '')) t = t.plus({ days: 1 });
  return t.toUTC().toISO() ?? '';
}

export interface BrowserTestServer {
  url: string;
  svar: Svar;
  clock: FakeClock;
  config: Config;
  /** A weekday 10:00 in Oslo (every queue open) and a Saturday noon (all closed), both in the future. */
  openHours: string;
  closedHours: string;
  addStaff(username: string, role?: StaffRole): Promise<void>;
  /** Ends every chat that is not closed yet, so a test's leftovers do not show up in the next test's queue. */
  endOpenChats(): Promise<void>;
  /** Staff consoles the server still counts as connected (a closed page's socket goes a moment later). */
  staffConnected(): Promise<number>;
  close(): Promise<void>;
}

let built: Promise<string> | undefined;
/** The bundles, built once per test file into a temp folder (never the developer's widget/dist). */
function builtWidget(): Promise<string> {
  built ??= buildWidget(mkdtempSync(join(tmpdir(), 'svar-widget-'))).then((r) => r.outDir);
  return built;
}

/**
 * The real Svar (knowledge, bot, chat server) on a free port with a fresh SQLite file, a small knowledge
 * folder and a clock that stands still in office hours unless a test moves it.
 */
export async function startBrowserTestServer(
  o: {
    patch?: (c: Config) => void;
    /** Where e-mail goes (e.g. `startSmtp()`'s url); without it e-mail is off. */
    smtpUrl?: string;
  } = {},
): Promise<BrowserTestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'svar-browser-'));
  const knowledgeDir = join(dir, 'knowledge');
  writeKnowledgeFixture(knowledgeDir);
  const staticDir = await builtWidget();
  const config = testConfig(join(dir, 'data'), (c) => {
    c.paths.knowledgeDir = knowledgeDir;
    c.paths.staticDir = staticDir;
    if (o.smtpUrl) c.smtp = { ...c.smtp, enabled: true, url: o.smtpUrl };
    o.patch?.(c);
  });
  const openHours = nextOsloTime(10, (day, date) => day <= 5 && !closedDaysFor(config).has(date));
  const closedHours = nextOsloTime(12, (day) => day === 6);
  const clock = new FakeClock(openHours);
  const svar = await startSvar(config, { log: silentLogger, clock, useModel: false });
  return {
    url: svar.app.url,
    svar,
    clock,
    config,
    openHours,
    closedHours,
    async addStaff(username, role = 'agent') {
      await svar.app.store.staff.create({
        username,
        displayName: username[0]!.toUpperCase() + username.slice(1),
        role,
        passwordHash: await hashPassword(STAFF_PASSWORD, TEST_SCRYPT),
        at: clock.now().toISOString(),
      });
    },
    async endOpenChats() {
      const { store, handover } = svar.app;
      for (const state of ['bot', 'waiting', 'assigned', 'offline'] as const)
        for (const c of await store.conversations.inState(state)) await handover.citizenEnded(c.id);
    },
    async staffConnected() {
      const frame = await svar.app.handover.agentsFrame();
      return frame.type === 'agents' ? frame.agents.length : 0;
    },
    close: () => svar.close(),
  };
}
