import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { hashPassword } from '../../server/auth/password.ts';
import { loadConfig } from '../../server/config/load.ts';
import type { Config } from '../../server/config/schema.ts';
import type { Logger } from '../../server/log.ts';
import { startSvar } from '../../server/main.ts';
import type { Store } from '../../server/store/store.ts';
import type { StaffRole } from '../../server/store/staff.ts';
import { DemoAgent } from './agent.ts';
import { emptyTally, runConversation, type DemoWorld, type Tally } from './citizen.ts';
import { DemoClock } from './demo-clock.ts';
import { PersonaDeck } from './personas.ts';
import { loadQuestionPools } from './questions.ts';
import { createRandom } from './random.ts';
import { startSmtpSink } from './smtp-sink.ts';
import { demoDates, planDay, yesterday } from './timeline.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DATASETS = ['eval/datasets/tuning.jsonl', 'eval/datasets/heldout.jsonl'].map((f) => join(REPO, f));

export const DEMO_AGENT = { username: 'demo-agent', displayName: 'Ingrid', role: 'agent' } as const;
export const DEMO_ADMIN = { username: 'demo-admin', displayName: 'Tor', role: 'admin' } as const;
/** Printed after every run; only for demo data folders. */
export const DEMO_PASSWORD = 'fjordvik-demo-2026';

export interface DemoLogOptions {
  /** The data folder to fill (created if missing). */
  dataDir: string;
  /** How many days, ending with `end` (default 28). */
  days?: number;
  /** Last local day, YYYY-MM-DD (default: yesterday in the municipality's zone). */
  end?: string;
  seed?: number;
  /** Add to a data folder that already holds conversations. */
  force?: boolean;
  /** A config file instead of the default one (office hours, queues, time zone). */
  configFile?: string;
  /** Progress lines; default none. */
  log?: (line: string) => void;
  /** "Today", for the default period. */
  now?: Date;
}

export interface DemoLogResult {
  dataDir: string;
  from: string;
  to: string;
  tally: Tally;
  /** Answers to offline messages sent through the loopback SMTP sink. */
  mailsSent: number;
  accounts: { agent: string; admin: string; password: string };
}

/** The data folder already has conversations and `force` was not given. */
export class DemoLogRefused extends Error {
  override name = 'DemoLogRefused';
}

function conversationsIn(dataDir: string): number {
  const file = join(dataDir, 'svar.db');
  if (!existsSync(file)) return 0;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM conversations').get() as { n: number }).n;
  } catch {
    return 0;
  } finally {
    db.close();
  }
}

/** Loopback only, no per-IP limits (every demo citizen comes from 127.0.0.1), mail to the sink. */
function demoConfig(config: Config, smtpUrl: string): void {
  config.server.host = '127.0.0.1';
  config.limits.maxConnectionsPerIp = 1_000_000;
  config.limits.framesPerMinutePerIp = 1_000_000_000;
  config.limits.frameBurstPerConnection = 1000;
  config.limits.framesPerSecondPerConnection = 1000;
  config.limits.loginAttemptsPer15Minutes = 10_000;
  // Four weeks of traffic play in seconds of real time from one address: limits on real rates would refuse it.
  config.limits.staffFramesPerSecond = 100_000;
  config.limits.staffFrameBurst = 100_000;
  config.limits.maxWaitingPerIp = 100_000;
  config.limits.transcriptEmailsPerIpPerDay = 100_000;
  config.limits.ticketsPerIpPerDay = 100_000;
  config.smtp = { ...config.smtp, enabled: true, url: smtpUrl };
}

async function ensureStaff(
  store: Store,
  s: { username: string; displayName: string; role: StaffRole },
  password: string,
  at: string,
): Promise<void> {
  const passwordHash = await hashPassword(password);
  if (await store.staff.credentials(s.username)) {
    await store.staff.setPassword(s.username, passwordHash);
    await store.staff.setDisabled(s.username, false);
  } else {
    await store.staff.create({ ...s, passwordHash, at });
  }
}

