/**
 * `npm run report -- --from YYYY-MM-DD --to YYYY-MM-DD --format md|csv|json [--data DIR] [--out FILE]`:
 * the statistics of /stats as a file, for people who work in spreadsheets. Reads the database read-only.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, Option } from 'commander';
import { checkKnowledge } from '../knowledge/index.ts';
import {
  computeStats,
  formatStats,
  officeHoursFromConfig,
  REPORT_FORMATS,
  type ReportFormat,
  type StatsFile,
} from '../server/analytics/index.ts';
import { loadConfig } from '../server/config/load.ts';
import type { Config } from '../server/config/schema.ts';
import { openStore } from '../server/store/store.ts';

export interface ReportOptions {
  from: string;
  to: string;
  format: ReportFormat;
  /** Data folder holding svar.db; default: the configured one. */
  data?: string;
  /** Knowledge folder, for titles, self-service links and never-used files; default: the configured one. */
  knowledge?: string;
  out?: string;
}

async function knowledgeFiles(dir: string, warn: (m: string) => void): Promise<StatsFile[]> {
  try {
    const { files } = await checkKnowledge(dir);
    return files.map((f) => ({ id: f.id, title: f.title, ...(f.link ? { link: f.link } : {}) }));
  } catch (error) {
    warn(
      `knowledge folder ${dir} could not be read (${(error as Error).message}); files are listed without titles`,
    );
    return [];
  }
}

/** Writes the report and returns its text. */
export async function writeReport(
  o: ReportOptions,
  config: Config,
  io: { stdout: (s: string) => void; warn: (s: string) => void },
): Promise<string> {
  const dbFile = join(resolve(o.data ?? config.paths.dataDir), 'svar.db');
  if (!existsSync(dbFile)) throw new Error(`no database at ${dbFile} (give the data folder with --data)`);
  const files = await knowledgeFiles(resolve(o.knowledge ?? config.paths.knowledgeDir), io.warn);
  const store = openStore(dbFile, { mustExist: true });
  let text: string;
  try {
    const stats = await computeStats(store, {
      from: o.from,
      to: o.to,
      timeZone: config.municipality.timeZone,
      officeHours: officeHoursFromConfig(config),
      files,
    });
    text = formatStats(stats, o.format);
  } finally {
    await store.close();
  }
  if (o.out) writeFileSync(resolve(o.out), text);
  else io.stdout(text);
  return text;
}

export function reportCommand(run: (o: ReportOptions) => Promise<void>): Command {
  return new Command('report')
    .description('Write Svar statistics for a period (local dates, both included)')
    .requiredOption('--from <date>', 'first day, YYYY-MM-DD')
    .requiredOption('--to <date>', 'last day, YYYY-MM-DD')
    .addOption(new Option('--format <format>', 'output format').choices(REPORT_FORMATS).default('md'))
    .option('--data <dir>', 'data folder holding svar.db (default: from the config)')
    .option('--knowledge <dir>', 'knowledge folder (default: from the config)')
    .option('--out <file>', 'write to this file instead of standard output')
    .action((o: ReportOptions) => run(o));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const io = { stdout: (s: string) => process.stdout.write(s), warn: (s: string) => console.error(s) };
  await reportCommand(async (o) => {
    await writeReport(o, loadConfig(), io);
  })
    .parseAsync()
    .catch((error: unknown) => {
      console.error((error as Error).message);
      process.exit(1);
    });
}
