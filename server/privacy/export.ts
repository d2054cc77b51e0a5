import type { Store } from '../store/store.ts';
import { contactRef, parseContact, type PhoneCountry } from './contact.ts';
import {
  conversationsOf,
  conversationTables,
  exportRow,
  rowsOf,
  ticketsOf,
  type Row,
} from './conversation-data.ts';

/** Who asked, and when, for the audit log. */
export interface RequestBy {
  actor: string;
  now: Date;
}
const SYSTEM = (): RequestBy => ({ actor: 'system', now: new Date() });

export interface ConversationExport {
  conversationId: string;
  /** The conversation row (the hash of the resume token is left out: it is a credential, not data about anyone). */
  conversation: Row | null;
  /** Every other table that refers to the conversation, by table name: messages, events, tickets, … */
  tables: Record<string, Row[]>;
  /** Staff actions on the conversation (kept after deletion; they hold no text from the citizen). */
  audit: Row[];
}

export interface ContactExport {
  contact: { kind: 'email' | 'phone' };
  /** Offline messages left with the address or number. */
  tickets: Row[];
  /** Every conversation linked to it, in full. */
  conversations: ConversationExport[];
}

/** Everything held about one conversation, without logging (shared by the exports and deletes). */
export async function collectConversation(store: Store, id: string): Promise<ConversationExport | undefined> {
  const conversation = await store.privacy.conversationRow(id);
  const tables: Record<string, Row[]> = {};
  let found = conversation !== undefined;
  for (const table of await conversationTables(store)) {
    const rows = (await rowsOf(store, table, id)).map((r) => exportRow(table, r));
    tables[table] = rows;
    if (rows.length > 0) found = true;
  }
  if (!found) return undefined;
  const audit = (await store.privacy.auditAbout(id)).map((r) => exportRow('audit', r));
  return {
    conversationId: id,
    conversation: conversation ? exportRow('conversations', conversation) : null,
    tables,
    audit,
  };
}

/** A data subject's copy of one conversation, as JSON-ready data; audit-logged. Undefined if nothing is held. */
export function exportConversation(
  store: Store,
  id: string,
  by: RequestBy = SYSTEM(),
): Promise<ConversationExport | undefined> {
  return store.tx(async () => {
    const data = await collectConversation(store, id);
    await store.audit.log({
      actor: by.actor,
      action: 'privacy_export',
      target: id,
      details: { found: data !== undefined },
      at: by.now.toISOString(),
    });
    return data;
  });
}

/**
 * Everything linked to an e-mail address or phone number given in an offline message (or written in a
 * chat), audit-logged under a hash of the contact. Throws on input that is neither.
 */
export async function exportByContact(
  store: Store,
  emailOrPhone: string,
  by: RequestBy = SYSTEM(),
  country: PhoneCountry = 'no',
): Promise<ContactExport> {
  const contact = parseContact(emailOrPhone, country);
  if (!contact) throw new TypeError('not an e-mail address or phone number');
  return store.tx(async () => {
    const ids = await conversationsOf(store, contact, country);
    const conversations: ConversationExport[] = [];
    for (const id of ids) {
      const c = await collectConversation(store, id);
      if (c) conversations.push(c);
    }
    const result: ContactExport = {
      contact: { kind: contact.kind },
      tickets: (await ticketsOf(store, contact, country)).map((t) => exportRow('tickets', t)),
      conversations,
    };
    await store.audit.log({
      actor: by.actor,
      action: 'privacy_export',
      target: contactRef(contact),
      details: { conversations: ids, tickets: result.tickets.map((t) => t.id) },
      at: by.now.toISOString(),
    });
    return result;
  });
}