/**
 * Fills a data folder with weeks of chat traffic made by the real server: demo citizens on the citizen
 * websocket ask the evaluation questions, a demo agent on the staff websocket takes handovers in office
 * hours, and offline messages are answered over HTTP the next working day. The server's clock is the
 * demo's, set to the days being played, so every timestamp is where it would have been.
 */
export async function runDemoLog(o: DemoLogOptions): Promise<DemoLogResult> {
  const log = o.log ?? (() => {});
  const dataDir = resolve(o.dataDir);
  const existing = conversationsIn(dataDir);
  if (existing > 0 && !o.force) {
    throw new DemoLogRefused(
      `${dataDir} already holds ${existing} conversations; give --force to add demo traffic anyway`,
    );
  }
  const config = loadConfig({
    env: { SVAR_DATA_DIR: dataDir, SVAR_PORT: '0', ...(o.configFile ? { SVAR_CONFIG: o.configFile } : {}) },
    cwd: REPO,
  });
  const zone = config.municipality.timeZone;
  const today = DateTime.fromJSDate(o.now ?? new Date(), { zone }).toISODate() ?? '';
  const end = o.end ?? yesterday(o.now ?? new Date(), zone);
  if (end >= today) throw new Error(`the last day must be before today (${today}), not ${end}`);
  const dates = demoDates(end, o.days ?? 28, zone);
  const first = DateTime.fromISO(dates[0]!, { zone }).startOf('day');

  const clock = new DemoClock(first.toJSDate());
  const quiet: Logger = {
    info: () => {},
    warn: () => {},
    error: (m, e) => log(`server error: ${m} ${e instanceof Error ? e.message : ''}`),
  };
  const sink = await startSmtpSink();
  demoConfig(config, sink.url);
  const svar = await startSvar(config, { clock, useModel: false, log: quiet }).catch(
    async (error: unknown) => {
      await sink.close();
      throw error;
    },
  );
  try {
    const at = clock.now().toISOString();
    await ensureStaff(svar.app.store, DEMO_AGENT, DEMO_PASSWORD, at);
    await ensureStaff(svar.app.store, DEMO_ADMIN, DEMO_PASSWORD, at);
    const fileIds = new Set(svar.knowledge.retriever.files().map((f) => f.id));
    const random = createRandom(o.seed ?? 2026);
    const deck = new PersonaDeck(random);
    const world: DemoWorld = {
      url: svar.app.url,
      clock,
      random,
      questions: await loadQuestionPools(DATASETS, fileIds),
      agent: new DemoAgent({
        url: svar.app.url,
        username: DEMO_AGENT.username,
        password: DEMO_PASSWORD,
        clock,
        random,
      }),
      maxWaitSeconds: config.limits.maxQueueWaitSeconds,
      tally: emptyTally(),
    };
    const { agent, tally } = world;
    for (const date of dates) {
      const before = tally.conversations;
      for (const e of planDay(date, { config, random, deck })) {
        clock.advanceTo(e.at);
        if (e.kind === 'conversation') await runConversation(world, e.persona);
        else if (e.kind === 'shift_start') await agent.startShift();
        else if (e.kind === 'shift_end') await agent.endShift();
        else if (e.kind === 'tickets') tally.ticketsAnswered += await agent.answerTickets();
        else if (agent.onShift) await agent.setPresence(e.kind === 'lunch_start' ? 'away' : 'online');
      }
      const weekday = DateTime.fromISO(date, { zone }).toFormat('ccc');
      log(`${date} ${weekday}: ${tally.conversations - before} conversations`);
    }
    // Let the last wait limits run out, as they would have overnight.
    const settle = DateTime.fromISO(end, { zone }).plus({ days: 1 }).startOf('day').plus({ hours: 1 });
    clock.advanceTo(new Date(Math.min(settle.toMillis(), (o.now ?? new Date()).getTime())));
    return {
      dataDir,
      from: dates[0]!,
      to: end,
      tally,
      mailsSent: sink.received(),
      accounts: { agent: DEMO_AGENT.username, admin: DEMO_ADMIN.username, password: DEMO_PASSWORD },
    };
  } finally {
    await svar.close();
    await sink.close();
  }
}
