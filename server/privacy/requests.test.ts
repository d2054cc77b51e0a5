import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SyntheticConversation, addStaff } from '../analytics/test-support/synthetic-log.ts';
import { openStore, type Store } from '../store/store.ts';
import { mentions, normalisePhone, parseContact } from './contact.ts';
import { conversationTables } from './conversation-data.ts';
import { deleteByContact, deleteConversation, executePlan, planContact } from './erase.ts';
import { exportByContact, exportConversation } from './export.ts';
import { snapshot } from './test-support.ts';

const AT = '2026-03-04T09:00:00.000Z';
const BY = { actor: 'staff:9', now: new Date('2026-03-10T12:00:00.000Z') };

let store: Store;
beforeEach(() => {
  store = openStore(join(mkdtempSync(join(tmpdir(), 'svar-dsr-')), 'svar.db'));
});
afterEach(async () => await store.close());

/** A conversation that leaves a row in every table that can hold one. */
async function fullConversation(id: string, contact: { email?: string; phone?: string }, agent: number) {
  const c = await SyntheticConversation.start(store, id, AT, 'nb');
  await c.citizen('Jeg lurer på byggesaken min');
  await c.decide('handover', { handoverReason: 'personal', redacted: 'Jeg lurer på byggesaken min' });
  await c.handover('personal', 'byggesak');
  await c.assigned(agent, 'byggesak', 30);
  await c.agentMessage(agent, 'Hei! Jeg sjekker.');
  await c.close('agent', 'assigned', {
    contactType: 'existing_case_info',
    handledSeconds: 120,
    note: 'Sjekket saken',
  });
  await c.feedback('conversation', true, { comment: 'Takk' });
  const ticket = await c.ticket({ question: 'Kan dere svare på e-post?', queue: 'byggesak', ...contact });
  await c.ticketAnswered(ticket, 'email', 600, agent, 'Saken er godkjent.');
  await store.alerts.create(id, 'webhook', 'office_closed', AT);
  return c;
}

const countFor = async (table: string, id: string): Promise<number> =>
  (
    (await store.sql.get(`SELECT count(*) AS n FROM "${table}" WHERE conversation_id = ?`, [id])) as {
      n: number;
    }
  ).n;

describe('exportConversation', () => {
  it('holds every row of every table that refers to the conversation, and is audit-logged', async () => {
    const agent = await addStaff(store, 'kari', AT);
    await fullConversation('c1', { email: 'ola@example.no' }, agent);
    await fullConversation('c2', { email: 'kari@example.no' }, agent);
    const data = (await exportConversation(store, 'c1', BY))!;
    const tables = await conversationTables(store);
    expect(tables).toEqual([
      'events',
      'feedback',
      'handover_transitions',
      'messages',
      'on_call_alerts',
      'tickets',
    ]);
    for (const table of tables) {
      expect(await countFor(table, 'c1'), table).toBeGreaterThan(0);
      expect(data.tables[table], table).toHaveLength(await countFor(table, 'c1'));
      expect(data.tables[table]!.every((r) => r.conversation_id === 'c1')).toBe(true);
    }
    expect(data.conversation).toMatchObject({
      id: 'c1',
      close_note: 'Sjekket saken',
      contact_type: 'existing_case_info',
    });
    expect(data.conversation).not.toHaveProperty('resume_token_hash');
    expect(data.tables.messages![0]).toMatchObject({ role: 'citizen', text: 'Jeg lurer på byggesaken min' });
    expect(data.tables.events![0]).toMatchObject({ type: 'conversation_started', payload: { lang: 'nb' } });
    expect(data.tables.tickets![0]).toMatchObject({ email: 'ola@example.no', answer: 'Saken er godkjent.' });
    expect(data.audit.map((a) => a.action)).toEqual(['claim']);
    expect(JSON.stringify(data)).not.toContain('kari@example.no');
    expect((await store.audit.recent(1))[0]).toMatchObject({
      actor: 'staff:9',
      action: 'privacy_export',
      target: 'c1',
    });
  });

  it('returns nothing for an unknown conversation, and still logs the request', async () => {
    expect(await exportConversation(store, 'nope', BY)).toBeUndefined();
    expect((await store.audit.recent(1))[0]).toMatchObject({
      action: 'privacy_export',
      target: 'nope',
      details: { found: false },
    });
  });
});

