import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { formatReport } from './report-text.ts';
import { runEval } from './run-eval.ts';

describe('formatReport', () => {
  it('prints the figures and a count of the failures; --verbose lists each one', async () => {
    const text = (await readFile('eval/datasets/heldout-10.jsonl', 'utf8'))
      .split('\n')
      .slice(0, 60)
      .join('\n');
    const report = await runEval({
      knowledgeDir: 'knowledge/sample',
      questionFiles: [{ label: 'heldout-10-60', text }],
      mode: 'lexical',
    });
    const short = formatReport(report);
    const long = formatReport(report, { verbose: true });
    const count = Number(/Failures and clarifications: (\d+)/.exec(short)?.[1]);
    expect(count).toBeGreaterThan(0);
    expect(short).toContain('--verbose lists them');
    expect(short).not.toMatch(/^[✗~] /m);
    expect(long.match(/^[✗~] /gm)).toHaveLength(count);
    expect(short.split('\n').length).toBeLessThan(60);
  }, 120_000);
});
