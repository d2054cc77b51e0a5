import type { Store } from '../store/store.ts';
import { quoteIdent, type Row } from '../store/privacy.ts';
import type { Contact } from './contact.ts';
import { mentions, sameContact, type PhoneCountry } from './contact.ts';

export type { Row };

/** Columns that hold JSON text; exports show them parsed. */
const JSON_COLUMNS: Record<string, readonly string[]> = {
  events: ['payload'],
  messages: ['meta'],
  audit: ['details'],
};

/** Every table with a `conversation_id` column (see the store's privacy repository). */
export const conversationTables = (store: Store): Promise<string[]> => store.privacy.conversationTables();

/** A row as exported: JSON columns parsed, secrets (hashes of tokens) left out. */
export function exportRow(table: string, row: Row): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) {
    if (key.endsWith('_hash')) continue;
    if (typeof value === 'string' && JSON_COLUMNS[table]?.includes(key)) {
      try {
        out[key] = JSON.parse(value) as unknown;
        continue;
      } catch {
        // Keep the text as it is.
      }
    }
    out[key] = value;
  }
  return out;
}

export { quoteIdent };

export const rowsOf = (store: Store, table: string, conversationId: string): Promise<Row[]> =>
  store.privacy.rowsOf(table, conversationId);

/** Offline messages left with exactly this e-mail address or phone number (normalised on both sides). */
export async function ticketsOf(
  store: Store,
  contact: Contact,
  country: PhoneCountry = 'no',
): Promise<Row[]> {
  const column = contact.kind === 'email' ? 'email' : 'phone';
  return (await store.privacy.ticketsWith(column)).filter((t) => sameContact(t[column], contact, country));
}

/**
 * Conversations linked to a contact: those whose offline message gave it, and those where it appears in
 * anything written in full (a citizen typing their number into the chat, an agent's note).
 */
export async function conversationsOf(
  store: Store,
  contact: Contact,
  country: PhoneCountry = 'no',
): Promise<string[]> {
  const ids = new Set<string>();
  for (const t of await ticketsOf(store, contact, country))
    if (typeof t.conversation_id === 'string') ids.add(t.conversation_id);
  for (const r of await store.privacy.writtenTexts())
    if (r.conversation_id && mentions(r.text, contact, country)) ids.add(r.conversation_id);
  return [...ids].sort();
}
