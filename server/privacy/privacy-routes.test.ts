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
    expect(await h.store.conversations.get('c08')).toBeDefined();
  });

  it('export one conversation, and delete it only after a preview and its confirmation', async () => {
    const admin = await h.login('anne');
    const headers = { cookie: admin.cookie, 'x-csrf-token': admin.csrf };
    const exported = await h.post('/api/admin/privacy/export', { conversationId: 'c08' }, headers);
    expect(exported.status).toBe(200);
    const data = (await exported.json()) as { tables: { tickets: { email: string }[] } };
    expect(data.tables.tickets[0]!.email).toBe('ola.nordmann@example.no');
    // Without a confirmation nothing is deleted, whatever the body says.
    expect((await h.post('/api/admin/privacy/delete', { conversationId: 'c08' }, headers)).status).toBe(400);
    expect(await h.store.conversations.get('c08')).toBeDefined();
    const preview = await h.post('/api/admin/privacy/delete/preview', { conversationId: 'c08' }, headers);
    const shown = (await preview.json()) as {
      conversations: string[];
      rows: Record<string, number>;
      confirmToken: string;
    };
    expect(shown).toMatchObject({ conversations: ['c08'], rows: { conversations: 1, tickets: 1 } });
    expect(await h.store.conversations.get('c08')).toBeDefined();
    const deleted = await h.post('/api/admin/privacy/delete', { confirmToken: shown.confirmToken }, headers);
    expect(await deleted.json()).toMatchObject({
      conversations: ['c08'],
      deleted: { ...shown.rows },
    });
    expect(await h.store.conversations.get('c08')).toBeUndefined();
    // A confirmation is used once.
    const again = await h.post('/api/admin/privacy/delete', { confirmToken: shown.confirmToken }, headers);
    expect(again.status).toBe(409);
    const anne = (await h.store.staff.credentials('anne'))!.id;
    expect((await h.store.audit.recent(3)).map((a) => [a.actor, a.action, a.target])).toEqual([
      [`staff:${anne}`, 'privacy_delete', 'c08'],
      [`staff:${anne}`, 'privacy_delete_preview', 'c08'],
      [`staff:${anne}`, 'privacy_export', 'c08'],
    ]);
  });

  it('a confirmation works only for the admin who saw the preview, and not after ten minutes', async () => {
    const anne = await h.login('anne');
    const anneHeaders = { cookie: anne.cookie, 'x-csrf-token': anne.csrf };
    const preview = async () =>
      (
        (await (
          await h.post('/api/admin/privacy/delete/preview', { conversationId: 'c08' }, anneHeaders)
        ).json()) as {
          confirmToken: string;
        }
      ).confirmToken;
    const late = await preview();
    h.clock.advance(10 * 60_000 + 1);
    expect((await h.post('/api/admin/privacy/delete', { confirmToken: late }, anneHeaders)).status).toBe(409);
    const token = await preview();
    await h.store.staff.create({
      username: 'per',
      displayName: 'Per',
      role: 'admin',
      passwordHash: (await h.store.staff.credentials('anne'))!.passwordHash,
      at: h.clock.now().toISOString(),
    });
    const per = await h.login('per');
    const asPer = await h.post(
      '/api/admin/privacy/delete',
      { confirmToken: token },
      { cookie: per.cookie, 'x-csrf-token': per.csrf },
    );
    expect(asPer.status).toBe(409);
    expect(await h.store.conversations.get('c08')).toBeDefined();
  });

  it('export and delete by contact, and refuse anything else', async () => {
    const admin = await h.login('anne');
    const headers = { cookie: admin.cookie, 'x-csrf-token': admin.csrf };
    const byPhone = await h.post('/api/admin/privacy/export', { contact: '412 34 567' }, headers);
    const data = (await byPhone.json()) as { conversations: { conversationId: string }[] };
    // c07: the number in a feedback comment; c14: in the chat and in its offline message.
    expect(data.conversations.map((c) => c.conversationId)).toEqual(['c07', 'c14']);
    const preview = await h.post('/api/admin/privacy/delete/preview', { contact: '+47 412 34 567' }, headers);
    const shown = (await preview.json()) as { conversations: string[]; confirmToken: string };
    expect(shown.conversations).toEqual(['c07', 'c14']);
    const del = await h.post('/api/admin/privacy/delete', { confirmToken: shown.confirmToken }, headers);
    expect(((await del.json()) as { conversations: string[] }).conversations).toEqual(['c07', 'c14']);
    for (const body of [
      { contact: 'Ola Nordmann' },
      { conversationId: '' },
      { conversationId: 'c01', extra: 1 },
      {},
    ]) {
      expect((await h.post('/api/admin/privacy/export', body, headers)).status).toBe(400);
      expect((await h.post('/api/admin/privacy/delete/preview', body, headers)).status).toBe(400);
    }
  });

  it('a part of an address is not the address', async () => {
    const admin = await h.login('anne');
    const headers = { cookie: admin.cookie, 'x-csrf-token': admin.csrf };
    // ola.nordmann@example.no left an offline message; "a@example.no" and "nordmann@example.no" are others.
    for (const contact of ['a@example.no', 'nordmann@example.no', 'example.no@x.no']) {
      const res = await h.post('/api/admin/privacy/export', { contact }, headers);
      expect(((await res.json()) as { conversations: unknown[] }).conversations, contact).toEqual([]);
      const preview = await h.post('/api/admin/privacy/delete/preview', { contact }, headers);
      expect(await preview.json(), contact).toEqual({ conversations: [], rows: {} });
    }
    expect(await h.store.conversations.get('c08')).toBeDefined();
  });
});
