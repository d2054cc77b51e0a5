import { cpSync, mkdirSync, mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeStats, formatStats, officeHoursFromConfig, REPORT_FORMATS } from '../analytics/index.ts';
import { unansweredQuestions } from '../editor/unanswered.ts';
import type { Logger } from '../log.ts';
import { startSvar, type Svar } from '../main.ts';
import { FakeClock } from '../test-support/fake-clock.ts';
import { OPEN_HOURS, testConfig } from '../test-support/test-app.ts';
import { TestSocket } from '../test-support/ws-client.ts';
import { needles, piiArbitrary, type Pii } from './pii-arbitraries.ts';
import { runRetention } from './retention.ts';
import { snapshot } from './test-support.ts';

const SAMPLE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'knowledge', 'sample');
const FILES = [
  'oppvekst/barnehage-soknadsfrist.md',
  'servicetorget/servicetorget-apningstider.md',
  'policy.yaml',
];

/** Columns that hold what citizens wrote in full, by design, until retention clears them. */
const FULL_TEXT: Record<string, readonly string[]> = {
  messages: ['text'],
  tickets: ['question', 'email', 'phone', 'answer'],
  feedback: ['comment'],
  conversations: ['close_note'],
};

let svar: Svar;
let clock: FakeClock;
let dataDir: string;
const logged: string[] = [];
const sent: Pii[] = [];
const ticketOnly: Pii[] = [];

const capture: Logger = {
  info: (m) => logged.push(m),
  warn: (m, e) => logged.push(`${m} ${e instanceof Error ? (e.stack ?? e.message) : String(e ?? '')}`),
  error: (m, e) => logged.push(`${m} ${e instanceof Error ? (e.stack ?? e.message) : String(e ?? '')}`),
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'svar-pii-'));
  const config = testConfig(dataDir);
  for (const file of FILES) {
    mkdirSync(dirname(join(config.paths.knowledgeDir, file)), { recursive: true });
    cpSync(join(SAMPLE, file), join(config.paths.knowledgeDir, file));
  }
  // Every run leaves offline messages and waits from one address; the abuse limits are tested elsewhere.
  config.limits.ticketsPerIpPerDay = 10_000;
  config.limits.ticketsPerConversationPerDay = 10_000;
  config.limits.maxWaitingPerIp = 10_000;
  clock = new FakeClock(OPEN_HOURS);
  svar = await startSvar(config, { log: capture, clock, useModel: false });
});
afterAll(async () => {
  await svar?.close();
});

const lower = (s: string): string => s.toLowerCase();

/** Where any of `pii` shows up in `text`, for a readable failure. */
function leaks(text: string, pii: readonly Pii[]): string[] {
  const hay = lower(text);
  return pii.flatMap((p) =>
    needles(p)
      .filter((n) => hay.includes(n))
      .map((n) => `${p.kind} "${n}"`),
  );
}

/** Every row of every table, leaving out the full-text columns that may hold what a citizen wrote. */
async function storedOutsideFullText(): Promise<string> {
  const parts: string[] = [];
  for (const [table, rows] of Object.entries(await snapshot(svar.app.store))) {
    for (const row of rows) {
      const kept = Object.entries(row).filter(([column]) => !FULL_TEXT[table]?.includes(column));
      parts.push(`${table}: ${JSON.stringify(Object.fromEntries(kept))}`);
    }
  }
  return parts.join('\n');
}

async function reports(): Promise<string> {
  const config = svar.app.store && testConfig(dataDir);
  const stats = await computeStats(svar.app.store, {
    from: '2026-01-01',
    to: '2026-12-31',
    timeZone: config.municipality.timeZone,
    officeHours: officeHoursFromConfig(config),
  });
  const unanswered = await unansweredQuestions(svar.app.store)(1000);
  return [...REPORT_FORMATS.map((f) => formatStats(stats, f)), JSON.stringify(unanswered)].join('\n');
}

