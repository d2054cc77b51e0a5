import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBotEnvironment, decide, type BotEnvironment } from '../bot/index.ts';
import { openKnowledge } from '../knowledge/index.ts';

/** The three outcomes through decide(), with the answer model calibrated on the sample knowledge. */
let env: BotEnvironment;
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'svar-outcomes-'));
  const knowledge = await openKnowledge({ knowledgeDir: 'knowledge/sample', dataDir });
  ({ env } = await createBotEnvironment({
    retriever: knowledge.retriever,
    ...(knowledge.policyText !== undefined ? { policyText: knowledge.policyText } : {}),
    handoverModel: null,
  }));
}, 120_000);
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const ask = (text: string, widgetLang: 'nb' | 'en' = 'nb') => decide(text, { history: [], widgetLang }, env);

describe('answer, suggestions, no answer', () => {
  it('answers the README’s own example directly', async () => {
    const d = await ask('hva koster sfo');
    expect(d).toMatchObject({ kind: 'answer', fileId: 'sfo-pris' });
    expect(d.why.join(' ')).toMatch(/P\(answers\) [\d.]+ ≥ answerAt/);
  });

  it('offers the Bokmål files for a bare Bokmål keyword, not Danish ones', async () => {
    const d = await ask('barnehage');
    expect(d.kind).toBe('clarify');
    const offered = (d.reply.suggestions ?? []).map((s) => env.retriever.file(s.fileId)?.lang);
    expect(offered.length).toBeGreaterThanOrEqual(2);
    expect(offered.every((lang) => lang === 'nb' || lang === 'nn')).toBe(true);
  });

  it('does not offer cancelling a place to someone asking how to apply for one', async () => {
    const d = await ask('How do I apply for a place in kindergarten', 'en');
    const titles = [...(d.reply.suggestions ?? []), ...(d.reply.related ?? [])].map((s) => s.title);
    expect(titles.length).toBeGreaterThan(0);
    for (const title of titles) expect(title).not.toMatch(/opsig|si opp|oppsigelse|cancel/i);
  });

  it('says what it found nothing about, with the way to a person', async () => {
    // A word no file uses; the earlier example (changing tyres, every word known) is borderline for the model.
    const d = await ask('hvor kan jeg kjøpe vinterdekk');
    expect(d).toMatchObject({ kind: 'fallback', fallbackReason: 'no_match', unanswered: true });
    expect(d.reply.text).toMatch(/^Jeg fant ingenting om \*vinterdekk\*\. .*person/);
  });
});
