import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBotEnvironment, texts, type BotEnvironment, type ReplyLang } from '../bot/index.ts';
import { CHECK_IN_BAND } from '../bot/test-support/check-in-band.ts';
import { FAKE_RETRIEVER_THRESHOLDS, FakeRetriever } from '../bot/test-support/fake-retriever.ts';
import { SAMPLE_FILES } from '../bot/test-support/sample-files.ts';
import { botResponder } from './main.ts';
import { startTestServer, type TestServer } from './test-support/test-app.ts';

let t: TestServer;
let env: BotEnvironment;

beforeAll(async () => {
  ({ env } = await createBotEnvironment({
    retriever: new FakeRetriever(SAMPLE_FILES),
    config: {
      municipalityName: 'Fjordvik kommune',
      thresholds: { ...FAKE_RETRIEVER_THRESHOLDS, ...CHECK_IN_BAND },
    },
  }));
  // Evening, nobody on duty: a check-in must not depend on a person being there.
  t = await startTestServer({ responder: botResponder({ ask: (run) => run(env), current: () => env }) });
  t.clock.set('2026-03-04T19:00:00.000Z');
});
afterAll(() => t.close());

const UNCERTAIN: [ReplyLang, string][] = [
  ['nb', 'Alt føles så håpløst for tiden'],
  ['nn', 'Alt kjennest så håplaust for tida'],
  ['da', 'Alt føles så håbløst for tiden'],
];

describe('uncertain distress in the chat', () => {
  it.each(UNCERTAIN)('%s: the bot checks in with the numbers and stays in the chat', async (lang, text) => {
    const c = await t.citizen();
    const { conversationId } = await c.start({ lang });
    c.send({ type: 'message', clientId: 'm1', text });
    const bot = await c.next('bot');
    expect(bot.kind).toBe('check_in');
    expect(bot.text.startsWith(texts(lang).checkInQuestion)).toBe(true);
    expect(bot.text).toContain(texts(lang).checkInInvite);
    expect(bot.emergency.length).toBeGreaterThan(0);
    expect(bot.askFeedback).toBe(false);
    // A question, not a handover: no queue, no offline form, no on-call alert.
    const id = conversationId as string;
    expect((await t.app.store.conversations.get(id))?.state).toBe('bot');
    expect(c.all('offline')).toEqual([]);
    expect(await t.app.store.alerts.forConversation(id)).toEqual([]);
    const decision = (await t.app.store.events.forConversation(id)).find((e) => e.type === 'bot_decision');
    expect(decision?.payload).toMatchObject({ kind: 'check_in', lang });
    c.close();
  });
});
