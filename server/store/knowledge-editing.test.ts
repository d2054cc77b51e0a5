import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from './store.ts';

const decision = (fileId: string, redacted: string, kind = 'answer', choice = false) => ({
  kind,
  lang: 'nb',
  detectedLang: 'nb',
  fileId,
  priority: 'normal',
  unanswered: false,
  candidates: [],
  why: [],
  redacted,
  choice,
});

describe('knowledge editing queries', () => {
  it('counts answers and ratings per file since a date, and lists the distinct questions that reached a file', async () => {
    const store = openStore(join(mkdtempSync(join(tmpdir(), 'svar-ke-')), 'svar.db'));
    const { events } = store;
    events.log('bot_decision', null, decision('a', 'old question'), '2026-01-01T00:00:00.000Z');
    events.log('bot_decision', null, decision('a', 'hva koster det'), '2026-03-01T00:00:00.000Z');
    events.log('bot_decision', null, decision('a', 'hva koster det'), '2026-03-02T00:00:00.000Z');
    events.log('bot_decision', null, decision('a', 'picked', 'answer', true), '2026-03-02T00:00:00.000Z');
    events.log('bot_decision', null, decision('b', 'hmm', 'clarify'), '2026-03-02T00:00:00.000Z');
    events.log(
      'feedback',
      null,
      { messageId: 1, fileId: 'a', target: 'bot', helpful: true },
      '2026-03-02T00:00:00.000Z',
    );
    events.log(
      'feedback',
      null,
      { messageId: 2, fileId: 'a', target: 'bot', helpful: false },
      '2026-03-02T00:00:00.000Z',
    );
    events.log(
      'feedback',
      null,
      { messageId: 3, fileId: 'a', target: 'agent', helpful: false },
      '2026-03-02T00:00:00.000Z',
    );

    const usage = await store.knowledgeEditing.usageSince('2026-02-01T00:00:00.000Z');
    expect(usage.get('a')).toEqual({ answers: 3, up: 1, down: 1 });
    expect(usage.get('b')).toBeUndefined();
    expect(await store.knowledgeEditing.questionsThatReached('a', '2026-02-01T00:00:00.000Z', 10)).toEqual([
      'hva koster det',
    ]);
    await store.close();
  });
});
