import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestServer } from '../test-support/test-app.ts';
import { clusterMissing, TwoNodes } from './test-support/two-apps.ts';

const GONE_SECONDS = 60;

async function waitingOn(node: TestServer) {
  const c = await node.citizen();
  const welcome = await c.start();
  c.send({ type: 'human' });
  await c.next('queue');
  return { c, id: welcome.conversationId as string, token: welcome.resumeToken as string };
}

/** Time for a wrongly armed gone timer's close to reach the database, had it fired. */
const settle = () => new Promise((r) => setTimeout(r, 300));

describe.skipIf(clusterMissing)('whose page is connected, across two nodes', () => {
  let nodes: TwoNodes;
  beforeAll(async () => {
    nodes = await TwoNodes.start();
  });
  afterAll(async () => await nodes?.stop());

  const pair = () =>
    nodes.pair((c) => {
      c.limits.visitorGoneCloseSeconds = GONE_SECONDS;
      c.limits.maxQueueWaitSeconds = 3600;
    });
  const seenOn = (node: TestServer, id: string, online: boolean) =>
    vi.waitFor(() => expect(node.app.cluster?.visitors.status(id)?.online).toBe(online), { timeout: 5000 });

  it('a page that moves from node A to node B keeps the chat: A’s gone timer sees it on B', async () => {
    const { a, b, clock } = await pair();
    await a.agent('kari');
    const { c, id, token } = await waitingOn(a);
    c.close();
    await c.closed;
    const again = await b.citizen();
    await again.start({ resumeToken: token });
    await seenOn(a, id, true);
    clock.advance(GONE_SECONDS * 1000);
    await settle();
    expect((await a.app.store.conversations.get(id))?.state).toBe('waiting');
  });

  it('a node taking over timers (a peer died, or it just started) leaves a citizen on another node alone', async () => {
    const { a, b, clock } = await pair();
    await a.agent('kari');
    const { id } = await waitingOn(a);
    await seenOn(b, id, true);
    await b.app.handover.restore();
    clock.advance(GONE_SECONDS * 1000);
    await settle();
    expect((await b.app.store.conversations.get(id))?.state).toBe('waiting');
  });

  it('staff on node B see a citizen on node A as there, and gone once the page closes for good', async () => {
    const { a, b, clock } = await pair();
    await a.agent('kari');
    const { c, id } = await waitingOn(a);
    await seenOn(b, id, true);
    const ola = await b.agent('ola');
    const snapshot = await ola.next('queue', (f) =>
      f.items.some((i: { conversationId: string }) => i.conversationId === id),
    );
    expect(snapshot.items.find((i: { conversationId: string }) => i.conversationId === id)).toMatchObject({
      visitor: { online: true },
    });
    c.close();
    await ola.next('visitor', (f) => f.conversationId === id && !f.visitor.online);
    await seenOn(b, id, false);
    clock.advance(GONE_SECONDS * 1000);
    await vi.waitFor(async () => expect((await b.app.store.conversations.get(id))?.state).toBe('closed'), {
      timeout: 5000,
    });
    expect((await b.app.store.transitions.list(id)).at(-1)).toMatchObject({ reason: 'abandoned' });
  });
});
