import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from './config/schema.ts';
import type { Logger } from './log.ts';
import { startSmtp } from './test-support/smtp.ts';
import { startTestServer, type TestServer } from './test-support/test-app.ts';
import type { TestSocket } from './test-support/ws-client.ts';

let t: TestServer | undefined;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await t?.close();
  t = undefined;
  for (const c of cleanups.splice(0)) await c();
});

async function serverWithSmtp(url: string, patch?: (c: Config) => void, log?: Logger) {
  t = await startTestServer({
    patch: (c) => {
      c.smtp.enabled = true;
      c.smtp.url = url;
      patch?.(c);
    },
    ...(log ? { deps: { log } } : {}),
  });
  return t;
}

/** A citizen who asked something and got the bot's answer: a real exchange. */
async function talked(s: TestServer): Promise<TestSocket> {
  const c = await s.citizen();
  await c.start();
  c.send({ type: 'message', clientId: 'q', text: 'barnehage' });
  await c.next('bot');
  return c;
}

/** The first of `types` to arrive after frame `from`: its type, or an error's code. */
async function firstOf(c: TestSocket, from: number, types: string[]): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const f = c.frames.slice(from).find((x) => types.includes(x.type));
    if (f) return f.type === 'error' ? (f.code as string) : f.type;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`none of ${types.join(', ')} arrived`);
}

const outcome = async (c: TestSocket, send: () => void) => {
  const from = c.frames.length;
  send();
  const r = await firstOf(c, from, ['transcript_sent', 'error']);
  return r === 'transcript_sent' ? 'sent' : r;
};

describe('transcript e-mails are not a relay', () => {
  it('needs a real exchange, not just the greeting', async () => {
    const smtp = await startSmtp();
    cleanups.push(smtp.close);
    const s = await serverWithSmtp(smtp.url);
    const c = await s.citizen();
    await c.start();
    c.send({ type: 'transcript_email', email: 'noen@example.org' });
    expect(await c.next('error')).toMatchObject({ code: 'invalid_state' });
    c.send({ type: 'message', clientId: 'q', text: 'barnehage' });
    await c.next('bot');
    c.send({ type: 'transcript_email', email: 'noen@example.org' });
    expect(await c.next('transcript_sent')).toBeTruthy();
    expect(smtp.mails).toHaveLength(1);
    // The subject is the municipality's fixed words, whatever the citizen wrote.
    expect(smtp.mails[0]!.raw).toMatch(/^Subject: Din samtale med Fjordvik kommune\r?$/m);
  });

  it('delivers at most the daily limit per client address and per recipient, however many chats they open', async () => {
    const smtp = await startSmtp();
    cleanups.push(smtp.close);
    const s = await serverWithSmtp(smtp.url, (c) => {
      c.limits.maxConnectionsPerIp = 100;
      c.limits.transcriptEmailsPerIpPerDay = 5;
      c.limits.transcriptEmailsPerAddressPerDay = 2;
    });
    const results: string[] = [];
    // Bounded load from one address: 12 conversations, each asking for its transcript to a new address.
    for (let i = 0; i < 12; i++) {
      const c = await talked(s);
      results.push(
        await outcome(c, () => c.send({ type: 'transcript_email', email: `offer${i}@example.org` })),
      );
      c.close();
    }
    expect(results.filter((r) => r === 'sent')).toHaveLength(5);
    expect(results.slice(5).every((r) => r === 'limit_reached')).toBe(true);
    expect(smtp.mails).toHaveLength(5);
  });

  it('delivers at most the daily limit to one recipient, from any number of client addresses', async () => {
    const smtp = await startSmtp();
    cleanups.push(smtp.close);
    const s = await serverWithSmtp(smtp.url, (c) => {
      c.server.trustProxy = 1;
      c.limits.transcriptEmailsPerAddressPerDay = 2;
    });
    const results: string[] = [];
    for (let i = 0; i < 5; i++) {
      const c = await s.citizen();
      await c.start();
      c.send({ type: 'message', clientId: 'q', text: 'barnehage' });
      await c.next('bot');
      const email = i % 2 ? 'Offer@Example.org' : 'offer@example.org';
      results.push(await outcome(c, () => c.send({ type: 'transcript_email', email })));
    }
    expect(results).toEqual(['sent', 'sent', 'limit_reached', 'limit_reached', 'limit_reached']);
  });

  it('sends one conversation at most the configured number of times', async () => {
    const smtp = await startSmtp();
    cleanups.push(smtp.close);
    const s = await serverWithSmtp(smtp.url);
    const c = await talked(s);
    const results: string[] = [];
    for (let i = 0; i < 4; i++) {
      results.push(await outcome(c, () => c.send({ type: 'transcript_email', email: `a${i}@example.org` })));
    }
    expect(results).toEqual(['sent', 'sent', 'limit_reached', 'limit_reached']);
  });
});

