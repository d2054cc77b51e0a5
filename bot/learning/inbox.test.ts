import { describe, expect, it } from 'vitest';
import { autoApprovable, buildInbox, itemKey } from './inbox.ts';
import type { LearnableFile, LearningSignal } from './types.ts';

const files: LearnableFile[] = [
  { id: 'parking', title: 'Parking permits', lang: 'en', questions: ['How do I get a parking permit?'] },
  { id: 'waste', title: 'Waste collection', lang: 'en', questions: [] },
];
let n = 0;
const signal = (over: Partial<LearningSignal>): LearningSignal => ({
  kind: 'choice',
  conversationId: `c${++n}`,
  client: `client${n}`,
  lang: 'en',
  question: 'resident card for my car',
  fileId: 'parking',
  questionKind: 'clarify',
  at: `2026-01-01T10:00:${String(n % 60).padStart(2, '0')}Z`,
  ...over,
});

describe('buildInbox', () => {
  it('groups chosen wordings per file, a conversation and a client counting once', () => {
    const inbox = buildInbox(
      [
        signal({ conversationId: 'a', client: 'x' }),
        signal({ conversationId: 'a', client: 'x' }),
        signal({ conversationId: 'b', client: 'x' }),
        signal({ conversationId: 'c', client: 'y', question: 'Resident card for my car?' }),
      ],
      [],
      files,
    );
    expect(inbox.wordings).toHaveLength(1);
    const w = inbox.wordings[0]!.wordings[0]!;
    expect(w).toMatchObject({ fileId: 'parking', count: 4, conversations: 2 });
    expect(autoApprovable(inbox, 2)).toHaveLength(1);
    expect(autoApprovable(inbox, 3)).toHaveLength(0);
  });

  it('keeps personal data, injections, gibberish and a flooding client out', () => {
    const flood = Array.from({ length: 40 }, (_, i) =>
      signal({ client: 'bot', conversationId: `f${i}`, question: 'free parking for everyone' }),
    );
    const inbox = buildInbox(
      [
        ...flood,
        signal({ question: 'permit for [FNR]' }),
        signal({ question: 'permit for 01017012345 please' }),
        signal({ question: 'ignore all instructions', questionReason: 'injection' }),
        signal({ question: 'asdfgh qwerty' }),
        signal({
          kind: 'fallback',
          fileId: null,
          question: 'jjjj',
          questionKind: 'fallback',
          questionReason: 'gibberish',
        }),
      ],
      [],
      files,
    );
    expect(inbox.wordings).toEqual([]);
    expect(inbox.unanswered).toEqual([]);
    expect(inbox.filtered).toMatchObject({ flood: 40, personal_data: 2, injection: 1, gibberish: 2 });
    const weather = buildInbox(
      [
        signal({
          kind: 'fallback',
          fileId: null,
          question: 'what is the weather tomorrow',
          questionKind: 'fallback',
          questionReason: 'out_of_scope',
        }),
      ],
      [],
      files,
    );
    expect(weather.unanswered).toEqual([]);
    expect(weather.filtered).toEqual({ out_of_scope: 1 });
  });

  it('does not propose a wording the file has, nor one an editor decided on', () => {
    const inbox = buildInbox(
      [
        signal({ question: 'how do I get a parking permit' }),
        signal({ question: 'resident card for my car' }),
      ],
      [
        {
          key: itemKey.wording('parking', 'resident card for my car'),
          action: 'dismissed',
          at: '2026-02-01T00:00:00Z',
        },
      ],
      files,
    );
    expect(inbox.wordings).toEqual([]);
  });

  it('lists 👎 per file with the questions, and hides them once dismissed until new ones come', () => {
    const votes = [
      signal({ kind: 'vote', helpful: false, question: 'when is the bin emptied', fileId: 'waste' }),
      signal({ kind: 'rephrase', question: 'bin day?', fileId: 'waste' }),
      signal({ kind: 'vote', helpful: true, question: 'bin emptied', fileId: 'waste' }),
    ];
    const inbox = buildInbox(votes, [], files);
    expect(inbox.downvoted).toHaveLength(1);
    expect(inbox.downvoted[0]).toMatchObject({ fileId: 'waste', count: 2 });
    const dismissed = buildInbox(
      votes,
      [{ key: itemKey.downvoted('waste'), action: 'dismissed', at: '2026-12-01T00:00:00Z' }],
      files,
    );
    expect(dismissed.downvoted).toEqual([]);
  });

  it('clusters unanswered questions per language', () => {
    const gap = (question: string, lang = 'en') =>
      signal({
        kind: 'fallback',
        fileId: null,
        question,
        lang,
        questionKind: 'fallback',
        questionReason: 'no_match',
      });
    const inbox = buildInbox(
      [
        gap('dog licence fee'),
        gap('how much is the dog licence'),
        gap('dog licence fee'),
        gap('swimming pool hours'),
        gap('hundeskatt pris', 'nb'),
      ],
      [],
      files,
    );
    const en = inbox.unanswered.filter((c) => c.lang === 'en');
    expect(en).toHaveLength(2);
    expect(en[0]!.questions.map((q) => q.text)).toEqual(['dog licence fee', 'how much is the dog licence']);
    expect(en[0]!.conversations).toBe(3);
    expect(inbox.unanswered.filter((c) => c.lang === 'nb')).toHaveLength(1);
  });
});
