import { beforeAll, describe, expect, it } from 'vitest';
import { createBotEnvironment, decide } from './index.ts';
import type { BotEnvironment, Decision, ReplyLang } from './index.ts';
import { FAKE_RETRIEVER_THRESHOLDS, FakeRetriever } from './test-support/fake-retriever.ts';
import { SAMPLE_FILES } from './test-support/sample-files.ts';

/**
 * End to end through decide(): the handover phenomena, several pleasantries in one message, contact details
 * beside a question, and keyword-only messages, each beside a near miss that must stay an answer.
 * Thresholds are pinned (FAKE_RETRIEVER_THRESHOLDS), because the fake retriever's confidences are hand-set.
 */
let env: BotEnvironment;
beforeAll(async () => {
  ({ env } = await createBotEnvironment({
    retriever: new FakeRetriever(SAMPLE_FILES),
    config: { thresholds: FAKE_RETRIEVER_THRESHOLDS },
  }));
});

type Expected = Partial<Pick<Decision, 'kind' | 'handoverReason' | 'fileId' | 'lang' | 'queue'>>;

const CASES: [string, ReplyLang, Expected][] = [
  // violence against someone else, now
  [
    'Naboen slår kona si akkurat nå, hun roper om hjelp',
    'nb',
    { kind: 'handover', handoverReason: 'crisis' },
  ],
  ['Min nabo slår sin kone lige nu', 'da', { kind: 'handover', handoverReason: 'crisis', lang: 'da' }],
  [
    'Someone is screaming for help next door',
    'en',
    { kind: 'handover', handoverReason: 'crisis', lang: 'en' },
  ],
  // put through to a department: routed there; asking for its number is a question
  [
    'Kan du stille mig videre til Oppvekstkontoret?',
    'da',
    { kind: 'handover', handoverReason: 'human_request', queue: 'oppvekst' },
  ],
  [
    'Could you forward me to Oppvekstkontoret?',
    'en',
    { kind: 'handover', handoverReason: 'human_request', queue: 'oppvekst' },
  ],
  [
    'Hva er telefonnummeret til Oppvekstkontoret?',
    'nb',
    { kind: 'answer', fileId: 'kontakt-oppvekstkontoret' },
  ],
  // a complaint about one's own decision; how to appeal is a question
  [
    'You rejected my application and I want to challenge that decision',
    'en',
    { kind: 'handover', handoverReason: 'complaint' },
  ],
  [
    'Jag har fått avslag och vill överklaga beslutet',
    'nb',
    { kind: 'handover', handoverReason: 'complaint' },
  ],
  ['How do I appeal a decision?', 'en', { kind: 'answer', fileId: 'klage-pa-vedtak' }],
  // pleasantries, alone or several in one message
  ['Tusen takk, det var til stor hjelp!', 'nb', { kind: 'smalltalk' }],
  ['Tak for hjælpen, hav en god dag', 'da', { kind: 'smalltalk' }],
  ['Takk, men hva koster SFO?', 'nb', { kind: 'answer', fileId: 'sfo-pris' }],
  // contact details beside the question are not searched
  ['Hva koster SFO? Svar gjerne på e-post til kari@example.no', 'nb', { kind: 'answer', fileId: 'sfo-pris' }],
];

describe('decide: phenomena and near misses', () => {
  it.each(CASES)('"%s" (widget %s)', async (message, widgetLang, expected) => {
    expect(await decide(message, { widgetLang, history: [] }, env)).toMatchObject(expected);
  });

  it.each([
    ['How do I cancel my kindergarten place?', 'en'],
    ['Can I invest in a flat through the municipality?', 'en'],
    ['sosialhjelp søknad skjema', 'nb'],
    ['Hva tilbyr kommunen for personer med demens?', 'nb'],
    ['Kommunen slår sammen to barnehager', 'nb'],
  ] as const)('"%s" is not handed over', async (message, widgetLang) => {
    const d = await decide(message, { widgetLang, history: [] }, env);
    expect(d.kind).not.toBe('handover');
  });

  it('says why weak phrases were ignored in a keyword-only message', async () => {
    const d = await decide('sosialhjelp søknad', { widgetLang: 'nb', history: [] }, env);
    expect(d.why).toContain('keywords only, no sentence: weak phrases ignored');
  });
});
