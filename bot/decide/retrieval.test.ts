import { describe, expect, it } from 'vitest';
import type { Candidate } from '../../knowledge/index.ts';
import { DEFAULT_THRESHOLDS } from '../policy/thresholds.ts';
import { judge, withoutUnknownWordAnswer } from './retrieval.ts';

const candidate = (fileId: string, confidence: number): Candidate => ({
  fileId,
  title: fileId,
  lang: 'nb',
  kind: 'faq',
  path: `${fileId}.md`,
  confidence,
  passage: { id: `${fileId}#0`, fileId, kind: 'body', text: '…' },
  why: [],
});

const t = DEFAULT_THRESHOLDS;

describe('withoutUnknownWordAnswer', () => {
  const clear = [candidate('flyttemelding', 0.69), candidate('new-residents', 0.1)];

  it('offers suggestions instead of a middling answer to a question with a word the knowledge never uses', () => {
    const answer = judge(clear, t);
    expect(answer.kind).toBe('answer');
    const judged = withoutUnknownWordAnswer(answer, clear, { mode: 'lexical', unknownWords: ['hund'] }, t);
    expect(judged).toMatchObject({ kind: 'clarify', options: [{ fileId: 'flyttemelding' }] });
    expect(judged.why).toContain('"hund"');
  });

  it('keeps the answer when every word is known, when it is confident, or when a model judged it', () => {
    const answer = judge(clear, t);
    expect(withoutUnknownWordAnswer(answer, clear, { mode: 'lexical', unknownWords: [] }, t)).toBe(answer);
    expect(withoutUnknownWordAnswer(answer, clear, { mode: 'hybrid', unknownWords: ['hund'] }, t)).toBe(
      answer,
    );
    const strong = [candidate('flyttemelding', t.unknownWordAnswerMin), candidate('other', 0)];
    const confident = judge(strong, t);
    expect(withoutUnknownWordAnswer(confident, strong, { mode: 'lexical', unknownWords: ['hund'] }, t)).toBe(
      confident,
    );
  });

  it('leaves suggestions and fallbacks as they are', () => {
    const none = judge([candidate('x', 0.05)], t);
    expect(withoutUnknownWordAnswer(none, [], { mode: 'lexical', unknownWords: ['hund'] }, t)).toBe(none);
  });
});
