import { describe, expect, it } from 'vitest';
import type { Candidate, Lang } from '../../knowledge/index.ts';
import { shippedAnswerModel } from './answer-model.ts';
import { FEATURE_NAMES } from './features.ts';
import { queryFacts } from './features.ts';
import { DEFAULT_OPERATING_POINTS } from './operating-points.ts';
import { opposesQuestion } from './opposite-actions.ts';
import { judgeAnswer } from './outcomes.ts';
import type { Scoring } from './scoring.ts';

const candidate = (fileId: string, lang: Lang, title = fileId): Candidate => ({
  fileId,
  title,
  lang,
  kind: 'faq',
  path: `${fileId}.md`,
  confidence: 0.5,
  passage: { id: `${fileId}#0`, fileId, kind: 'body', text: title },
  why: [],
});

/** The outcome logic on fixed probabilities, so each test states the model's view directly. */
function scoring(ps: [Candidate, number][], pNone: number, titled: string[] = []): Scoring {
  const row = (id: string) =>
    FEATURE_NAMES.map((name) => (name === 'titleQuestionCoverage' && titled.includes(id) ? 1 : 0));
  return { scored: ps.map(([c, p]) => ({ candidate: c, p, row: row(c.fileId) })), pNone, noneRow: [] };
}

const points = DEFAULT_OPERATING_POINTS;
const judge = (s: Scoring, lang: Lang, question = 'spørsmål', unknown: string[] = []) =>
  judgeAnswer({
    scoring: s,
    model: shippedAnswerModel(),
    points,
    facts: queryFacts(question, lang, 'lexical', unknown),
    question,
  });

