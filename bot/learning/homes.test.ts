import { describe, expect, it } from 'vitest';
import { addHomes } from './homes.ts';
import { buildInbox, itemKey } from './inbox.ts';
import type { LearnableFile, LearningSignal } from './types.ts';

const files: LearnableFile[] = [
  { id: 'parking', title: 'Parking permits', lang: 'en', questions: [] },
  { id: 'resident-card', title: 'Resident cards', lang: 'en', questions: [] },
  { id: 'waste', title: 'Waste collection', lang: 'en', questions: [] },
  { id: 'library', title: 'Library', lang: 'en', questions: [] },
];
let n = 0;
const signal = (over: Partial<LearningSignal>): LearningSignal => ({
  kind: 'vote',
  helpful: false,
  conversationId: `c${++n}`,
  client: `client${n}`,
  lang: 'en',
  question: 'card for parking outside my flat',
  fileId: 'parking',
  questionKind: 'answer',
  at: '2026-01-01T10:00:00Z',
  ...over,
});
// The knowledge's search, as the server and the eval pass it in: best first.
const search = async (question: string): Promise<string[]> =>
  question.includes('parking') ? ['parking', 'resident-card', 'waste'] : ['waste', 'library', 'parking'];

describe('addHomes', () => {
  it('offers a 👎 question the other files the search finds, never the file that answered wrongly', async () => {
    const inbox = await addHomes(buildInbox([signal({})], [], files), search);
    expect(inbox.downvoted[0]!.questions[0]!.homes).toEqual(['resident-card', 'waste']);
  });

  it('offers an unanswered cluster the files closest to its questions, at most two', async () => {
    const unanswered = signal({
      kind: 'fallback',
      helpful: undefined,
      fileId: null,
      question: 'when is the bin emptied',
      questionKind: 'fallback',
      questionReason: 'no_match',
    });
    const inbox = await addHomes(buildInbox([unanswered], [], files), search);
    expect(inbox.unanswered[0]!.likelyFileIds).toEqual(['waste', 'library']);
  });

  it('leaves a 👎 question out once an editor has moved it into any file', () => {
    const moved = {
      key: itemKey.wording('resident-card', 'card for parking outside my flat'),
      action: 'approved' as const,
      at: '2026-01-02T00:00:00Z',
    };
    expect(buildInbox([signal({})], [], files).downvoted).toHaveLength(1);
    expect(buildInbox([signal({})], [moved], files).downvoted).toHaveLength(0);
  });
});
