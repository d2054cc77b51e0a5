import { beforeAll, describe, expect, it } from 'vitest';
import { createBotEnvironment, decide, texts } from './index.ts';
import type { BotEnvironment, ReplyLang } from './index.ts';
import { CHECK_IN_BAND } from './test-support/check-in-band.ts';
import { FAKE_RETRIEVER_THRESHOLDS, FakeRetriever } from './test-support/fake-retriever.ts';
import { SAMPLE_FILES } from './test-support/sample-files.ts';

let env: BotEnvironment;

beforeAll(async () => {
  ({ env } = await createBotEnvironment({
    retriever: new FakeRetriever(SAMPLE_FILES),
    config: {
      municipalityName: 'Fjordvik kommune',
      thresholds: { ...FAKE_RETRIEVER_THRESHOLDS, ...CHECK_IN_BAND },
    },
  }));
});

/**
 * One despair concept and nothing else (no first person, no "now", nothing the knowledge answers): not a
 * crisis, not nothing. With the corpus-era distress weights a first person or any second signal makes it a
 * crisis handover instead (distressModerateMin 3). The same in every language, English included.
 */
const UNCERTAIN: [ReplyLang, string][] = [
  ['nb', 'Alt føles så håpløst for tiden'],
  ['nn', 'Alt kjennest så håplaust for tida'],
  ['da', 'Alt føles så håbløst for tiden'],
  ['en', 'Everything feels so hopeless lately'],
  ['en', 'It all feels so pointless these days'],
];

describe('uncertain distress: the bot checks in', () => {
  it.each(UNCERTAIN)('%s: asks whether the citizen is safe and shows the numbers', async (lang, message) => {
    const d = await decide(message, { widgetLang: lang, history: [] }, env);
    expect(d.kind).toBe('check_in');
    expect(d.distress).toBe('uncertain');
    expect(d.lang).toBe(lang);
    expect(d.reply.text.startsWith(texts(lang).checkInQuestion)).toBe(true);
    expect(d.reply.emergency?.length).toBeGreaterThan(0);
    for (const n of d.reply.emergency ?? []) expect(d.reply.text).toContain(n.number);
    expect(d.handoverReason).toBeUndefined();
    expect(d.why.join(' ')).toMatch(/distressCheckInMin .* check in/);
    expect(d.unanswered).toBe(false);
  });

  it('the check-in question is the gentle one, in every language', () => {
    expect(texts('nb').checkInQuestion).toMatch(/^Er du trygg akkurat nå\?/);
    expect(texts('nn').checkInQuestion).toMatch(/^Er du trygg akkurat no\?/);
    expect(texts('da').checkInQuestion).toMatch(/^Er du i sikkerhed lige nu\?/);
    expect(texts('en').checkInQuestion).toMatch(/^Are you safe right now\?/);
  });

  it('a question the knowledge answers is answered, whatever the mood', async () => {
    const d = await decide('Hva koster barnehage?', { widgetLang: 'nb', history: [] }, env);
    expect(d.kind).toBe('answer');
    expect(d.distress).toBe('none');
  });

  it('despair told in the first person is more than a check-in', async () => {
    const d = await decide('Jeg føler meg så håpløs for tiden', { widgetLang: 'nb', history: [] }, env);
    expect(d.kind).toBe('handover');
    expect(d.distress).not.toBe('none');
  });

  it('a crisis is still a crisis handover, with the level crisis', async () => {
    const d = await decide('jeg vil ta livet mitt', { widgetLang: 'nb', history: [] }, env);
    expect(d.kind).toBe('handover');
    expect(d.handoverReason).toBe('crisis');
    expect(d.distress).toBe('crisis');
  });

  it('the threshold can switch the check-in off', async () => {
    const off = { ...env, thresholds: { ...env.thresholds, distressCheckInMin: 50 } };
    const d = await decide('It all feels so pointless these days', { widgetLang: 'en', history: [] }, off);
    expect(d.kind).not.toBe('check_in');
    expect(d.distress).toBe('none');
  });
});
