import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { RollupRow, StatsRollupRepo } from '../store/stats-rollups.ts';
import type { Store } from '../store/store.ts';
import type { StatsOptions } from './compute-stats.ts';
import {
  finalizeParts,
  localDay,
  partFromJson,
  partsOf,
  partToJson,
  type DayParts,
  type PartContext,
} from './day-part.ts';
import { readPeriodLog } from './event-log.ts';
import { resolvePeriod } from './period.ts';
import type { Stats } from './stats-types.ts';

/** Raise when DayPart or how it is counted changes: every stored day is then computed again. */
const ROLLUP_VERSION = 2;

export interface RollupOptions extends StatsOptions {
  /** The server's clock: days before today (local) are stored, today and later are read live. */
  now: Date;
}

/** What a stored day depends on besides the log: a change makes every stored day stale. */
function fingerprint(ctx: PartContext): string {
  return createHash('sha256')
    .update(JSON.stringify([ROLLUP_VERSION, ctx.timeZone, ctx.officeHours]))
    .digest('hex')
    .slice(0, 32);
}

const today = (now: Date, timeZone: string): string =>
  DateTime.fromJSDate(now, { zone: timeZone }).toISODate() ?? '';

/** Consecutive local dates grouped into runs, so each run is one read of the log. */
function runs(days: readonly string[], timeZone: string): string[][] {
  const out: string[][] = [];
  for (const day of [...days].sort()) {
    const last = out.at(-1);
    const next = last && DateTime.fromISO(last.at(-1)!, { zone: timeZone }).plus({ days: 1 }).toISODate();
    if (last && next === day) last.push(day);
    else out.push([day]);
  }
  return out;
}

async function readParts(store: Store, days: readonly string[], ctx: PartContext): Promise<DayParts[]> {
  const out: DayParts[] = [];
  for (const run of runs(days, ctx.timeZone)) {
    const period = resolvePeriod({ from: run[0]!, to: run.at(-1)! }, ctx.timeZone);
    for (const [day, byDepartment] of partsOf(await readPeriodLog(store, period), ctx))
      for (const [department, part] of byDepartment) out.push({ day, department, part });
  }
  return out;
}

interface Plan {
  /** Final days of the period to compute now. */
  compute: string[];
  /** Stored days outside the period whose log changed. */
  invalidate: string[];
  seenEventId: number;
  changed: boolean;
}

/**
 * Which final days must be (re)computed: those never stored (or stored under another fingerprint, or
 * dropped when a conversation was erased or expired), and those whose conversations got events since the
 * rollups last looked.
 */
async function plan(
  repo: StatsRollupRepo,
  finalDays: readonly string[],
  fp: string,
  timeZone: string,
): Promise<Plan> {
  const maxEventId = await repo.maxEventId();
  const since = await repo.seenEventId();
  const touched = new Set((await repo.startsTouchedAfter(since)).map((at) => localDay(at, timeZone)));
  const stored =
    finalDays.length > 0 ? await repo.days(finalDays[0]!, finalDays.at(-1)!, fp) : new Set<string>();
  const compute = finalDays.filter((d) => !stored.has(d) || touched.has(d));
  const inPeriod = new Set(finalDays);
  return {
    compute,
    invalidate: [...touched].filter((d) => !inPeriod.has(d)),
    seenEventId: maxEventId,
    changed: compute.length > 0 || touched.size > 0 || since !== maxEventId,
  };
}

/** How many days a request would have to compute from the log (to choose where to compute it). */
export async function rollupBacklog(store: Store, o: RollupOptions): Promise<number> {
  const period = resolvePeriod(o, o.timeZone);
  const ctx = { timeZone: o.timeZone, officeHours: o.officeHours };
  const first = today(o.now, o.timeZone);
  const finalDays = period.days.filter((d) => d < first);
  return (await plan(store.statsRollups, finalDays, fingerprint(ctx), o.timeZone)).compute.length;
}

/**
 * Statistics as computeStats gives them, from daily rollups: days before today come from
 * stats_rollups (computed and stored first if missing or stale), today and later are read live from the
 * log. A year of statistics thus reads a few hundred small rows and one day of log.
 */
export async function rollupStats(store: Store, o: RollupOptions): Promise<Stats> {
  const period = resolvePeriod(o, o.timeZone);
  const ctx: PartContext = { timeZone: o.timeZone, officeHours: o.officeHours };
  const fp = fingerprint(ctx);
  const repo = store.statsRollups;
  const first = today(o.now, o.timeZone);
  const finalDays = period.days.filter((d) => d < first);
  const liveDays = period.days.filter((d) => d >= first);

  const todo = await plan(repo, finalDays, fp, o.timeZone);
  if (todo.changed) {
    const computed = await readParts(store, todo.compute, ctx);
    const rows: RollupRow[] = computed.map((p) => ({
      day: p.day,
      department: p.department,
      data: partToJson(p.part),
    }));
    await repo.save({
      invalidate: todo.invalidate,
      days: todo.compute,
      rows,
      fingerprint: fp,
      at: o.now.toISOString(),
      seenEventId: todo.seenEventId,
    });
  }
  const parts: DayParts[] =
    finalDays.length > 0
      ? (await repo.rows(finalDays[0]!, finalDays.at(-1)!, fp)).map((r) => ({
          day: r.day,
          department: r.department,
          part: partFromJson(r.data),
        }))
      : [];
  parts.push(...(await readParts(store, liveDays, ctx)));
  return finalizeParts(parts, {
    period,
    files: o.files ?? [],
    ...(o.gaps ? { gaps: o.gaps } : {}),
    ...(o.department !== undefined ? { department: o.department } : {}),
  });
}