const dbBytes = (): string =>
  ['svar.db', 'svar.db-wal', 'svar.db-shm']
    .map((f) => join(dataDir, f))
    .filter((f) => existsSync(f))
    .map((f) => readFileSync(f).toString('latin1') + readFileSync(f).toString('utf8'))
    .join('\n');

/** A valid contact for the offline form's own fields (the protocol accepts plain spellings only there). */
const ticketContact = (p: Pii) =>
  p.kind === 'email' ? { email: p.canonical } : p.kind === 'phone' ? { phone: p.canonical } : {};

async function chatWith(p: Pii, forTicket: Pii): Promise<void> {
  const citizen = await TestSocket.open(`${svar.app.url.replace('http', 'ws')}/ws/citizen`, {
    origin: svar.app.url,
  });
  const w = p.written;
  const page = `https://www.fjordvik.kommune.example/skjema/${encodeURIComponent(w)}`;
  const withQuery = `${page}?fnr=${encodeURIComponent(w)}#${w}`;
  // The frame allows 500 characters: fullwidth digits take nine each, encoded.
  await citizen.start({ page: withQuery.length <= 500 ? withQuery : page });
  citizen.send({ type: 'choose', clientId: 'c1', fileId: w.slice(0, 120) });
  await citizen.next('ack');
  citizen.send({ type: 'message', clientId: 'm1', text: `Hei, det gjelder ${w} her.` });
  await citizen.next('ack');
  citizen.send({ type: 'feedback', helpful: false, comment: `Ring meg: ${w}` });
  await citizen.next('feedback_saved');
  citizen.send({
    type: 'leave_message',
    question: `Spørsmål fra ${forTicket.written} om barnehage`,
    consent: true,
    ...(forTicket.kind === 'email' || forTicket.kind === 'phone'
      ? ticketContact(forTicket)
      : { email: 'x@example.no' }),
  });
  await citizen.next('ticket_created');
  await citizen.close();
}

describe('personal data is redacted at the boundary', () => {
  it('no ID number, address or phone number, however written, reaches a table, the log, the statistics or a report', async () => {
    await fc.assert(
      fc.asyncProperty(piiArbitrary, piiArbitrary, async (p, forTicket) => {
        sent.push(p);
        ticketOnly.push(forTicket);
        await chatWith(p, forTicket);
        const all = [...sent, ...ticketOnly];
        expect(leaks(await storedOutsideFullText(), all)).toEqual([]);
        expect(leaks(logged.join('\n'), all)).toEqual([]);
        expect(leaks(await reports(), all)).toEqual([]);
      }),
      { numRuns: 25, endOnFailure: true },
    );
    // The full text is there for staff until retention: the test would see a leak if there were one.
    const messages = JSON.stringify((await snapshot(svar.app.store)).messages);
    expect(leaks(messages, sent).length).toBeGreaterThan(0);
  }, 120_000);

  it('after retention the text is gone from the database file itself', async () => {
    const config = testConfig(dataDir);
    clock.set(new Date(clock.now().getTime() + (config.retention.conversationTextDays + 1) * 86_400_000));
    await runRetention(svar.app.store, {
      conversationTextDays: config.retention.conversationTextDays,
      eventDays: config.retention.eventsDays,
      now: clock.now(),
    });
    // Offline messages nobody answered are kept for their answer; everything else the citizens wrote is gone.
    // fast-check likes small values, so a chat and a ticket can carry the same number: such a value is
    // rightly still in the ticket, and is checked after the ticket's own retention below.
    const inTickets = new Set(ticketOnly.flatMap(needles));
    const onlyInChats = sent.filter((p) => !needles(p).some((n) => inTickets.has(n)));
    expect(leaks(dbBytes(), onlyInChats)).toEqual([]);
    clock.set(new Date(clock.now().getTime() + config.retention.eventsDays * 86_400_000));
    await runRetention(svar.app.store, {
      conversationTextDays: config.retention.conversationTextDays,
      eventDays: config.retention.eventsDays,
      now: clock.now(),
    });
    expect(leaks(dbBytes(), [...sent, ...ticketOnly])).toEqual([]);
  });
});
