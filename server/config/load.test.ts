import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CONFIG_FILE, loadConfig } from './load.ts';
import type { Config } from './schema.ts';
import { ensureSessionSecret } from './secret.ts';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'svar-config-'));

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

function withFile(patch: (raw: Config & { extra?: boolean }) => void): string {
  const raw = JSON.parse(readFileSync(DEFAULT_CONFIG_FILE, 'utf8')) as Config;
  patch(raw);
  const file = join(tmp(), 'config.json');
  writeFileSync(file, JSON.stringify(raw));
  return file;
}

describe('loadConfig', () => {
  it('accepts the Fjordvik profile and resolves paths against cwd', () => {
    const config = loadConfig({ env: {}, cwd: '/srv/svar' });
    expect(config.municipality.name).toBe('Fjordvik kommune');
    expect(config.queues.default).toBe('servicetorget');
    expect(config.queues.list.map((q) => q.id).sort()).toEqual(
      ['byggesak', 'helse', 'kultur', 'okonomi', 'oppvekst', 'servicetorget', 'teknisk', 'velferd'].sort(),
    );
    expect(config.paths.dataDir).toBe('/srv/svar/data');
    expect(config.paths.knowledgeDir).toBe('/srv/svar/knowledge/sample');
    expect(config.retention).toEqual({ conversationTextDays: 30, eventsDays: 730, firstRunSeconds: 60 });
  });

  it('applies SVAR_* overrides', () => {
    const config = loadConfig({
      cwd: '/x',
      env: {
        SVAR_PORT: '0',
        SVAR_DATA_DIR: '/tmp/d',
        SVAR_KNOWLEDGE_DIR: 'k',
        SVAR_SMTP_URL: 'smtp://127.0.0.1:2525',
        SVAR_ALLOWED_ORIGINS: 'https://a.example, https://b.example',
      },
    });
    expect(config.server.port).toBe(0);
    expect(config.paths.dataDir).toBe('/tmp/d');
    expect(config.paths.knowledgeDir).toBe('/x/k');
    expect(config.smtp).toMatchObject({ enabled: true, url: 'smtp://127.0.0.1:2525' });
    expect(config.widget.allowedOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  it('reads bot thresholds from SVAR_BOT_* and refuses non-numbers', () => {
    const config = loadConfig({ env: { SVAR_BOT_ANSWER_MIN: '0.6', SVAR_BOT_MARGIN_MIN: '0.4' } });
    expect(config.botThresholds).toEqual({ answerMin: 0.6, marginMin: 0.4 });
    expect(problemsOf(() => loadConfig({ env: { SVAR_BOT_ANSWER_MIN: 'high' } }))).toEqual([
      'SVAR_BOT_ANSWER_MIN: expected a number, got "high"',
    ]);
  });

  it('names the environment variable that is wrong', () => {
    expect(problemsOf(() => loadConfig({ env: { SVAR_PORT: 'abc', SVAR_SECURE_COOKIES: 'ja' } }))).toEqual([
      'SVAR_PORT: expected a port 0-65535, got "abc"',
      'SVAR_SECURE_COOKIES: expected true or false, got "ja"',
    ]);
  });

  it('reads SVAR_CONFIG and names every bad field', () => {
    const file = withFile((raw) => {
      raw.municipality.timeZone = 'Europe/Fjordvik';
      raw.queues.default = 'nope';
      raw.queues.list[1]!.schedule = 'missing';
      raw.schedules.kontor!.mon = [['15:00', '08:00']];
      raw.holidays.push('17. mai');
      raw.extra = true;
    });
    const problems = problemsOf(() => loadConfig({ env: { SVAR_CONFIG: file } }));
    expect(problems.join('\n')).toMatch(/municipality\.timeZone: expected an IANA time zone/);
    expect(problems.join('\n')).toMatch(/schedules\.kontor\.mon: each interval must end after it starts/);
    expect(problems.join('\n')).toMatch(/holidays\.\d+: expected a date "YYYY-MM-DD"/);
    expect(problems.join('\n')).toMatch(/\(root\): Unrecognized key: "extra"/);
  });

  it('checks cross-field rules once the shape is right', () => {
    const file = withFile((raw) => {
      raw.queues.default = 'nope';
      raw.queues.list[1]!.schedule = 'missing';
    });
    const problems = problemsOf(() => loadConfig({ env: { SVAR_CONFIG: file } }));
    expect(problems).toContain(
      'queues.default: "nope" is not in queues.list (servicetorget, oppvekst, teknisk, okonomi, byggesak, helse, velferd, kultur)',
    );
    expect(problems.some((p) => p.startsWith('queues.list.1.schedule: unknown schedule "missing"'))).toBe(
      true,
    );
  });

  it('reports unreadable and non-JSON files', () => {
    const dir = tmp();
    expect(problemsOf(() => loadConfig({ env: { SVAR_CONFIG: join(dir, 'none.json') } }))[0]).toMatch(
      /cannot read/,
    );
    writeFileSync(join(dir, 'bad.json'), '{ nope');
    expect(problemsOf(() => loadConfig({ env: {}, file: join(dir, 'bad.json') }))[0]).toMatch(
      /not valid JSON/,
    );
  });
});

describe('ensureSessionSecret', () => {
  it('generates once, persists privately and reuses', () => {
    const dir = join(tmp(), 'data');
    const first = ensureSessionSecret(dir);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(join(dir, 'session-secret')).mode & 0o777).toBe(0o600);
    expect(ensureSessionSecret(dir)).toBe(first);
    expect(ensureSessionSecret(dir, 'x'.repeat(40))).toBe('x'.repeat(40));
  });
});
