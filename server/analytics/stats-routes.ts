import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../config/schema.ts';
import type { Clock } from '../handover/clock.ts';
import { sendError } from '../http/respond.ts';
import { requireStaff } from '../http/staff-auth.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import { officeHoursFromConfig } from './compute-stats.ts';
import type { StatsFile } from './file-usage.ts';
import { PeriodError, recentDays, resolvePeriod } from './period.ts';
import type { RollupOptions } from './rollups.ts';
import { statsReportInWorker, workerDatabase } from './stats-in-worker.ts';
import { reportBacklog, statsReport, type StatsReport } from './stats-report.ts';
import { formatStats, REPORT_FORMATS } from './report-format.ts';

export interface StatsRouterDeps {
  store: Store;
  clock: Clock;
  config: Config;
  /** The knowledge files as loaded now (titles, links, and which were never used). */
  files?: () => readonly StatsFile[];
  log?: Logger;
  /** Compute in a child process (default for a database file or PostgreSQL); off, in the server's thread. */
  worker?: boolean;
}

const DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const statsQuery = z.object({
  from: DATE.optional(),
  to: DATE.optional(),
  format: z.enum(REPORT_FORMATS).optional(),
  /** A queue id: only that department's conversations (server/analytics/department.ts). */
  department: z.string().min(1).max(64).optional(),
});

/** Rolling up more days than this is left to a child process; fewer are quicker in the server itself. */
const MAX_DAYS_IN_SERVER = 7;

const DEFAULT_DAYS = 30;
const CONTENT_TYPE = { json: 'application/json', csv: 'text/csv', md: 'text/markdown' } as const;

const PLACEHOLDER = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Svar — statistics</title></head>
<body><h1>Svar — statistics</h1><p>The statistics page has not been built yet. Build the widget and consoles
(<code>tsx widget/build.ts</code>), then reload.</p></body></html>
`;

/**
 * GET /stats — the statistics page (a shell with no figures in it; it asks the visitor to log in).
 * GET /api/stats?from=YYYY-MM-DD&to=YYYY-MM-DD[&department=queue][&format=json|csv|md] — the figures, for
 * admins only. Without a period: the last 30 days up to today, in the municipality's time zone. The JSON
 * adds the figures of the period before (`previous`) and the names of queues and knowledge files (`names`).
 */
export function createStatsRouter(d: StatsRouterDeps): Router {
  const router = Router();
  const adminOnly = requireStaff(d.store, d.clock, ['admin']);
  const officeHours = officeHoursFromConfig(d.config);
  const timeZone = d.config.municipality.timeZone;

  router.get('/stats', (_req, res) => {
    const file = join(d.config.paths.staticDir, 'stats', 'index.html');
    if (existsSync(file)) res.sendFile(file);
    else res.type('html').send(PLACEHOLDER);
  });

  // Figures come from daily rollups (rollups.ts). Rolling up many days (the first visit, or a year asked
  // for the first time) runs in a child process with its own connection (to the SQLite file or to
  // PostgreSQL); if that fails, or only a few days are missing, the server's own thread does it.
  const database = workerDatabase(d.store, d.config.database.url);
  const canFork = (d.worker ?? true) && database !== undefined;
  const compute = async (o: RollupOptions): Promise<StatsReport> => {
    if (canFork && database && (await reportBacklog(d.store, o)) > MAX_DAYS_IN_SERVER) {
      try {
        return await statsReportInWorker(database, o);
      } catch (error) {
        d.log?.warn('statistics process failed; computing in the server instead', error);
      }
    }
    return statsReport(d.store, o);
  };
  const queueNames = Object.fromEntries(d.config.queues.list.map((q) => [q.id, q.name]));
  // Only what statistics use, so a whole KnowledgeFile (body, passages) is never copied to the child.
  const files = (): StatsFile[] =>
    (d.files?.() ?? []).map((f) => ({
      id: f.id,
      ...(f.title !== undefined ? { title: f.title } : {}),
      ...(f.link !== undefined ? { link: f.link } : {}),
    }));

  router.get('/api/stats', adminOnly, async (req, res) => {
    const query = statsQuery.safeParse(req.query);
    if (!query.success) return sendError(res, 400, 'bad_frame');
    const fallback = recentDays(DEFAULT_DAYS, d.clock.now(), timeZone);
    const { from = fallback.from, to = fallback.to } = query.data;
    const format = query.data.format ?? 'json';
    const { department } = query.data;
    if (department !== undefined && !Object.hasOwn(queueNames, department))
      return sendError(res, 400, 'bad_frame');
    try {
      resolvePeriod({ from, to }, timeZone);
    } catch (error) {
      if (error instanceof PeriodError) return sendError(res, 400, 'bad_frame');
      throw error;
    }
    const known = files();
    const { stats, previous } = await compute({
      from,
      to,
      timeZone,
      officeHours,
      files: known,
      now: d.clock.now(),
      ...(department !== undefined ? { department } : {}),
    });
    res.set('Cache-Control', 'no-store');
    res.type(`${CONTENT_TYPE[format]}; charset=utf-8`);
    const suffix = department === undefined ? '' : `-${department}`;
    if (format !== 'json') res.attachment(`svar-stats-${from}-${to}${suffix}.${format}`);
    if (format !== 'json') return res.send(formatStats(stats, format));
    const names = {
      queues: queueNames,
      files: Object.fromEntries(known.flatMap((f) => (f.title === undefined ? [] : [[f.id, f.title]]))),
    };
    res.send(JSON.stringify({ ...stats, department: department ?? null, previous, names }));
  });

  return router;
}
