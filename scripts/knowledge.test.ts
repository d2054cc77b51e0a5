import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// `npm run knowledge -- check | build | ask` run as editors run them: a real process on real folders.

const ROOT = join(import.meta.dirname, '..');

interface Run {
  code: number;
  stdout: string;
}

function knowledge(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/knowledge.ts', ...args],
      { cwd: ROOT, env: { ...process.env, SVAR_CONFIG: '' } },
      (error, stdout) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout }),
    );
  });
}

const faq = (id: string, front = '', body = 'Søk innen 1. mars.'): string =>
  `---\nid: ${id}\ntitle: Tittel for ${id}\nlang: nb\n${front}---\n${body}\n`;

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'svar-knowledge-cli-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('npm run knowledge -- check', () => {
  it('reports every error with path and line and exits 1', async () => {
    const dir = folder({
      'good.md': faq('good'),
      'wrong-id.md': faq('other-id'),
      'bad-link.md': faq('bad-link', 'link: ftp://example.org/form\n'),
    });
    const run = await knowledge(['--knowledge', dir, 'check']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^wrong-id\.md:2 {2}error {2}id_filename_mismatch/m);
    expect(run.stdout).toMatch(/^bad-link\.md:\d+ {2}error {2}\S+/m);
    expect(run.stdout).toMatch(/2 errors/);
  });

  it('validates the safety section of policy.yaml with path and line', async () => {
    const dir = folder({
      'good.md': faq('good'),
      'policy.yaml': 'safety:\n  veto:\n    - bereaved\n    - no_such_rule\n',
    });
    const run = await knowledge(['--knowledge', dir, 'check']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^policy\.yaml:4 {2}error {2}policy_invalid {2}.*no_such_rule/m);
  });

  it('exits 0 when there are only warnings', async () => {
    const dir = folder({ 'old.md': faq('old', 'review: 2020-01-01\n') });
    const run = await knowledge(['--knowledge', dir, 'check']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^old\.md:\d+ {2}warning {2}review_passed/m);
    expect(run.stdout).toMatch(/0 errors, 1 warning$/m);
  });
});

describe('npm run knowledge -- build and ask', () => {
  const sample = join(ROOT, 'knowledge', 'sample');

  it('build says in one line that it runs lexical-only', async () => {
    const data = mkdtempSync(join(tmpdir(), 'svar-knowledge-cli-data-'));
    const run = await knowledge(['--knowledge', sample, '--data', data, '--lexical', 'build']);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^Lexical-only mode: .*--lexical/);
    expect(lines[1]).toMatch(/^\d+ files, \d+ passages, mode lexical, built in/);
    expect(run.stdout).toMatch(/answer model: shipped weights adjusted to this knowledge/);
    expect(run.stdout).toMatch(
      /expected direct answers [\d.]+ % of the knowledge's own questions, wrong answers/,
    );
  }, 120_000);

  it('ask prints the top five files with lexical, dense and fused scores, and the decision', async () => {
    const data = mkdtempSync(join(tmpdir(), 'svar-knowledge-cli-data-'));
    const question = 'Når er søknadsfristen for barnehage?';
    const json = await knowledge([
      '--knowledge',
      sample,
      '--data',
      data,
      '--lexical',
      '--json',
      'ask',
      question,
    ]);
    const parsed = JSON.parse(json.stdout) as {
      mode: string;
      candidates: { fileId: string; confidence: number; lexical?: { score: number } }[];
      decision: { kind: string; fileId?: string };
    };
    expect(parsed.mode).toBe('lexical');
    expect(parsed.candidates.length).toBeGreaterThan(1);
    expect(parsed.candidates.length).toBeLessThanOrEqual(5);
    expect(parsed.candidates[0]?.fileId).toBe('barnehage-soknadsfrist');
    expect(parsed.candidates[0]?.lexical?.score).toBeGreaterThan(0);
    expect(parsed.decision).toMatchObject({ kind: 'answer', fileId: 'barnehage-soknadsfrist' });

    const text = await knowledge(['--knowledge', sample, '--data', data, '--lexical', 'ask', question]);
    expect(text.stdout).toMatch(/file.*lexical.*dense.*fused/);
    expect(text.stdout).toMatch(/barnehage-soknadsfrist: lexical #1: score/);
    expect(text.stdout).toMatch(/^decision: answer → barnehage-soknadsfrist$/m);
    // Two runs, each calibrating the answer model on the sample knowledge (bot/answer/calibrate.ts).
  }, 120_000);
});