describe('offline messages', () => {
  it('are limited per conversation and per client address', async () => {
    t = await startTestServer({
      patch: (c) => {
        c.limits.maxConnectionsPerIp = 100;
        c.limits.ticketsPerConversationPerDay = 2;
        c.limits.ticketsPerIpPerDay = 5;
      },
    });
    const leave = async (c: TestSocket, i: number) => {
      const from = c.frames.length;
      c.send({ type: 'leave_message', question: `Spørsmål ${i}`, email: 'a@example.org', consent: true });
      const r = await firstOf(c, from, ['ticket_created', 'error']);
      return r === 'ticket_created' ? 'created' : r;
    };
    const first = await t.citizen();
    await first.start();
    expect([await leave(first, 1), await leave(first, 2), await leave(first, 3)]).toEqual([
      'created',
      'created',
      'limit_reached',
    ]);
    const results: string[] = [];
    for (let i = 0; i < 6; i++) {
      const c = await t.citizen();
      await c.start();
      results.push(await leave(c, i));
      c.close();
    }
    expect(results).toEqual([
      'created',
      'created',
      'created',
      'limit_reached',
      'limit_reached',
      'limit_reached',
    ]);
    expect(await t.app.store.tickets.list('open')).toHaveLength(5);
  });
});

describe('mail errors in the log', () => {
  it('name the error, not the address the SMTP server refused', async () => {
    const server = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      logger: false,
      onRcptTo: (address, _session, callback) =>
        callback(Object.assign(new Error(`No such user <${address.address}>`), { responseCode: 550 })),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
    const lines: string[] = [];
    const record = (m: string, e?: unknown) =>
      lines.push(e === undefined ? m : `${m} ${e instanceof Error ? e.stack : String(e)}`);
    const s = await serverWithSmtp(
      `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
      undefined,
      { info: () => {}, warn: record, error: record },
    );
    const c = await talked(s);
    c.send({ type: 'transcript_email', email: 'hemmelig.person@example.org' });
    expect(await c.next('error')).toMatchObject({ code: 'mail_failed' });
    expect(lines).toEqual(['transcript e-mail not sent: EENVELOPE 550']);
  });
});

describe('a hung SMTP server', () => {
  /** A real SMTP server that accepts the connection and then never answers (no greeting), or stalls later. */
  async function hungSmtp(stage: 'greeting' | 'recipient') {
    const server = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      logger: false,
      onConnect: (_session, callback) => (stage === 'greeting' ? undefined : callback()),
      onRcptTo: () => undefined,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as AddressInfo).port;
    cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
    return `smtp://127.0.0.1:${port}`;
  }

  for (const stage of ['greeting', 'recipient'] as const) {
    it(`does not hold up the chat when it stalls at the ${stage}, and tells the citizen later`, async () => {
      const lines: string[] = [];
      const log: Logger = {
        info: () => {},
        warn: (m, e) => lines.push(e === undefined ? m : `${m} ${String(e)}`),
        error: (m, e) => lines.push(e === undefined ? m : `${m} ${String(e)}`),
      };
      const s = await serverWithSmtp(
        await hungSmtp(stage),
        (c) => {
          c.smtp.greetingTimeoutSeconds = 1;
          c.smtp.socketTimeoutSeconds = 1;
          c.smtp.connectionTimeoutSeconds = 1;
        },
        log,
      );
      const c = await talked(s);
      c.send({ type: 'transcript_email', email: 'innbygger@example.org' });
      // The chat goes on at once while the mail hangs.
      c.send({ type: 'message', clientId: 'after', text: 'barnehage' });
      expect(await c.next('ack', (f) => f.clientId === 'after', 900)).toBeTruthy();
      expect(await c.next('bot', () => true, 900)).toMatchObject({ kind: 'answer' });
      expect(await c.next('error', () => true, 10_000)).toMatchObject({ code: 'mail_failed' });
      expect(lines.join('\n')).not.toContain('innbygger@example.org');
      expect(lines.filter((l) => l.startsWith('transcript e-mail'))).toHaveLength(1);
    }, 20_000);
  }
});
