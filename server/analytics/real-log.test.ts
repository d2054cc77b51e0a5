import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-support/test-app.ts';
import { computeStats, officeHoursFromConfig } from './compute-stats.ts';
import { formatStats } from './report-format.ts';

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(() => t.close());

/** Wednesday 4 March 2026, the test server's day. */
const day = { from: '2026-03-04', to: '2026-03-04' };

describe('statistics over what the real chat server logs', () => {
  it('read every event the server writes and classify the conversations', async () => {
    const kari = await t.agent('kari');
    // Answered, rated helpful.
    const a = await t.citizen();
    await a.start();
    a.send({ type: 'message', clientId: '1', text: 'Når er søknadsfristen for barnehage?' });
    const answer = await a.next('bot');
    a.send({ type: 'feedback', messageId: answer.messageId, helpful: true });
    await a.next('feedback_saved');
    // Unanswered, with an ID number typed in.
    const b = await t.citizen();
    await b.start();
    b.send({ type: 'message', clientId: '1', text: 'Hva med 01017012345 og fiskekort?' });
    await b.next('bot');
    // Handed over, claimed, closed with a type.
    const c = await t.citizen();
    const welcome = await c.start();
    c.send({ type: 'message', clientId: '1', text: 'handover:personal:byggesak' });
    await c.next('queue');
    t.clock.advance(45_000);
    kari.send({ type: 'claim', conversationId: welcome.conversationId });
    await kari.next('assigned');
    t.clock.advance(120_000);
    kari.send({ type: 'close', conversationId: welcome.conversationId, contactType: 'new_case' });
    await kari.next('conversation_closed');

    const s = await computeStats(t.app.store, {
      ...day,
      timeZone: t.config.municipality.timeZone,
      officeHours: officeHoursFromConfig(t.config),
      files: [{ id: 'barnehage-opptak', title: 'Opptak i barnehage', link: 'https://x.example/soknad' }],
    });
    expect(s.skippedEvents).toBe(0);
    expect(s.conversations.total).toBe(3);
    expect(s.outcomes.counts).toMatchObject({ resolved: 1, fallback: 1, handed_over: 1 });
    expect(s.outcomes.handedOverByReason.personal).toBe(1);
    expect(s.queue).toMatchObject({ handoverRequests: 1, assigned: 1, byQueue: { byggesak: 1 } });
    expect(s.queue.waitSeconds.p50).toBe(45);
    expect(s.queue.handlingSeconds.p50).toBe(120);
    expect(s.feedback.byFile).toEqual([{ fileId: 'barnehage-opptak', up: 1, down: 0 }]);
    expect(s.contactTypes.byType.new_case.staff).toBe(1);
    expect(s.contactTypes.byType.self_service_help.bot).toBe(1);
    expect(s.knowledgeGaps.unanswered).toBe(1);
    for (const format of ['json', 'md', 'csv'] as const)
      expect(formatStats(s, format)).not.toContain('01017012345');
    kari.close();
  });
});