describe('the three outcomes', () => {
  it('answers a likely file, with at most two related files in the citizen’s language', () => {
    const j = judge(
      scoring(
        [
          [candidate('sfo-pris', 'nb'), 0.9],
          [candidate('sfo-pris-da', 'da'), 0.4],
          [candidate('sfo-soknad', 'nb'), 0.3],
          [candidate('sfo-ferie', 'nn'), 0.2],
          [candidate('sfo-mat', 'nb'), 0.1],
        ],
        0.05,
      ),
      'nb',
    );
    expect(j.kind).toBe('answer');
    if (j.kind !== 'answer') return;
    expect(j.top.fileId).toBe('sfo-pris');
    expect(j.related.map((c) => c.fileId)).toEqual(['sfo-soknad', 'sfo-ferie']);
    expect(j.why).toContain('answerAt');
  });

  it('answers alone when no other file is close', () => {
    const j = judge(
      scoring(
        [
          [candidate('a', 'nb'), 0.95],
          [candidate('b', 'nb'), 0.01],
        ],
        0.02,
      ),
      'nb',
    );
    expect(j).toMatchObject({ kind: 'answer', related: [] });
  });

  it('offers both when two files in the same language are each likely enough to answer', () => {
    const j = judge(
      scoring(
        [
          [candidate('barnehage-pris', 'nb'), 0.9],
          [candidate('sfo-pris', 'nb'), 0.85],
          [candidate('sfo-soknad', 'nb'), 0.2],
        ],
        0.02,
      ),
      'nb',
      'hva koster det',
    );
    expect(j).toMatchObject({ kind: 'clarify' });
    if (j.kind !== 'clarify') return;
    expect(j.options.map((c) => c.fileId)).toEqual(['barnehage-pris', 'sfo-pris']);
    expect(j.why).toContain('ambiguous');
  });

  it('answers when the other likely file is the same answer in another language', () => {
    const j = judge(
      scoring(
        [
          [candidate('barnehage-pris', 'nb'), 0.9],
          [candidate('kindergarten-price', 'en'), 0.85],
        ],
        0.02,
      ),
      'nb',
    );
    expect(j).toMatchObject({ kind: 'answer', top: { fileId: 'barnehage-pris' } });
  });

  it('suggests up to three files in the citizen’s language, not a translation that is no better', () => {
    const j = judge(
      scoring(
        [
          [candidate('barnehage-da', 'da'), 0.4],
          [candidate('barnehage-soknad', 'nb'), 0.4],
          [candidate('barnehage-pris', 'nb'), 0.3],
          [candidate('barnehage-bytte', 'nn'), 0.2],
          [candidate('barnehage-mat', 'nb'), 0.1],
        ],
        0.2,
      ),
      'nb',
    );
    expect(j.kind).toBe('clarify');
    if (j.kind !== 'clarify') return;
    expect(j.options.map((c) => c.fileId)).toEqual(['barnehage-soknad', 'barnehage-pris', 'barnehage-bytte']);
  });

  it('suggests a file in another language when it is the likeliest, e.g. the only one on the topic', () => {
    const j = judge(
      scoring(
        [
          [candidate('swimming-pool', 'en'), 0.5],
          [candidate('servicetorget', 'nb'), 0.2],
        ],
        0.3,
      ),
      'nb',
    );
    expect(j.kind === 'clarify' && j.options.map((c) => c.fileId)).toEqual([
      'swimming-pool',
      'servicetorget',
    ]);
  });

  it('fills the suggestions with a file the knowledge has in no other language, never with a translation', () => {
    const linked = (fileId: string, lang: Lang, link: string): Candidate => ({
      ...candidate(fileId, lang),
      link,
    });
    const j = judge(
      scoring(
        [
          [linked('sfo-pris', 'nb', 'https://fjordvik.no/sfo'), 0.4],
          [linked('sfo-price', 'en', 'https://fjordvik.no/sfo'), 0.35],
          [linked('svommekurs', 'nn', 'https://fjordvik.no/sym'), 0.3],
          [linked('fritidshjem', 'da', 'https://fjordvik.no/fritid'), 0.25],
        ],
        0.2,
      ),
      'nb',
    );
    expect(j.kind === 'clarify' && j.options.map((c) => c.fileId)).toEqual([
      'sfo-pris',
      'svommekurs',
      'fritidshjem',
    ]);
  });

  it('never offers the opposite action beside the asked one', () => {
    const j = judge(
      scoring(
        [
          [candidate('opsigelse', 'en', 'Opsig en plads'), 0.4],
          [candidate('apply', 'en', 'Apply for a kindergarten place'), 0.35],
          [candidate('cancel', 'en', 'Cancel a kindergarten place'), 0.3],
        ],
        0.2,
      ),
      'en',
      'How do I apply',
    );
    expect(j.kind === 'clarify' && j.options.map((c) => c.fileId)).toEqual(['apply']);
  });

  it('offers both actions when the question names neither', () => {
    expect(opposesQuestion('barnehageplass', 'Si opp barnehageplass')).toBe(false);
    expect(opposesQuestion('hvordan søker jeg barnehageplass', 'Si opp barnehageplass')).toBe(true);
    expect(opposesQuestion('how do I cancel', 'Apply for a place')).toBe(true);
    expect(opposesQuestion('avbestille time', 'Bestille time')).toBe(true);
    expect(opposesQuestion('bestille time', 'Bestille time')).toBe(false);
  });

  it('says it has no answer, naming the words it did not find, when no file is likely', () => {
    const j = judge(
      scoring([[candidate('servicetorget', 'nb'), 0.1]], 0.9),
      'nb',
      'åpningstider svømmehall',
      ['svømmehall'],
    );
    expect(j).toMatchObject({ kind: 'none', understood: ['svømmehall'] });
    expect(j.why).toContain('noAnswerAt');
  });

  it('names the longest words of the question when every word is known', () => {
    const j = judge(scoring([[candidate('x', 'nb'), 0.02]], 0.95), 'nb', 'Åpningstider for svømmehallen?');
    expect(j).toMatchObject({ kind: 'none', understood: ['åpningstider', 'svømmehallen'] });
  });

  it('suggests, rather than claim to know nothing, the files titled with every word of a bare keyword', () => {
    const j = judge(
      scoring(
        [
          [candidate('dagtilbud-da', 'da'), 0.1],
          [candidate('barnehage-pris', 'nb'), 0.08],
          [candidate('barnehage-bytte', 'nb'), 0.04],
          [candidate('skole', 'nb'), 0.01],
        ],
        0.9,
        ['dagtilbud-da', 'barnehage-pris', 'barnehage-bytte'],
      ),
      'nb',
      'barnehage',
    );
    expect(j.kind === 'clarify' && j.options.map((c) => c.fileId)).toEqual([
      'barnehage-pris',
      'barnehage-bytte',
    ]);
  });

  it('says it has no answer when nothing was found at all', () => {
    expect(judge(scoring([], 1), 'nb').kind).toBe('none');
  });
});
