import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SyntheticConversation, addStaff } from '../analytics/test-support/synthetic-log.ts';
import type { Logger } from '../log.ts';
import { openStore, type Store } from '../store/store.ts';
import { FakeClock } from '../test-support/fake-clock.ts';
import { runRetention } from './retention.ts';
import { startRetentionJob } from './retention-job.ts';
import { snapshot, type Snapshot } from './test-support.ts';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();
const OPTIONS = { conversationTextDays: 30, eventDays: 730, now: NOW };

let store: Store;
beforeEach(() => {
  store = openStore(join(mkdtempSync(join(tmpdir(), 'svar-retention-')), 'svar.db'));
});
afterEach(async () => await store.close());

async function orphanTicket(
  question: string,
  createdDaysAgo: number,
  answeredDaysAgo: number,
): Promise<number> {
  const at = daysAgo(createdDaysAgo);
  const id = await store.tickets.create({
    conversationId: null,
    lang: 'nb',
    queue: 'servicetorget',
    question,
    questionRedacted: question,
    email: 'someone@example.no',
    phone: null,
    at,
  });
  await store.tickets.answer(id, {
    channel: 'email',
    answer: 'Svar',
    staffId: 1,
    at: daysAgo(answeredDaysAgo),
  });
  return id;
}

/** Conversations at each age the rules distinguish. */
async function seed() {
  const agent = await addStaff(store, 'kari', daysAgo(900));
  // Older than the event period: goes entirely.
  const old = await SyntheticConversation.start(store, 'old', daysAgo(800), 'nb');
  await old.citizen('Gammelt spørsmål');
  await old.decide('answer', { fileId: 'skolerute', redacted: 'Gammelt spørsmål' });
  await old.feedback('bot', false, { comment: 'Ring 412 34 567' });
  await old.handover('human_request', 'servicetorget');
  await old.assigned(agent, 'servicetorget', 30);
  await old.close('agent', 'assigned', { contactType: 'general_advice', handledSeconds: 60, note: 'Notat' });
  const oldTicket = await old.ticket({ question: 'Gammel', queue: 'servicetorget', email: 'old@example.no' });
  await old.ticketAnswered(oldTicket, 'email', 3600, agent, 'Gammelt svar');
  // Still waiting after all this time: never removed under someone's feet, but its text and events age out.
  const waiting = await SyntheticConversation.start(store, 'waiting', daysAgo(800), 'nb');
  await waiting.citizen('Venter fortsatt');
  await waiting.handover('human_request', 'servicetorget');
  // Past the text period only.
  const mid = await SyntheticConversation.start(store, 'mid', daysAgo(40), 'nb');
  await mid.citizen('Mitt nummer er 01017012345');
  await mid.decide('handover', { handoverReason: 'pii', redacted: 'Mitt nummer er [FNR]' });
  await mid.handover('pii', 'servicetorget');
  await mid.assigned(agent, 'servicetorget', 20);
  await mid.agentMessage(agent, 'Takk, jeg ser på det');
  await mid.close('agent', 'assigned', {
    contactType: 'existing_case_info',
    handledSeconds: 100,
    note: 'Ringte tilbake',
  });
  await mid.feedback('conversation', true, { comment: 'Veldig bra' });
  const midTicket = await mid.ticket({
    question: 'Mer hjelp',
    queue: 'servicetorget',
    email: 'mid@example.no',
  });
  await mid.ticketAnswered(midTicket, 'email', 5 * 86_400, agent, 'Mer svar'); // answered 35 days ago
  // Past the text period, but nobody answered the offline message yet.
  const open = await SyntheticConversation.start(store, 'open', daysAgo(40), 'nb');
  await open.citizen('Kan noen ringe meg?');
  await open.ticket({ question: 'Ring meg', queue: 'servicetorget', phone: '41234567' });
  // Recent: untouched.
  const recent = await SyntheticConversation.start(store, 'recent', daysAgo(5), 'nb');
  await recent.citizen('Nytt spørsmål');
  await recent.feedback('conversation', true, { comment: 'Fint' });
  await recent.close('citizen', 'bot', { note: 'x' });
  const orphanOld = await orphanTicket('Foreldreløs gammel', 800, 799);
  const orphanMid = await orphanTicket('Foreldreløs', 40, 39);
  await store.audit.log({ actor: 'staff:1', action: 'login', target: null, details: null, at: daysAgo(800) });
  return { orphanOld, orphanMid, midTicket };
}

