import { afterEach, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './test-support/test-app.ts';

let t: TestServer;
afterEach(async () => {
  await t.close();
});

it('keeps the queue, assignments and every acknowledged message across a restart', async () => {
  t = await startTestServer();
  const kari = await t.agent('kari');
  const ola = await t.agent('ola');

  const held = await t.citizen();
  const heldWelcome = await held.start();
  held.send({ type: 'message', clientId: 'h1', text: 'handover:personal:helse' });
  await held.next('queue');
  kari.send({ type: 'claim', conversationId: heldWelcome.conversationId });
  await kari.next('assigned');
  kari.send({
    type: 'send',
    conversationId: heldWelcome.conversationId,
    clientId: 'k1',
    text: 'Hei, Kari her.',
  });
  await held.next('agent');
  held.send({ type: 'message', clientId: 'h2', text: 'Jeg lurer på vedtaket mitt.' });
  await held.next('ack');

  const waits = await t.citizen();
  const waitsWelcome = await waits.start();
  waits.send({ type: 'message', clientId: 'w1', text: 'handover:human_request:helse' });
  expect(await waits.next('queue')).toMatchObject({ position: 1 });
  const before = (await t.app.store.messages.list(heldWelcome.conversationId)).map((m) => [m.role, m.text]);
  ola.close();

  t = await t.restart();

  // The citizens' widgets reconnect with their resume tokens.
  const heldAgain = await t.citizen();
  const resumedHeld = await heldAgain.start({ resumeToken: heldWelcome.resumeToken });
  expect(resumedHeld).toMatchObject({ state: 'assigned', agentFirstName: 'Kari' });
  expect(resumedHeld.history.map((h: { role: string; text: string }) => [h.role, h.text])).toEqual(before);
  const waitsAgain = await t.citizen();
  const resumedWaits = await waitsAgain.start({ resumeToken: waitsWelcome.resumeToken });
  expect(resumedWaits.state).toBe('waiting');
  expect(await waitsAgain.next('queue')).toMatchObject({ queue: 'helse', position: 1 });

  // Kari reconnects within the grace period and carries on.
  const kariAgain = await t.agent('kari');
  const assigned = await kariAgain.next('assigned');
  expect(assigned.conversation.conversationId).toBe(heldWelcome.conversationId);
  expect(assigned.history.at(-1)).toMatchObject({ role: 'citizen', text: 'Jeg lurer på vedtaket mitt.' });
  const queue = await kariAgain.next('queue', (f) => f.items.length > 0);
  expect(queue.items.map((i: { conversationId: string }) => i.conversationId)).toEqual([
    waitsWelcome.conversationId,
  ]);
  kariAgain.send({
    type: 'send',
    conversationId: heldWelcome.conversationId,
    clientId: 'k2',
    text: 'Jeg ser på det.',
  });
  expect(await heldAgain.next('agent')).toMatchObject({ text: 'Jeg ser på det.', firstName: 'Kari' });
  // A message resent after the restart (its ack was lost) is still stored once.
  heldAgain.send({ type: 'message', clientId: 'h2', text: 'Jeg lurer på vedtaket mitt.' });
  await heldAgain.next('ack');
  const h2 = (await t.app.store.messages.list(heldWelcome.conversationId)).filter((m) => m.clientId === 'h2');
  expect(h2).toHaveLength(1);
  // Past the grace period nothing moves, because Kari came back.
  t.clock.advance(t.config.limits.agentGraceSeconds * 1000);
  expect((await t.app.store.conversations.get(heldWelcome.conversationId))?.state).toBe('assigned');
});

it('returns chats to the queue when their agent does not come back after a restart', async () => {
  t = await startTestServer();
  const kari = await t.agent('kari');
  const c = await t.citizen();
  const welcome = await c.start();
  c.send({ type: 'message', clientId: 'h1', text: 'handover:personal:helse' });
  await c.next('queue');
  kari.send({ type: 'claim', conversationId: welcome.conversationId });
  await kari.next('assigned');
  t = await t.restart();
  const ola = await t.agent('ola');
  const again = await t.citizen();
  await again.start({ resumeToken: welcome.resumeToken });
  t.clock.advance(t.config.limits.agentGraceSeconds * 1000);
  expect(await again.next('agent_left')).toBeTruthy();
  expect(await again.next('queue')).toMatchObject({ queue: 'helse', position: 1 });
  expect(await ola.next('queue', (f) => f.items.length === 1)).toBeTruthy();
});
