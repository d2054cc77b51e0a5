import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runLearnEval } from './run-learning.ts';

const read = async (file: string) => ({ label: file, text: await readFile(file, 'utf8') });

describe('eval --learn-from', () => {
  it('replays month 1, approves the right proposals, and month 2 gets more direct answers, no more wrong ones', async () => {
    const r = await runLearnEval({
      knowledgeDir: 'eval/knowledge/kommune-a',
      learnFrom: await read('eval/learning/fixtures/month1.jsonl'),
      questionFiles: [await read('eval/learning/fixtures/month2.jsonl')],
      mode: 'lexical',
    });
    expect(r.after.questions).toBe(r.before.questions);
    expect(r.after.answer_top1! - r.before.answer_top1!).toBeGreaterThan(0.1);
    expect(r.after.wrong_answer_rate!).toBeLessThanOrEqual(r.before.wrong_answer_rate!);
    // The noise in month 1 was kept out of the inbox by the guards, not by the simulated editor.
    expect(r.learning.inbox.filtered).toMatchObject({ gibberish: 1, injection: 1 });
    expect(r.learning.editor.approved).toBeGreaterThan(0);
    // The folder it was given is untouched: learning wrote into a copy.
    expect(await readFile('eval/knowledge/kommune-a/havn/batplass-soknad.md', 'utf8')).not.toContain(
      'kø for båtplass',
    );
  }, 120_000);
});