describe('deleteConversation', () => {
  it('removes the conversation from every table, leaves the others alone, and is audit-logged', async () => {
    const agent = await addStaff(store, 'kari', AT);
    await fullConversation('c1', { email: 'ola@example.no' }, agent);
    await fullConversation('c2', { email: 'kari@example.no' }, agent);
    const before = await snapshot(store);
    const deleted = (await deleteConversation(store, 'c1', BY))!;
    for (const table of await conversationTables(store)) {
      expect(await countFor(table, 'c1'), table).toBe(0);
      expect(deleted[table], table).toBe(before[table]!.filter((r) => r.conversation_id === 'c1').length);
    }
    expect(deleted.conversations).toBe(1);
    expect(await store.conversations.get('c1')).toBeUndefined();
    const after = await snapshot(store);
    for (const [table, rows] of Object.entries(before)) {
      if (table === 'audit') continue;
      const kept = rows.filter(
        (r) => r.conversation_id !== 'c1' && !(table === 'conversations' && r.id === 'c1'),
      );
      expect(after[table], table).toEqual(kept);
    }
    // Audit entries about c1 are kept; one more records the deletion.
    expect(after.audit!.slice(0, -1)).toEqual(before.audit);
    expect((await store.audit.recent(1))[0]).toMatchObject({
      actor: 'staff:9',
      action: 'privacy_delete',
      target: 'c1',
    });
    expect(await deleteConversation(store, 'c1', BY)).toBeUndefined();
  });
});

