import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { RAW_IDS, writeSampleWeek } from '../server/analytics/test-support/sample-week.ts';
import { loadConfig } from '../server/config/load.ts';
import { silentLogger } from '../server/log.ts';
import { openStore } from '../server/store/store.ts';
import { reportCommand, writeReport, type ReportOptions } from './report.ts';
import { retentionNow } from './retention.ts';

const run = promisify(execFile);
let dir: string;
const config = loadConfig({ env: {} });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'svar-report-'));
  const store = openStore(join(dir, 'data', 'svar.db'));
  await writeSampleWeek(store);
  await store.close();
  // A one-file knowledge folder: its file was never used in the sample week.
  mkdirSync(join(dir, 'knowledge'));
  writeFileSync(
    join(dir, 'knowledge', 'fiskekort.md'),
    '---\nid: fiskekort\ntitle: Fiskekort\nlang: nb\ntags: [fiske]\nquestions: ["Hvor kjøper jeg fiskekort?"]\n---\nFiskekort kjøper du på nett.\n',
  );
});

const silent = { stdout: () => {}, warn: () => {} };
const options = (format: ReportOptions['format'], out?: string): ReportOptions => ({
  from: '2026-03-02',
  to: '2026-03-08',
  format,
  data: join(dir, 'data'),
  knowledge: join(dir, 'knowledge'),
  ...(out ? { out } : {}),
});

describe('npm run report', () => {
  it('writes the same figures as md, csv and json, without raw ID numbers', async () => {
    const json = JSON.parse(await writeReport(options('json'), config, silent)) as {
      conversations: { total: number };
      files: { neverUsed: { fileId: string; title: string }[] };
    };
    expect(json.conversations.total).toBe(20);
    expect(json.files.neverUsed).toEqual([{ fileId: 'fiskekort', title: 'Fiskekort' }]);
    const md = await writeReport(options('md'), config, silent);
    expect(md).toContain('| conversations | 20 |');
    const out = join(dir, 'report.csv');
    await writeReport(options('csv', out), config, silent);
    const csv = readFileSync(out, 'utf8');
    expect(csv).toContain('outcomes,conversations,resolved,5');
    for (const text of [JSON.stringify(json), md, csv])
      for (const id of RAW_IDS) expect(text).not.toContain(id);
  });

  it('parses its arguments and refuses unknown formats', async () => {
    let seen: ReportOptions | undefined;
    const cmd = reportCommand(async (o) => {
      seen = o;
    }).exitOverride();
    cmd.configureOutput({ writeErr: () => {} });
    await cmd.parseAsync(
      ['--from', '2026-03-02', '--to', '2026-03-08', '--format', 'csv', '--out', 'x.csv'],
      { from: 'user' },
    );
    expect(seen).toMatchObject({ from: '2026-03-02', to: '2026-03-08', format: 'csv', out: 'x.csv' });
    const bad = reportCommand(async () => {}).exitOverride();
    bad.configureOutput({ writeErr: () => {} });
    await expect(
      bad.parseAsync(['--from', '2026-03-02', '--to', '2026-03-08', '--format', 'xlsx'], { from: 'user' }),
    ).rejects.toThrow();
  });

  it('says where it looked when there is no database', async () => {
    await expect(
      writeReport({ ...options('md'), data: join(dir, 'nothing') }, config, silent),
    ).rejects.toThrow(/no database at/);
  });

  it('runs from the command line', async () => {
    const { stdout } = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/report.ts',
        '--from',
        '2026-03-02',
        '--to',
        '2026-03-08',
        '--format',
        'json',
        '--data',
        join(dir, 'data'),
        '--knowledge',
        join(dir, 'knowledge'),
      ],
      { cwd: join(import.meta.dirname, '..'), env: { ...process.env, SVAR_CONFIG: '' } },
    );
    expect((JSON.parse(stdout) as { outcomes: { containmentRate: number } }).outcomes.containmentRate).toBe(
      0.2778,
    );
  });
});

describe('npm run retention', () => {
  it('applies the configured periods to the data folder', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'svar-retention-cli-'));
    const store = openStore(join(copy, 'svar.db'));
    await writeSampleWeek(store);
    await store.close();
    // 31 days after the sample week, the week's text is past the 30-day period.
    const result = await retentionNow(config, {
      data: copy,
      now: new Date('2026-04-09T12:00:00.000Z'),
      log: silentLogger,
    });
    expect(result.messageTexts).toBeGreaterThan(20);
    expect(result.events).toBe(0);
    expect(async () => await retentionNow(config, { data: join(copy, 'nothing') })).toThrow(/no database at/);
  });
});
