import { purgeDeleted, type Db } from '../store/db.ts';
import { auditRepo } from '../store/small-repos.ts';
import { contactRef, parseContact, type PhoneCountry } from './contact.ts';
import { conversationsOf, conversationTables, quoteIdent, ticketsOf } from './conversation-data.ts';
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

const count = (db: Db, sql: string, ...params: (string | number)[]): number =>
  db.prepare<(string | number)[], { n: number }>(sql).get(...params)?.n ?? 0;

function rowsOfConversation(db: Db, id: string): Deleted {
  const rows: Deleted = {};
  for (const table of conversationTables(db))
    rows[table] = count(db, `SELECT count(*) AS n FROM ${quoteIdent(table)} WHERE conversation_id = ?`, id);
  rows.conversations = count(db, 'SELECT count(*) AS n FROM conversations WHERE id = ?', id);
  return rows;
}

function eraseConversation(db: Db, id: string): Deleted {
  const deleted: Deleted = {};
  for (const table of conversationTables(db)) {
    deleted[table] = db.prepare(`DELETE FROM ${quoteIdent(table)} WHERE conversation_id = ?`).run(id).changes;
  }
  deleted.conversations = db.prepare('DELETE FROM conversations WHERE id = ?').run(id).changes;
  return deleted;
}

const add = (into: Deleted, more: Deleted): void => {
  for (const [table, n] of Object.entries(more)) if (n > 0) into[table] = (into[table] ?? 0) + n;
};
const total = (d: Deleted): number => Object.values(d).reduce((s, n) => s + n, 0);

/** What deleting one conversation would remove (nothing is deleted). */
export function planConversation(db: Db, id: string): DeletePlan {
  const rows: Deleted = {};
  add(rows, rowsOfConversation(db, id));
  return { target: id, conversations: total(rows) > 0 ? [id] : [], looseTickets: [], rows };
}

/**
 * What deleting everything linked to an exact e-mail address or phone number would remove (nothing is
 * deleted). Throws on input that is neither.
 */
export function planContact(db: Db, emailOrPhone: string, country: PhoneCountry = 'no'): DeletePlan {
  const contact = parseContact(emailOrPhone, country);
  if (!contact) throw new TypeError('not an e-mail address or phone number');
  const conversations = conversationsOf(db, contact, country);
  const rows: Deleted = {};
  for (const id of conversations) add(rows, rowsOfConversation(db, id));
  const looseTickets = ticketsOf(db, contact, country)
    .filter((t) => t.conversation_id === null)
    .map((t) => Number(t.id));
  if (looseTickets.length > 0) rows.tickets = (rows.tickets ?? 0) + looseTickets.length;
  return { target: contactRef(contact), conversations, looseTickets, rows };
}

/** Audit-logs that an admin was shown what a deletion would remove. */
export function logPreview(db: Db, plan: DeletePlan, by: RequestBy): void {
  auditRepo(db).log({
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
export function executePlan(
  db: Db,
  plan: DeletePlan,
  by: RequestBy,
): { conversations: string[]; deleted: Deleted } {
  const result = db
    .transaction(() => {
      const deleted: Deleted = {};
      for (const id of plan.conversations) add(deleted, eraseConversation(db, id));
      const drop = db.prepare('DELETE FROM tickets WHERE id = ?');
      for (const ticketId of plan.looseTickets) add(deleted, { tickets: drop.run(ticketId).changes });
      auditRepo(db).log({
        actor: by.actor,
        action: 'privacy_delete',
        target: plan.target,
        details: { found: total(deleted) > 0, conversations: plan.conversations, deleted },
        at: by.now.toISOString(),
      });
      return { conversations: plan.conversations, deleted };
    })
    .immediate();
  purgeDeleted(db);
  return result;
}

/** Deletes one conversation at once (retention and tests); undefined if nothing was held. */
export function deleteConversation(
  db: Db,
  id: string,
  by: RequestBy = { actor: 'system', now: new Date() },
): Deleted | undefined {
  const { deleted } = executePlan(db, { ...planConversation(db, id), conversations: [id] }, by);
  return total(deleted) > 0 ? deleted : undefined;
}

/** Deletes everything linked to an exact e-mail address or phone number at once (see planContact). */
export function deleteByContact(
  db: Db,
  emailOrPhone: string,
  by: RequestBy = { actor: 'system', now: new Date() },
  country: PhoneCountry = 'no',
): { conversations: string[]; deleted: Deleted } {
  return executePlan(db, planContact(db, emailOrPhone, country), by);
}