/** The state the rules should leave, written out from the seed rather than from the implementation. */
function expectedAfter(before: Snapshot, ids: Awaited<ReturnType<typeof seed>>): Snapshot {
  const textCutoff = daysAgo(30);
  const eventCutoff = daysAgo(730);
  const gone = (r: Record<string, unknown>) => r.conversation_id === 'old' || r.id === 'old';
  const after: Snapshot = structuredClone(before);
  after.conversations = after
    .conversations!.filter((r) => !gone(r))
    .map((r) => (r.id === 'mid' ? { ...r, close_note: null } : r));
  after.messages = after
    .messages!.filter((r) => !gone(r))
    .map((r) => (String(r.created_at) < textCutoff ? { ...r, text: null } : r));
  after.handover_transitions = after.handover_transitions!.filter((r) => !gone(r));
  after.feedback = after
    .feedback!.filter((r) => !gone(r))
    .map((r) => (r.conversation_id === 'mid' ? { ...r, comment: null } : r));
  after.tickets = after
    .tickets!.filter((r) => !gone(r) && r.id !== ids.orphanOld)
    .map((r) =>
      r.id === ids.midTicket || r.id === ids.orphanMid
        ? { ...r, question: null, answer: null, email: null, phone: null }
        : r,
    );
  after.events = after.events!.filter((r) => String(r.at) >= eventCutoff);
  return after;
}

describe('runRetention', () => {
  it('removes exactly what is past its period and nothing else', async () => {
    const ids = await seed();
    const before = await snapshot(store);
    const eventsPast = before.events!.filter((e) => String(e.at) < daysAgo(730)).length;
    const result = await runRetention(store, OPTIONS);
    expect(result).toEqual({
      textCutoff: daysAgo(30),
      eventCutoff: daysAgo(730),
      messageTexts: 5, // waiting 1, mid 3 (citizen, bot, agent), open 1
      ticketTexts: 2, // mid's, and the orphan answered 39 days ago
      feedbackComments: 1,
      closeNotes: 1,
      events: eventsPast,
      conversations: 1,
      tickets: 2, // old's, and the orphan answered 799 days ago
      openTicketsKept: 1,
    });
    expect(eventsPast).toBeGreaterThan(10);
    const after = await snapshot(store);
    const { audit: auditAfter, ...rest } = after;
    const { audit: auditBefore, ...expected } = expectedAfter(before, ids);
    expect(rest).toEqual(expected);
    // The audit log keeps everything and gains one entry saying what was removed.
    expect(auditAfter!.slice(0, -1)).toEqual(auditBefore);
    const entry = auditAfter!.at(-1)!;
    expect(entry).toMatchObject({ actor: 'system', action: 'retention', at: NOW.toISOString() });
    expect(JSON.parse(String(entry.details))).toMatchObject({
      messageTexts: 5,
      conversations: 1,
      openTicketsKept: 1,
    });
  });

  it('keeps the redacted copy of every message whose text it removes', async () => {
    await seed();
    await runRetention(store, OPTIONS);
    const mid = await store.messages.list('mid');
    expect(mid.map((m) => m.text)).toEqual([null, null, null]);
    expect(mid[0]!.redacted).toBe('Mitt nummer er [FNR]');
  });

  it('does nothing more on a second run, and logs what it did', async () => {
    await seed();
    await runRetention(store, OPTIONS);
    const lines: string[] = [];
    const log: Logger = { info: (m) => lines.push(m), warn: () => {}, error: () => {} };
    const again = await runRetention(store, { ...OPTIONS, log });
    expect(again).toMatchObject({
      messageTexts: 0,
      ticketTexts: 0,
      events: 0,
      conversations: 0,
      tickets: 0,
      openTicketsKept: 1,
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /cleared text of 0 messages.*1 unanswered offline messages past the period kept/,
    );
  });

  it('refuses nonsense periods', async () => {
    expect(async () => await runRetention(store, { ...OPTIONS, conversationTextDays: 0 })).toThrow();
  });
});

describe('startRetentionJob', () => {
  it('runs shortly after start and then at its interval, until stopped', async () => {
    const clock = new FakeClock(NOW);
    const old = await SyntheticConversation.start(store, 'a', daysAgo(31), 'nb');
    await old.citizen('første');
    const log: Logger = { info: () => {}, warn: () => {}, error: () => {} };
    const job = startRetentionJob({
      store,
      retention: { conversationTextDays: 30, eventsDays: 730 },
      clock,
      log,
      firstRunMs: 1000,
      intervalMs: 10_000,
    });
    const texts = async () =>
      (await store.sql.get('SELECT count(*) AS n FROM messages WHERE text IS NOT NULL')) as { n: number };
    clock.advance(999);
    expect((await texts()).n).toBe(1);
    clock.advance(1);
    expect((await texts()).n).toBe(0);
    const later = await SyntheticConversation.start(store, 'b', daysAgo(31), 'nb');
    await later.citizen('andre');
    clock.advance(9_999);
    expect((await texts()).n).toBe(1);
    clock.advance(1);
    expect((await texts()).n).toBe(0);
    job.stop();
    expect(clock.timerCount).toBe(0);
  });

  it('logs a failed run and keeps going', async () => {
    const clock = new FakeClock(NOW);
    const errors: string[] = [];
    const log: Logger = { info: () => {}, warn: () => {}, error: (m) => errors.push(m) };
    const job = startRetentionJob({
      store,
      retention: { conversationTextDays: 30, eventsDays: 730 },
      clock,
      log,
      firstRunMs: 10,
      intervalMs: 100,
    });
    await store.close();
    clock.advance(10);
    expect(errors).toEqual(['retention run failed']);
    expect(clock.timerCount).toBe(1);
    job.stop();
  });
});
