import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../analytics/test-support/route-harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

describe('privacy routes', () => {
  it('need an admin session and the CSRF token', async () => {
    expect((await h.post('/api/admin/privacy/export', { conversationId: 'c08' }, {})).status).toBe(401);
    const agent = await h.login('kari');
    const asAgent = await h.post(
      '/api/admin/privacy/export',
      { conversationId: 'c08' },
      { cookie: agent.cookie, 'x-csrf-token': agent.csrf },
    );
    expect(asAgent.status).toBe(403);
    const admin = await h.login('anne');
    const noToken = await h.post(
      '/api/admin/privacy/delete',
      { conversationId: 'c08' },
      { cookie: admin.cookie },
    );
    expect(noToken.status).toBe(403);
    expect(await noToken.json()).toMatchObject({ code: 'csrf_invalid' });
    expect(h.store.conversations.get('c08')).toBeDefined();
  });

  it('export and delete one conversation, audit-logged under the admin', async () => {
    const admin = await h.login('anne');
    const headers = { cookie: admin.cookie, 'x-csrf-token': admin.csrf };
    const exported = await h.post('/api/admin/privacy/export', { conversationId: 'c08' }, headers);
    expect(exported.status).toBe(200);
    const data = (await exported.json()) as { tables: { tickets: { email: string }[] } };
    expect(data.tables.tickets[0]!.email).toBe('ola.nordmann@example.no');
    const deleted = await h.post('/api/admin/privacy/delete', { conversationId: 'c08' }, headers);
    expect(await deleted.json()).toMatchObject({
      conversations: ['c08'],
      deleted: { conversations: 1, tickets: 1 },
    });
    expect(h.store.conversations.get('c08')).toBeUndefined();
    expect((await h.post('/api/admin/privacy/delete', { conversationId: 'c08' }, headers)).status).toBe(404);
    const anne = h.store.staff.credentials('anne')!.id;
    expect(h.store.audit.recent(3).map((a) => [a.actor, a.action, a.target])).toEqual([
      [`staff:${anne}`, 'privacy_delete', 'c08'],
      [`staff:${anne}`, 'privacy_delete', 'c08'],
      [`staff:${anne}`, 'privacy_export', 'c08'],
    ]);
  });

  it('export and delete by contact, and refuse anything else', async () => {
    const admin = await h.login('anne');
    const headers = { cookie: admin.cookie, 'x-csrf-token': admin.csrf };
    const byPhone = await h.post('/api/admin/privacy/export', { contact: '412 34 567' }, headers);
    const data = (await byPhone.json()) as { conversations: { conversationId: string }[] };
    // c07: the number in a feedback comment; c14: in the chat and in its offline message.
    expect(data.conversations.map((c) => c.conversationId)).toEqual(['c07', 'c14']);
    const del = await h.post('/api/admin/privacy/delete', { contact: '+47 412 34 567' }, headers);
    expect(((await del.json()) as { conversations: string[] }).conversations).toEqual(['c07', 'c14']);
    for (const body of [
      { contact: 'Ola Nordmann' },
      { conversationId: '' },
      { conversationId: 'c01', extra: 1 },
      {},
    ]) {
      expect((await h.post('/api/admin/privacy/export', body, headers)).status).toBe(400);
    }
  });
});
