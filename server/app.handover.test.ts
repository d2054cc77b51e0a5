import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HANDOVER_REASONS } from '../bot/types.ts';
import { staffServerFrame } from './protocol.ts';
import { startTestServer, type TestServer } from './test-support/test-app.ts';
import type { TestSocket } from './test-support/ws-client.ts';

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  await t.close();
});

/** A citizen whose bot turn hands over; resolves once the queue position arrives. */
async function waitingCitizen(text: string, start: Record<string, unknown> = {}, before?: string) {
  const c = await t.citizen();
  const welcome = await c.start(start);
  if (before) {
    c.send({ type: 'message', clientId: 'b', text: before });
    await c.next('bot');
  }
  c.send({ type: 'message', clientId: 'h', text });
  await c.next('bot', (f) => f.kind === 'handover');
  const queue = await c.next('queue');
  return { c, id: welcome.conversationId as string, queue };
}

const snapshotWith = (s: TestSocket, id: string) =>
  s.next('queue', (f) => f.items.some((i: { conversationId: string }) => i.conversationId === id));

describe('handover over websockets', () => {
  it('shows every agent only a redacted preview in the shared queue, never an ID number', async () => {
    const kari = await t.agent('kari');
    const { c, id } = await waitingCitizen('handover:personal:helse');
    c.send({ type: 'message', clientId: 'p', text: 'fødselsnummeret mitt er 01019912345' });
    const delta = await kari.next('queue_preview', (f) =>
      f.items.some((i: { conversationId: string }) => i.conversationId === id),
    );
    expect(JSON.stringify(delta)).not.toContain('01019912345');
    expect(JSON.stringify(delta)).toContain('[FNR]');
    // A console that connects now gets the whole list, built from the database.
    const ola = await t.agent('ola');
    const list = await snapshotWith(ola, id);
    expect(JSON.stringify(list)).not.toContain('01019912345');
    expect(JSON.stringify(list)).toContain('[FNR]');
  });

  it('routes every handover reason to the owning queue, unknown owners to the default', async () => {
    const kari = await t.agent('kari');
    for (const reason of HANDOVER_REASONS) {
      const { c, queue } = await waitingCitizen(`handover:${reason}:helse`);
      expect(queue).toMatchObject({ queue: 'helse', position: expect.any(Number) });
      c.send({ type: 'end' });
      await c.next('closed');
    }
    const unknown = await waitingCitizen('handover:personal:ukjent-avdeling');
    expect(unknown.queue.queue).toBe('servicetorget');
    const hinted = await waitingCitizen('handover:complaint', { queue: 'byggesak' });
    expect(hinted.queue.queue).toBe('byggesak');
    const reasons = await t.app.store.sql.all<{ reason: string; queue: string }>(
      "SELECT reason, queue FROM handover_transitions WHERE to_state = 'waiting' ORDER BY id",
    );
    expect(reasons).toEqual([
      ...HANDOVER_REASONS.map((reason) => ({ reason, queue: 'helse' })),
      { reason: 'personal', queue: 'servicetorget' },
      { reason: 'complaint', queue: 'byggesak' },
    ]);
    await kari.close();
  });

  it('puts a crisis at the front of the queue and shows staff why', async () => {
    const kari = await t.agent('kari');
    const first = await waitingCitizen('handover:personal:helse');
    const crisis = await waitingCitizen('handover:crisis:helse');
    expect(crisis.queue.position).toBe(1);
    expect(await first.c.next('queue')).toMatchObject({ position: 2 });
    const snapshot = await snapshotWith(kari, crisis.id);
    expect(
      snapshot.items.map((i: { conversationId: string; priority: string; reason: string }) => [
        i.conversationId,
        i.priority,
        i.reason,
      ]),
    ).toEqual([
      [crisis.id, 'urgent', 'crisis'],
      [first.id, 'normal', 'personal'],
    ]);
    const crisisBot = crisis.c.all('bot').pop();
    expect(crisisBot?.emergency).toEqual([{ label: 'Medisinsk nødhjelp', number: '113' }]);
  });

  it('lets exactly one of two agents claim a chat; the winner gets the bot history', async () => {
    const kari = await t.agent('kari');
    const ola = await t.agent('ola');
    const { c, id } = await waitingCitizen('handover:personal:oppvekst', {}, 'barnehage');
    kari.send({ type: 'claim', conversationId: id });
    ola.send({ type: 'claim', conversationId: id });
    const won = await kari.next('assigned');
    expect(await ola.next('error')).toMatchObject({ code: 'already_claimed', conversationId: id });
    expect(ola.all('assigned')).toHaveLength(0);
    expect(won.conversation).toMatchObject({
      conversationId: id,
      state: 'assigned',
      queue: 'oppvekst',
      reason: 'personal',
    });
    expect(won.history.map((h: { role: string }) => h.role)).toEqual([
      'bot',
      'citizen',
      'bot',
      'citizen',
      'bot',
    ]);
    expect(won.history[2].bot).toMatchObject({ kind: 'answer', source: { fileId: 'barnehage-opptak' } });
    expect(await c.next('agent_joined')).toEqual({ type: 'agent_joined', firstName: 'Kari' });
    for (const f of kari.frames) expect(staffServerFrame.safeParse(f).success).toBe(true);
  });

  it('carries messages and typing both ways once claimed', async () => {
    const kari = await t.agent('kari');
    const { c, id } = await waitingCitizen('handover:human_request');
    c.send({ type: 'message', clientId: 'w1', text: 'Er det noen der?' });
    await c.next('ack');
    kari.send({ type: 'claim', conversationId: id });
    const assigned = await kari.next('assigned');
    expect(assigned.history.at(-1)).toMatchObject({ role: 'citizen', text: 'Er det noen der?' });
    kari.send({ type: 'typing', conversationId: id, active: true });
    expect(await c.next('typing')).toEqual({ type: 'typing', from: 'agent', active: true });
    kari.send({ type: 'send', conversationId: id, clientId: 'a1', text: 'Hei, Kari her.' });
    const ack = await kari.next('ack');
    expect(await c.next('agent')).toEqual({
      type: 'agent',
      messageId: ack.messageId,
      text: 'Hei, Kari her.',
      firstName: 'Kari',
    });
    kari.send({ type: 'send', conversationId: id, clientId: 'a1', text: 'Hei, Kari her.' });
    await kari.next('ack');
    c.send({ type: 'typing', active: true });
    expect(await kari.next('typing')).toMatchObject({ conversationId: id, active: true });
    c.send({ type: 'message', clientId: 'c2', text: 'Takk!' });
    expect(await kari.next('message')).toMatchObject({
      conversationId: id,
      item: { role: 'citizen', text: 'Takk!' },
    });
    expect(t.responder && (t.responder as unknown as { calls: string[] }).calls).not.toContain('Takk!');
    expect((await t.app.store.messages.list(id)).filter((m) => m.role === 'agent')).toHaveLength(1);
  });

  it('stops an agent from reading or writing to a chat that is not theirs', async () => {
    const kari = await t.agent('kari');
    const ola = await t.agent('ola');
    const { id } = await waitingCitizen('handover:human_request');
    kari.send({ type: 'claim', conversationId: id });
    await kari.next('assigned');
    ola.send({ type: 'send', conversationId: id, clientId: 'x', text: 'hei' });
    expect(await ola.next('error')).toMatchObject({ code: 'forbidden', clientId: 'x' });
    ola.send({ type: 'view', conversationId: id });
    expect(await ola.next('error')).toMatchObject({ code: 'forbidden' });
    ola.send({ type: 'close', conversationId: id, contactType: 'general_advice' });
    expect(await ola.next('error')).toMatchObject({ code: 'forbidden' });
  });

  it('lets an agent read a waiting chat before claiming it', async () => {
    const kari = await t.agent('kari');
    const { id } = await waitingCitizen('handover:human_request');
    kari.send({ type: 'view', conversationId: id });
    const history = await kari.next('history');
    expect(history.conversation.state).toBe('waiting');
    expect(history.history.some((h: { text: string }) => h.text === 'handover:human_request')).toBe(true);
  });

  it('holds an agent’s chats through a short disconnect and requeues them after the grace period', async () => {
    const kari = await t.agent('kari');
    const ola = await t.agent('ola');
    const { c, id } = await waitingCitizen('handover:human_request');
    kari.send({ type: 'claim', conversationId: id });
    await kari.next('assigned');
    await kari.close();
    await kari.closed;
    await ola.next('agents', (f) => f.agents.length === 1);
    const back = await t.agent('kari');
    expect(await back.next('assigned')).toMatchObject({ conversation: { conversationId: id } });
    await back.close();
    await ola.next('agents', (f) => f.agents.length === 1);
    t.clock.advance(t.config.limits.agentGraceSeconds * 1000);
    expect(await c.next('agent_left')).toEqual({ type: 'agent_left' });
    expect(await c.next('queue')).toMatchObject({ queue: 'servicetorget', position: 1 });
    await snapshotWith(ola, id);
    ola.send({ type: 'claim', conversationId: id });
    expect((await ola.next('assigned')).conversation.conversationId).toBe(id);
    expect(await c.next('agent_joined')).toEqual({ type: 'agent_joined', firstName: 'Ola' });
  });

  it('transfers to a queue and to another agent', async () => {
    const kari = await t.agent('kari');
    const ola = await t.agent('ola');
    const { c, id } = await waitingCitizen('handover:human_request');
    kari.send({ type: 'claim', conversationId: id });
    await kari.next('assigned');
    kari.send({ type: 'transfer', conversationId: id, toQueue: 'byggesak' });
    expect(await kari.next('unassigned')).toMatchObject({ conversationId: id, reason: 'transferred' });
    expect(await c.next('queue', (f) => f.queue === 'byggesak')).toMatchObject({ position: 1 });
    ola.send({ type: 'claim', conversationId: id });
    await ola.next('assigned');
    ola.send({
      type: 'transfer',
      conversationId: id,
      toAgentId: (await t.app.store.staff.credentials('kari'))!.id,
    });
    expect(await ola.next('unassigned')).toMatchObject({ conversationId: id });
    expect(await kari.next('assigned')).toMatchObject({
      conversation: { conversationId: id, queue: 'byggesak' },
    });
    expect(await c.next('agent_joined', (f) => f.firstName === 'Kari')).toBeTruthy();
    expect((await t.app.store.audit.recent(20)).filter((a) => a.action === 'transfer')).toHaveLength(2);
  });

  it('closes with a KOMHEN contact type, tells both sides, and enforces the chat limit', async () => {
    await t.close();
    t = await startTestServer({ patch: (c) => (c.limits.agentMaxConcurrentChats = 1) });
    const kari = await t.agent('kari');
    const a = await waitingCitizen('handover:human_request');
    const b = await waitingCitizen('handover:human_request');
    kari.send({ type: 'claim', conversationId: a.id });
    await kari.next('assigned');
    kari.send({ type: 'claim', conversationId: b.id });
    expect(await kari.next('error')).toMatchObject({ code: 'chat_limit' });
    kari.send({
      type: 'close',
      conversationId: a.id,
      contactType: 'self_service_help',
      note: 'Viste skjemaet',
    });
    expect(await kari.next('conversation_closed')).toMatchObject({
      conversationId: a.id,
      reason: 'agent_closed',
    });
    expect(await a.c.next('closed')).toEqual({ type: 'closed', reason: 'agent_closed' });
    expect(await t.app.store.conversations.get(a.id)).toMatchObject({
      contactType: 'self_service_help',
      closeNote: 'Viste skjemaet',
    });
    kari.send({ type: 'claim', conversationId: b.id });
    expect((await kari.next('assigned')).conversation.conversationId).toBe(b.id);
    b.c.send({ type: 'end' });
    expect(await kari.next('conversation_closed')).toMatchObject({
      conversationId: b.id,
      reason: 'citizen_ended',
    });
  });

  it('serves canned responses per language from the knowledge folder', async () => {
    mkdirSync(join(t.config.paths.knowledgeDir, 'canned'), { recursive: true });
    writeFileSync(
      join(t.config.paths.knowledgeDir, 'canned', 'nb.yaml'),
      'responses:\n  - id: hilsen\n    title: Hilsen\n    text: Hei, du snakker med {agent} på Servicetorget.\n',
    );
    const kari = await t.agent('kari');
    kari.send({ type: 'canned', lang: 'nb' });
    expect(await kari.next('canned')).toEqual({
      type: 'canned',
      lang: 'nb',
      responses: [{ id: 'hilsen', title: 'Hilsen', text: 'Hei, du snakker med Kari på Servicetorget.' }],
    });
    kari.send({ type: 'canned', lang: 'da' });
    expect(await kari.next('canned')).toMatchObject({ lang: 'da', responses: [] });
  });

  it('answers presence changes and bad staff frames without dropping the agent', async () => {
    const kari = await t.agent('kari');
    kari.send({ type: 'presence', status: 'away' });
    expect(await kari.next('agents', (f) => f.agents[0]?.presence === 'away')).toBeTruthy();
    kari.send({ type: 'claim' });
    expect(await kari.next('error')).toMatchObject({ code: 'bad_frame' });
    // Nobody online (Kari is away): a new handover goes to the offline form.
    const c = await t.citizen();
    await c.start();
    c.send({ type: 'human' });
    expect(await c.next('offline')).toEqual({ type: 'offline', reason: 'no_agent' });
  });
});
