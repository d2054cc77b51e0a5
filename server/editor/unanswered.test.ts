import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openStore, type Store } from '../store/store.ts';
import { unansweredQuestions } from './unanswered.ts';

let store: Store;
beforeEach(() => {
  store = openStore(join(mkdtempSync(join(tmpdir(), 'svar-unanswered-')), 'svar.db'));
});
afterEach(async () => await store.close());

async function decision(redacted: string, unanswered: boolean, at: string): Promise<void> {
  await store.events.log(
    'bot_decision',
    'c1',
    {
      kind: unanswered ? 'fallback' : 'answer',
      lang: 'nb',
      detectedLang: 'nb',
      priority: 'normal',
      unanswered,
      candidates: [],
      why: [],
      redacted,
      choice: false,
    },
    at,
  );
}

it('groups unanswered questions, most frequent first, and leaves answered ones out', async () => {
  decision('Kan jeg låne en kano?', true, '2026-03-01T10:00:00.000Z');
  decision('Når kommer snøbrøyteren?', true, '2026-03-02T10:00:00.000Z');
  decision('når kommer snøbrøyteren', true, '2026-03-03T10:00:00.000Z');
  decision('  Når kommer snøbrøyteren?! ', true, '2026-03-04T10:00:00.000Z');
  decision('Når er fristen for barnehage?', false, '2026-03-04T11:00:00.000Z');
  const list = unansweredQuestions(store);
  const all = await list(10);
  expect(all.map((q) => [q.count, q.lastAt])).toEqual([
    [3, '2026-03-04T10:00:00.000Z'],
    [1, '2026-03-01T10:00:00.000Z'],
  ]);
  expect(all[0]?.text.trim().toLowerCase()).toMatch(/^når kommer snøbrøyteren/);
  expect(all[1]?.text).toBe('Kan jeg låne en kano?');
  expect(await list(1)).toHaveLength(1);
});
