import type { Store } from '../store/store.ts';
import { contactRef, parseContact, type PhoneCountry } from './contact.ts';
import { conversationsOf, ticketsOf } from './conversation-data.ts';
import type { RequestBy } from './export.ts';

/** Rows removed (or that would be), by table. */
export type Deleted = Record<string, number>;

/** What a deletion will remove: shown to the admin first, and then deleted exactly as shown. */
export interface DeletePlan {
  /** The audit log's name for what was asked for: a conversation id, or a hash of the contact. */
  target: string;
  conversations: string[];
  /** Offline messages left with the contact that belong to no conversation. */
  looseTickets: number[];
  /** Rows that would go, by table. */
  rows: Deleted;
}

const add = (into: Deleted, more: Deleted): void => {
  for (const [table, n] of Object.entries(more)) if (n > 0) into[table] = (into[table] ?? 0) + n;
};
const total = (d: Deleted): number => Object.values(d).reduce((s, n) => s + n, 0);

/** What deleting one conversation would remove (nothing is deleted). */
export async function planConversation(store: Store, id: string): Promise<DeletePlan> {
  const rows: Deleted = {};
  add(rows, await store.privacy.countConversationRows(id));
  return { target: id, conversations: total(rows) > 0 ? [id] : [], looseTickets: [], rows };
}

/**
 * What deleting everything linked to an exact e-mail address or phone number would remove (nothing is
 * deleted). Throws on input that is neither.
 */
export async function planContact(
  store: Store,
  emailOrPhone: string,
  country: PhoneCountry = 'no',
): Promise<DeletePlan> {
  const contact = parseContact(emailOrPhone, country);
  if (!contact) throw new TypeError('not an e-mail address or phone number');
  const conversations = await conversationsOf(store, contact, country);
  const rows: Deleted = {};
  for (const id of conversations) add(rows, await store.privacy.countConversationRows(id));
  const looseTickets = (await ticketsOf(store, contact, country))
    .filter((t) => t.conversation_id === null)
    .map((t) => Number(t.id));
  if (looseTickets.length > 0) rows.tickets = (rows.tickets ?? 0) + looseTickets.length;
  return { target: contactRef(contact), conversations, looseTickets, rows };
}

/** Audit-logs that an admin was shown what a deletion would remove. */
export async function logPreview(store: Store, plan: DeletePlan, by: RequestBy): Promise<void> {
  await store.audit.log({
    actor: by.actor,
    action: 'privacy_delete_preview',
    target: plan.target,
    details: { conversations: plan.conversations, rows: plan.rows },
    at: by.now.toISOString(),
  });
}

/**
 * Deletes exactly what a plan lists — each conversation and every row that refers to it (messages, redacted
 * events, handover transitions, feedback, offline messages), and the loose offline messages — in one
 * transaction, and audit-logs it. The audit entries about a conversation stay: they are the record of what
 * staff did, and hold no text from the citizen.
 */
export async function executePlan(
  store: Store,
  plan: DeletePlan,
  by: RequestBy,
): Promise<{ conversations: string[]; deleted: Deleted }> {
  const result = await store.tx(async () => {
    const deleted: Deleted = {};
    for (const id of plan.conversations) add(deleted, await store.privacy.eraseConversation(id));
    for (const ticketId of plan.looseTickets)
      add(deleted, { tickets: await store.privacy.deleteTicket(ticketId) });
    await store.audit.log({
      actor: by.actor,
      action: 'privacy_delete',
      target: plan.target,
      details: { found: total(deleted) > 0, conversations: plan.conversations, deleted },
      at: by.now.toISOString(),
    });
    return { conversations: plan.conversations, deleted };
  });
  await store.purgeDeleted();
  return result;
}

/** Deletes one conversation at once (retention and tests); undefined if nothing was held. */
export async function deleteConversation(
  store: Store,
  id: string,
  by: RequestBy = { actor: 'system', now: new Date() },
): Promise<Deleted | undefined> {
  const { deleted } = await executePlan(
    store,
    { ...(await planConversation(store, id)), conversations: [id] },
    by,
  );
  return total(deleted) > 0 ? deleted : undefined;
}

/** Deletes everything linked to an exact e-mail address or phone number at once (see planContact). */
export async function deleteByContact(
  store: Store,
  emailOrPhone: string,
  by: RequestBy = { actor: 'system', now: new Date() },
  country: PhoneCountry = 'no',
): Promise<{ conversations: string[]; deleted: Deleted }> {
  return executePlan(store, await planContact(store, emailOrPhone, country), by);
}