describe('requests by e-mail address or phone number', () => {
  async function seedContacts() {
    const agent = await addStaff(store, 'kari', AT);
    await fullConversation('by-ticket', { email: 'Ola.Nordmann@Example.no', phone: '+47 412 34 567' }, agent);
    const typed = await SyntheticConversation.start(store, 'typed-it', AT, 'nb');
    await typed.citizen('Send svaret til ola.nordmann@example.no eller ring 41 23 45 67');
    await fullConversation('someone-else', { email: 'kari@example.no', phone: '99887766' }, agent);
    const other = await SyntheticConversation.start(store, 'unrelated', AT, 'nb');
    await other.citizen('Ring 412 34 568');
  }

  it('recognises addresses and numbers written in the usual ways', async () => {
    expect(parseContact(' Ola@Example.NO ')).toEqual({ kind: 'email', value: 'ola@example.no' });
    expect(parseContact('+47 412 34 567')).toEqual({ kind: 'phone', value: '+4741234567' });
    expect(parseContact('0045 70 20 12 01')).toEqual({ kind: 'phone', value: '+4570201201' });
    expect(parseContact('70 20 12 01', 'dk')).toEqual({ kind: 'phone', value: '+4570201201' });
    expect(parseContact('not a contact')).toBeUndefined();
    expect(normalisePhone('(412) 34-567')).toBe('+4741234567');
    expect(normalisePhone('412.34.567')).toBe('+4741234567');
  });

  it('matches whole, normalised contacts only, never a part of one', () => {
    const a = parseContact('a@example.no')!;
    expect(mentions('skriv til ola@example.no', a)).toBe(false);
    expect(mentions('skriv til a@example.no.evil.example', a)).toBe(false);
    expect(mentions('skriv til A@Example.NO, takk', a)).toBe(true);
    const phone = parseContact('412 34 567')!;
    expect(mentions('ring 412 34 5678', phone)).toBe(false);
    expect(mentions('ring 99 412 34 567 0', phone)).toBe(false);
    expect(mentions('ring +47 412-34-567', phone)).toBe(true);
    // The same digits in Denmark are someone else.
    expect(mentions('ring +45 41 23 45 67', phone)).toBe(false);
  });

  it('exports and deletes nobody else for an address that is part of theirs', async () => {
    await seedContacts();
    for (const other of ['a@example.no', 'nordmann@example.no', 'ordmann@example.no']) {
      expect((await exportByContact(store, other, BY)).conversations, other).toEqual([]);
      expect((await deleteByContact(store, other, BY)).conversations, other).toEqual([]);
    }
    expect(await store.conversations.get('by-ticket')).toBeDefined();
    expect(await store.conversations.get('typed-it')).toBeDefined();
  });

  it('a preview deletes nothing, and the plan deletes exactly what it showed', async () => {
    await seedContacts();
    const before = await snapshot(store);
    const plan = await planContact(store, 'ola.nordmann@example.no');
    expect(plan.conversations).toEqual(['by-ticket', 'typed-it']);
    expect(await snapshot(store)).toEqual(before);
    const done = await executePlan(store, plan, BY);
    expect(done.deleted).toEqual(plan.rows);
  });

  it('exports every conversation linked to an e-mail address, and no other', async () => {
    await seedContacts();
    const data = await exportByContact(store, 'ola.nordmann@example.no', BY);
    expect(data.conversations.map((c) => c.conversationId)).toEqual(['by-ticket', 'typed-it']);
    expect(data.tickets).toHaveLength(1);
    const audit = (await store.audit.recent(1))[0]!;
    expect(audit).toMatchObject({ action: 'privacy_export', actor: 'staff:9' });
    expect(audit.target).toMatch(/^contact:email:[0-9a-f]{16}$/);
    expect(JSON.stringify(audit)).not.toContain('nordmann');
  });

  it('finds a phone number however it was written', async () => {
    await seedContacts();
    const data = await exportByContact(store, '41234567', BY);
    expect(data.conversations.map((c) => c.conversationId)).toEqual(['by-ticket', 'typed-it']);
  });

  it('deletes everything linked to the contact and nothing else', async () => {
    await seedContacts();
    const result = await deleteByContact(store, '+4741234567', BY);
    expect(result.conversations).toEqual(['by-ticket', 'typed-it']);
    for (const id of ['by-ticket', 'typed-it']) {
      expect(await store.conversations.get(id)).toBeUndefined();
      for (const table of await conversationTables(store)) expect(await countFor(table, id)).toBe(0);
    }
    expect(await store.conversations.get('someone-else')).toBeDefined();
    expect(await store.conversations.get('unrelated')).toBeDefined();
    expect(await store.sql.get("SELECT count(*) AS n FROM tickets WHERE phone = '99887766'")).toEqual({
      n: 1,
    });
    expect((await exportByContact(store, 'ola.nordmann@example.no', BY)).conversations).toEqual([]);
    expect((await store.audit.recent(2)).map((a) => a.action)).toEqual(['privacy_export', 'privacy_delete']);
  });

  it('deletes offline messages that no longer belong to a conversation', async () => {
    await store.tickets.create({
      conversationId: null,
      lang: 'nb',
      queue: 'servicetorget',
      question: 'Hei',
      questionRedacted: 'Hei',
      email: 'alone@example.no',
      phone: null,
      at: AT,
    });
    expect(await deleteByContact(store, 'alone@example.no', BY)).toEqual({
      conversations: [],
      deleted: { tickets: 1 },
    });
    expect(await store.tickets.list('open')).toEqual([]);
  });

  it('refuses input that is neither an address nor a number', async () => {
    expect(async () => await exportByContact(store, 'Ola Nordmann', BY)).toThrow(TypeError);
    expect(async () => await deleteByContact(store, 'x', BY)).toThrow(TypeError);
  });
});
