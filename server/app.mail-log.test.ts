import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Logger } from './log.ts';
import { startTestServer, type TestServer } from './test-support/test-app.ts';

let t: TestServer;
let smtp: SMTPServer;
const lines: string[] = [];

beforeEach(async () => {
  // A real SMTP server that turns the recipient down, naming it, as real servers do.
  smtp = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      const error = new Error(`<${address.address}>: Recipient address rejected: User unknown`) as Error & {
        responseCode: number;
      };
      error.responseCode = 550;
      callback(error);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  const log: Logger = {
    info: (m) => lines.push(m),
    warn: (m, e) => lines.push(`${m} ${e instanceof Error ? (e.stack ?? e.message) : String(e ?? '')}`),
    error: (m, e) => lines.push(`${m} ${e instanceof Error ? (e.stack ?? e.message) : String(e ?? '')}`),
  };
  t = await startTestServer({
    patch: (c) => {
      c.smtp.enabled = true;
      c.smtp.url = `smtp://127.0.0.1:${port}`;
    },
    deps: { log },
  });
});
afterEach(async () => {
  await t.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

it('never logs the e-mail address an SMTP server rejected', async () => {
  const ticket = await t.app.store.tickets.create({
    conversationId: null,
    lang: 'nb',
    queue: 'servicetorget',
    question: 'Når tømmes søpla?',
    questionRedacted: 'Når tømmes søpla?',
    email: 'Ola.Nordmann@example.no',
    phone: null,
    at: t.clock.now().toISOString(),
  });
  await t.addStaff('kari');
  const { cookie, csrfToken } = await t.login('kari');
  const res = await fetch(`${t.app.url}/api/staff/tickets/${ticket}/answer`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ channel: 'email', text: 'Tirsdager.' }),
  });
  expect(res.status).toBe(502);
  const log = lines.join('\n');
  // The line says what failed (the SMTP code), never to whom.
  expect(log).toMatch(/not sent: EENVELOPE 55\d/);
  expect(log.toLowerCase()).not.toContain('ola.nordmann');
  expect(log).not.toMatch(/@example\.no/i);
});
