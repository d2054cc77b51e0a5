import type { Db } from '../store/db.ts';
import { auditRepo } from '../store/small-repos.ts';
import { contactRef, parseContact } from './contact.ts';
import { conversationsOf, conversationTables, quoteIdent, ticketsOf } from './conversation-data.ts';
import type { RequestBy } from './export.ts';

/** Rows removed, by table. */
export type Deleted = Record<string, number>;

function eraseConversation(db: Db, id: string): Deleted {
  const deleted: Deleted = {};
  for (const table of conversationTables(db)) {
    deleted[table] = db.prepare(`DELETE FROM ${quoteIdent(table)} WHERE conversation_id = ?`).run(id).changes;
  }
  deleted.conversations = db.prepare('DELETE FROM conversations WHERE id = ?').run(id).changes;
  return deleted;
}

const total = (d: Deleted): number => Object.values(d).reduce((s, n) => s + n, 0);

/**
 * Deletes one conversation and every row that refers to it — messages, redacted events, handover
 * transitions, feedback, offline messages — in one transaction, and audit-logs it. The audit entries about
 * the conversation stay: they are the record of what staff did, and hold no text from the citizen.
 * Returns undefined if nothing was held.
 */
export function deleteConversation(
  db: Db,
  id: string,
  by: RequestBy = { actor: 'system', now: new Date() },
): Deleted | undefined {
  return db
    .transaction(() => {
      const deleted = eraseConversation(db, id);
      const found = total(deleted) > 0;
      auditRepo(db).log({
        actor: by.actor,
        action: 'privacy_delete',
        target: id,
        details: { found, deleted },
        at: by.now.toISOString(),
      });
      return found ? deleted : undefined;
    })
    .immediate();
}

/** Deletes every conversation and offline message linked to an e-mail address or phone number (see exportByContact). */
export function deleteByContact(
  db: Db,
  emailOrPhone: string,
  by: RequestBy = { actor: 'system', now: new Date() },
): { conversations: string[]; deleted: Deleted } {
  const contact = parseContact(emailOrPhone);
  if (!contact) throw new TypeError('not an e-mail address or phone number');
  return db
    .transaction(() => {
      const ids = conversationsOf(db, contact);
      const deleted: Deleted = {};
      for (const id of ids) {
        for (const [table, n] of Object.entries(eraseConversation(db, id)))
          deleted[table] = (deleted[table] ?? 0) + n;
      }
      // Offline messages no longer tied to a conversation.
      const loose = ticketsOf(db, contact).map((t) => Number(t.id));
      const drop = db.prepare('DELETE FROM tickets WHERE id = ?');
      for (const ticketId of loose) deleted.tickets = (deleted.tickets ?? 0) + drop.run(ticketId).changes;
      auditRepo(db).log({
        actor: by.actor,
        action: 'privacy_delete',
        target: contactRef(contact),
        details: { conversations: ids, deleted },
        at: by.now.toISOString(),
      });
      return { conversations: ids, deleted };
    })
    .immediate();
}
