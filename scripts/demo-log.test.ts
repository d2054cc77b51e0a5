import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeStats, officeHoursFromConfig, type Stats } from '../server/analytics/index.ts';
import { loadConfig } from '../server/config/load.ts';
import { CONTACT_TYPES } from '../server/protocol.ts';
import { openStore } from '../server/store/store.ts';
import {
  demoLogCommand,
  DemoLogRefused,
  runDemoLog,
  type DemoLogOptions,
  type DemoLogResult,
} from './demo-log.ts';

const config = loadConfig({ env: {} });
// Saturday 7 to Monday 9 March 2026: a weekend with the office closed, then a working day that answers
// the weekend's offline messages.
const PERIOD = { from: '2026-03-07', to: '2026-03-09' };
const options = (dataDir: string): DemoLogOptions => ({ dataDir, days: 3, end: PERIOD.to });

async function statsOf(dataDir: string): Promise<Stats> {
  const store = openStore(join(dataDir, 'svar.db'), { mustExist: true });
  try {
    return await computeStats(store, {
      ...PERIOD,
      timeZone: config.municipality.timeZone,
      officeHours: officeHoursFromConfig(config),
    });
  } finally {
    await await store.close();
  }
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const tempDir = () => mkdtempSync(join(tmpdir(), 'svar-demo-log-'));

describe('npm run demo-log', () => {
  let dir: string;
  let result: DemoLogResult;
  let stats: Stats;

  beforeAll(async () => {
    dir = tempDir();
    result = await runDemoLog(options(dir));
    stats = await statsOf(dir);
  });

  it('leaves a log in which every statistic has something to show', async () => {
    expect(result).toMatchObject({ from: '2026-03-07', to: '2026-03-09' });
    expect(stats.conversations.total).toBe(result.tally.conversations);
    expect(stats.conversations.perDay.every((d) => d.count > 0)).toBe(true);
    // The whole weekend is outside office hours.
    const weekend = sum(stats.conversations.perDay.slice(0, 2).map((d) => d.count));
    expect(stats.conversations.outsideOfficeHours.count).toBeGreaterThanOrEqual(weekend);

    expect(stats.outcomes.counts.resolved).toBeGreaterThan(0);
    expect(stats.outcomes.decisions.answer).toBeGreaterThan(0);
    expect(stats.outcomes.decisions.fallback).toBeGreaterThan(0);
    expect(stats.knowledgeGaps.unanswered).toBeGreaterThan(0);
    const reasons = Object.entries(stats.outcomes.handedOverByReason).filter(([, n]) => n > 0);
    expect(reasons.length).toBeGreaterThan(1);
    expect(sum(reasons.map(([, n]) => n))).toBe(stats.outcomes.counts.handed_over);

    expect(stats.queue.assigned).toBe(result.tally.chatsHandled);
    // The summary's "left the queue" is what /stats counts as abandoned, not the closed pages.
    expect(stats.queue.abandoned).toBe(result.tally.abandoned);
    expect(stats.queue.assigned).toBeGreaterThan(0);
    expect(stats.queue.waitSeconds.p50).toBeGreaterThan(0);
    expect(stats.queue.handlingSeconds.p50).toBeGreaterThan(60);
    expect(stats.queue.offlineOffered.office_closed).toBeGreaterThan(0);

    expect(stats.tickets.created).toBe(result.tally.tickets);
    expect(stats.tickets.created).toBeGreaterThan(0);
    expect(stats.tickets.answered).toBeGreaterThan(0);
    expect(stats.tickets.answeredBy.email).toBe(result.mailsSent);

    // Every chat an agent took was closed with a KOMHEN type.
    const byStaff = sum(CONTACT_TYPES.map((t) => stats.contactTypes.byType[t].staff));
    expect(byStaff).toBe(stats.queue.assigned);

    expect(stats.feedback.bot.up + stats.feedback.bot.down).toBeGreaterThan(0);
    expect(stats.feedback.afterHandover.up + stats.feedback.afterHandover.down).toBeGreaterThan(0);
    expect(Object.keys(stats.languages.conversations).length).toBeGreaterThan(1);
    expect(stats.skippedEvents).toBe(0);
  });

  it('gives the same log for the same seed', async () => {
    const again = tempDir();
    const second = await runDemoLog(options(again));
    expect(second.tally).toEqual(result.tally);
    expect(statsOf(again)).toEqual(stats);
  });

  it('refuses a data folder with conversations unless forced', async () => {
    await expect(runDemoLog({ ...options(dir), days: 1, end: '2026-03-06' })).rejects.toBeInstanceOf(
      DemoLogRefused,
    );
    const forced = await runDemoLog({ ...options(dir), days: 1, end: '2026-03-06', force: true });
    expect(forced.tally.conversations).toBeGreaterThan(0);
  });

  it('refuses to play days that have not ended yet', async () => {
    await expect(
      runDemoLog({ dataDir: tempDir(), days: 1, end: '2026-03-09', now: new Date('2026-03-09T12:00:00Z') }),
    ).rejects.toThrow(/before today/);
  });

  it('reads its options from the command line', async () => {
    let given: DemoLogOptions | undefined;
    await demoLogCommand(async (o) => {
      given = o;
    }).parseAsync(['--data', '/tmp/x', '--days', '2', '--end', '2026-03-09', '--force'], { from: 'user' });
    expect(given).toEqual({ dataDir: '/tmp/x', days: 2, end: '2026-03-09', seed: 2026, force: true });
  });
});
