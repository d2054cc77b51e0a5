import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CONFIG_FILE, loadConfig } from './load.ts';

type Raw = Record<string, unknown> & { crisis?: Record<string, unknown> };

function file(patch: (raw: Raw) => void): string {
  const raw = JSON.parse(readFileSync(DEFAULT_CONFIG_FILE, 'utf8')) as Raw;
  patch(raw);
  const path = join(mkdtempSync(join(tmpdir(), 'svar-crisis-config-')), 'config.json');
  writeFileSync(path, JSON.stringify(raw));
  return path;
}

function problems(path: string, env: Record<string, string> = {}): string[] {
  try {
    loadConfig({ env, file: path });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('crisis config', () => {
  it('ships Fjordvik with its 24-hour services, each number once beside the emergency numbers', () => {
    const config = loadConfig({ env: {} });
    expect(config.crisis.services24h.map((s) => [s.label, s.number])).toEqual([
      ['Legevakt', '116 117'],
      ['Alarmtelefonen for barn og unge', '116 111'],
    ]);
    const emergency = config.municipality.emergency.map((n) => n.number);
    for (const s of config.crisis.services24h) expect(emergency).not.toContain(s.number);
    expect(config.crisis.onCall).toMatchObject({ email: [], maxAttempts: 3, retrySeconds: 60 });
    expect(config.crisis.onCall.webhook).toBeUndefined();
  });

  it('is optional: a config without it has no services and no alerts', () => {
    const config = loadConfig({ env: {}, file: file((raw) => delete raw.crisis) });
    expect(config.crisis).toEqual({
      services24h: [],
      onCall: { email: [], maxAttempts: 3, retrySeconds: 60 },
    });
  });

  it('names the field of a bad service, address or webhook', () => {
    const path = file((raw) => {
      raw.crisis = {
        services24h: [{ label: 'Barnevernvakt', number: 'ring oss' }],
        onCall: {
          email: ['not an address'],
          webhook: { url: 'ftp://example.org/hook', secret: 'short' },
          maxAttempts: 0,
        },
      };
    });
    const found = problems(path);
    expect(found).toEqual(
      expect.arrayContaining([
        'crisis.services24h.0.number: expected a phone number, e.g. "116 117"',
        expect.stringMatching(/^crisis\.onCall\.email\.0: /),
        expect.stringMatching(/^crisis\.onCall\.webhook\.url: /),
        expect.stringMatching(/^crisis\.onCall\.webhook\.secret: /),
        expect.stringMatching(/^crisis\.onCall\.maxAttempts: /),
      ]),
    );
  });

  it('wants SMTP for e-mail alerts, and takes the webhook secret from the environment', () => {
    const noSmtp = file((raw) => {
      raw.crisis = { onCall: { email: ['vakt@fjordvik.kommune.example'] } };
    });
    expect(problems(noSmtp)).toEqual(['crisis.onCall.email: on-call e-mail needs smtp.enabled']);

    const hook = file((raw) => {
      raw.crisis = {
        onCall: { webhook: { url: 'https://vakt.example/hook', secret: 'placeholder-replaced' } },
      };
    });
    const config = loadConfig({
      env: { SVAR_ONCALL_WEBHOOK_SECRET: 'from-the-environment-1234' },
      file: hook,
    });
    expect(config.crisis.onCall.webhook).toEqual({
      url: 'https://vakt.example/hook',
      secret: 'from-the-environment-1234',
      timeoutSeconds: 5,
    });
  });
});
