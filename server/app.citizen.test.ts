import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { citizenServerFrame } from './protocol.ts';
import { startTestServer, type TestServer } from './test-support/test-app.ts';
import { TestSocket } from './test-support/ws-client.ts';

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  await t.close();
});

describe('citizen chat', () => {
  it('greets, answers with source and link, and logs redacted events only', async () => {
    const c = await t.citizen();
    const welcome = await c.start({ queue: 'kultur', page: '/barnehage' });
    expect(welcome).toMatchObject({
      v: 1,
      state: 'bot',
      lang: 'nb',
      privacyUrl: 'https://fjordvik.kommune.example/personvern',
    });
    expect(welcome.history).toEqual([
      expect.objectContaining({ role: 'bot', bot: expect.objectContaining({ kind: 'greeting' }) }),
    ]);
    c.send({ type: 'message', clientId: 'm1', text: 'Når er opptak i barnehage? Mitt fnr er 01019912345' });
    const ack = await c.next('ack');
    const bot = await c.next('bot');
    expect(ack.clientId).toBe('m1');
    expect(bot).toMatchObject({
      kind: 'answer',
      text: 'Hovedopptaket har søknadsfrist 1. mars.',
      source: { fileId: 'barnehage-opptak', title: 'Opptak i barnehage' },
      link: 'https://fjordvik.kommune.example/barnehage/soknad',
      askFeedback: true,
    });
    for (const f of c.frames) expect(citizenServerFrame.safeParse(f).success).toBe(true);
    const events = await t.app.store.events.forConversation(welcome.conversationId);
    expect(events.map((e) => e.type)).toEqual(['conversation_started', 'message_in', 'bot_decision']);
    expect(JSON.stringify(events)).not.toContain('01019912345');
    expect(events[2]?.payload).toMatchObject({
      kind: 'answer',
      fileId: 'barnehage-opptak',
      redacted: expect.stringContaining('[FNR]'),
    });
    // The raw text is kept (for the citizen's transcript) until retention removes it.
    expect((await t.app.store.messages.list(welcome.conversationId))[1]?.text).toContain('01019912345');
  });

  it('offers suggestions and answers the one chosen', async () => {
    const c = await t.citizen();
    await c.start();
    c.send({ type: 'message', clientId: 'm1', text: 'avfall' });
    const clarify = await c.next('bot');
    expect(clarify.kind).toBe('clarify');
    expect(clarify.suggestions.map((s: { fileId: string }) => s.fileId)).toEqual([
      'tommekalender',
      'renovasjonsgebyr',
    ]);
    c.send({ type: 'choose', fileId: 'renovasjonsgebyr', clientId: 'm2' });
    expect(await c.next('ack')).toMatchObject({ clientId: 'm2' });
    expect(await c.next('bot')).toMatchObject({ kind: 'answer', source: { fileId: 'renovasjonsgebyr' } });
  });

  it('stores a resent client id once and acknowledges it again', async () => {
    const c = await t.citizen();
    const { conversationId } = await c.start();
    c.send({ type: 'message', clientId: 'same', text: 'barnehage' });
    const first = await c.next('ack');
    await c.next('bot');
    c.send({ type: 'message', clientId: 'same', text: 'barnehage' });
    const second = await c.next('ack');
    expect(second.messageId).toBe(first.messageId);
    c.send({ type: 'message', clientId: 'other', text: 'hei' });
    await c.next('bot');
    const citizenTurns = (await t.app.store.messages.list(conversationId)).filter(
      (m) => m.role === 'citizen',
    );
    expect(citizenTurns.map((m) => m.clientId)).toEqual(['same', 'other']);
    expect(c.all('bot')).toHaveLength(2);
  });

  it('continues the same conversation after a reload, with its history', async () => {
    const first = await t.citizen();
    const welcome = await first.start();
    first.send({ type: 'message', clientId: 'm1', text: 'barnehage' });
    await first.next('bot');
    await first.close();
    const again = await t.citizen();
    const resumed = await again.start({ resumeToken: welcome.resumeToken, lang: 'en' });
    expect(resumed.conversationId).toBe(welcome.conversationId);
    expect(resumed.lang).toBe('en');
    expect(resumed.history.map((h: { role: string }) => h.role)).toEqual(['bot', 'citizen', 'bot']);
    const unknown = await (await t.citizen()).start({ resumeToken: 'x'.repeat(43) });
    expect(unknown.conversationId).not.toBe(welcome.conversationId);
  });

  it('answers malformed frames with an error and keeps the connection', async () => {
    const c = await t.citizen();
    c.send({ type: 'message', clientId: 'early', text: 'hei' });
    expect(await c.next('error')).toMatchObject({ code: 'not_started' });
    await c.start();
    c.sendRaw('{not json');
    expect(await c.next('error')).toMatchObject({ code: 'bad_frame' });
    c.send({ type: 'teleport' });
    expect(await c.next('error')).toMatchObject({ code: 'bad_frame' });
    c.sendRaw(Buffer.from([1, 2, 3]));
    expect(await c.next('error')).toMatchObject({ code: 'bad_frame' });
    c.send({ type: 'message', clientId: 'long', text: 'x'.repeat(2001) });
    expect(await c.next('error')).toMatchObject({ code: 'message_too_long', clientId: 'long' });
    c.send({ type: 'start', v: 1, lang: 'nb' });
    expect(await c.next('error')).toMatchObject({ code: 'already_started' });
    c.send({ type: 'message', clientId: 'ok', text: 'barnehage' });
    expect(await c.next('bot')).toMatchObject({ kind: 'answer' });
  });

  it('closes the connection on an oversized frame; what was stored stays', async () => {
    const c = await t.citizen();
    const { conversationId } = await c.start();
    c.send({ type: 'message', clientId: 'kept', text: 'barnehage' });
    await c.next('bot');
    c.sendRaw(
      JSON.stringify({
        type: 'message',
        clientId: 'big',
        text: 'x'.repeat(t.config.limits.wsMaxPayloadBytes),
      }),
    );
    expect((await c.closed).code).toBe(1009);
    expect((await t.app.store.messages.list(conversationId)).map((m) => m.clientId)).toContain('kept');
  });

  it('rate-limits a flood on one connection', async () => {
    const c = await t.citizen();
    await c.start();
    for (let i = 0; i < t.config.limits.frameBurstPerConnection + 5; i++)
      c.send({ type: 'typing', active: true });
    expect(await c.next('error')).toMatchObject({ code: 'rate_limited' });
    expect(c.ws.readyState).toBe(c.ws.OPEN);
  });

  it('refuses pages that are not on the allow-list, and accepts those that are', async () => {
    expect(await TestSocket.refusal(t.citizenUrl, { origin: 'https://evil.example' })).toBe(403);
    expect(await TestSocket.refusal(t.citizenUrl, {})).toBe(403);
    expect(await TestSocket.refusal(t.citizenUrl, { origin: 'https://www.fjordvik.kommune.example' })).toBe(
      101,
    );
  });

  it('reports a failed database write to the sender and stores nothing', async () => {
    const c = await t.citizen();
    const { conversationId } = await c.start();
    await t.app.store.sql.run(
      "CREATE TRIGGER fail_insert BEFORE INSERT ON messages BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    );
    c.send({ type: 'message', clientId: 'lost', text: 'barnehage' });
    expect(await c.next('error')).toMatchObject({ code: 'storage_failed', clientId: 'lost' });
    expect(c.all('ack')).toHaveLength(0);
    await t.app.store.sql.run('DROP TRIGGER fail_insert');
    c.send({ type: 'message', clientId: 'lost', text: 'barnehage' });
    expect(await c.next('ack')).toMatchObject({ clientId: 'lost' });
    expect(
      (await t.app.store.messages.list(conversationId)).filter((m) => m.clientId === 'lost'),
    ).toHaveLength(1);
  });

  it('saves feedback on a bot answer, with the file it was about', async () => {
    const c = await t.citizen();
    const { conversationId } = await c.start();
    c.send({ type: 'message', clientId: 'm1', text: 'barnehage' });
    const bot = await c.next('bot');
    c.send({ type: 'feedback', messageId: bot.messageId, helpful: false, comment: 'ring meg på 99887766' });
    await c.next('feedback_saved');
    c.send({ type: 'feedback', messageId: 99999, helpful: true });
    expect(await c.next('error')).toMatchObject({ code: 'not_found' });
    const fb = (await t.app.store.events.forConversation(conversationId)).find((e) => e.type === 'feedback');
    expect(fb?.payload).toEqual({
      messageId: bot.messageId,
      fileId: 'barnehage-opptak',
      target: 'bot',
      helpful: false,
      commentRedacted: 'ring meg på [PHONE]',
    });
  });

  it('ends the conversation and refuses messages after that', async () => {
    const c = await t.citizen();
    await c.start();
    c.send({ type: 'end' });
    expect(await c.next('closed')).toMatchObject({ reason: 'citizen_ended' });
    c.send({ type: 'message', clientId: 'late', text: 'hei' });
    expect(await c.next('error')).toMatchObject({ code: 'conversation_closed', clientId: 'late' });
    const fresh = await c.start();
    expect(fresh.state).toBe('bot');
  });

  it('limits open connections per IP', async () => {
    await t.close();
    t = await startTestServer({ patch: (c) => (c.limits.maxConnectionsPerIp = 2) });
    const a = await t.citizen();
    await t.citizen();
    expect(await TestSocket.refusal(t.citizenUrl, { origin: t.origin })).toBe(429);
    await a.close();
    await a.closed;
    expect(await TestSocket.refusal(t.citizenUrl, { origin: t.origin })).toBe(101);
  });

  it('rate-limits frames per IP across connections', async () => {
    await t.close();
    t = await startTestServer({ patch: (c) => (c.limits.framesPerMinutePerIp = 5) });
    const a = await t.citizen();
    const b = await t.citizen();
    await a.start();
    await b.start();
    for (let i = 0; i < 4; i++) b.send({ type: 'typing', active: true }); // frames 3-6 of 5
    expect(await b.next('error')).toMatchObject({ code: 'rate_limited' });
    // The limiter (rate-limiter-flexible) reads the wall clock: a minute passes for Date only.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 60_000);
      a.send({ type: 'message', clientId: 'm', text: 'barnehage' });
      expect(await a.next('bot')).toMatchObject({ kind: 'answer' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('drops a connection that stops answering pings', async () => {
    await t.close();
    t = await startTestServer({ patch: (c) => (c.limits.heartbeatSeconds = 0.5) });
    const silent = await TestSocket.open(t.citizenUrl, { origin: t.origin, autoPong: false });
    const alive = await t.citizen();
    expect((await silent.closed).code).toBe(1006);
    expect(alive.ws.readyState).toBe(alive.ws.OPEN);
  });
});
