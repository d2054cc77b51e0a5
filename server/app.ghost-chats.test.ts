import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { staffServerFrame } from './protocol.ts';
import { startTestServer, type TestServer } from './test-support/test-app.ts';

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer({ patch: (c) => (c.limits.visitorGoneCloseSeconds = 120) });
});
afterEach(async () => {
  await t.close();
});

async function waitingCitizen() {
  const c = await t.citizen();
  const welcome = await c.start({});
  c.send({ type: 'message', clientId: 'h', text: 'handover:human_request' });
  await c.next('queue');
  return { c, id: welcome.conversationId as string, token: welcome.resumeToken as string };
}

describe('ghost chats over real websockets (issue 19)', () => {
  it('staff hear when the citizen’s socket goes and comes back; the queue list says so too', async () => {
    const kari = await t.agent('kari');
    const { c, id, token } = await waitingCitizen();
    const row = await kari.next('queue', (f) =>
      f.items.some((i: { conversationId: string }) => i.conversationId === id),
    );
    expect(row.items[0]).toMatchObject({ conversationId: id, visitor: { online: true } });

    c.close();
    const gone = await kari.next('visitor', (f) => f.conversationId === id && !f.visitor.online);
    expect(staffServerFrame.safeParse(gone).success).toBe(true);

    // The page reloads and resumes: online again, and the chat is not closed however long it waits.
    const again = await t.citizen();
    await again.start({ resumeToken: token });
    await kari.next('visitor', (f) => f.conversationId === id && f.visitor.online);
    t.clock.advance(120_000);
    expect((await t.app.store.conversations.get(id))?.state).toBe('waiting');
  });

  it('a claimed chat whose citizen never comes back is closed as abandoned, and its agent is told', async () => {
    const kari = await t.agent('kari');
    const { c, id } = await waitingCitizen();
    kari.send({ type: 'claim', conversationId: id });
    const assigned = await kari.next('assigned');
    expect(assigned.conversation.visitor).toMatchObject({ online: true });
    c.close();
    await kari.next('visitor', (f) => f.conversationId === id && !f.visitor.online);
    t.clock.advance(120_000);
    expect(await kari.next('conversation_closed')).toEqual({
      type: 'conversation_closed',
      conversationId: id,
      reason: 'abandoned',
    });
    expect((await t.app.store.conversations.get(id))?.state).toBe('closed');
    expect((await t.app.store.transitions.list(id)).at(-1)).toMatchObject({
      to: 'closed',
      reason: 'abandoned',
      actor: 'system',
    });
  });

  it('a transfer note travels with the chat to the next agent, redacted', async () => {
    const kari = await t.agent('kari');
    const ola = await t.agent('ola');
    const { id } = await waitingCitizen();
    kari.send({ type: 'claim', conversationId: id });
    await kari.next('assigned');
    await kari.next('agents', (f) => f.agents.length === 2);
    const olaId = (await t.app.store.staff.credentials('ola'))!.id;
    kari.send({
      type: 'transfer',
      conversationId: id,
      toAgentId: olaId,
      note: 'Har fnr 01017012345, gjelder bostøtte',
    });
    const got = await ola.next('assigned');
    expect(got.conversation.transferNote).toMatchObject({ from: 'Kari' });
    expect(got.conversation.transferNote.text).toContain('gjelder bostøtte');
    expect(got.conversation.transferNote.text).not.toContain('01017012345');
    const tooLong = 'x'.repeat(1001);
    ola.send({ type: 'transfer', conversationId: id, toQueue: 'helse', note: tooLong });
    expect(await ola.next('error')).toMatchObject({ code: 'bad_frame' });
  });
});
