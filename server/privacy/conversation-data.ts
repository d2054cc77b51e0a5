import type { Db } from '../store/db.ts';
import type { Contact } from './contact.ts';
import { mentions, sameContact, type PhoneCountry } from './contact.ts';

export type Row = Record<string, unknown>;

/** Columns that hold JSON text; exports show them parsed. */
const JSON_COLUMNS: Record<string, readonly string[]> = {
  events: ['payload'],
  messages: ['meta'],
  audit: ['details'],
};

/**
 * Every table with a `conversation_id` column, found in the schema itself: a table added by a later
 * migration is exported and deleted without anyone remembering to list it here.
 */
export function conversationTables(db: Db): string[] {
  return db
    .prepare<[], { name: string }>(
      `SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) p
       WHERE m.type = 'table' AND p.name = 'conversation_id' ORDER BY m.name`,
    )
    .all()
    .map((r) => r.name);
}

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

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

export function rowsOf(db: Db, table: string, conversationId: string): Row[] {
  return db
    .prepare<[string], Row>(`SELECT * FROM ${quoteIdent(table)} WHERE conversation_id = ? ORDER BY rowid`)
    .all(conversationId);
}

/** Offline messages left with exactly this e-mail address or phone number (normalised on both sides). */
export function ticketsOf(db: Db, contact: Contact, country: PhoneCountry = 'no'): Row[] {
  const column = contact.kind === 'email' ? 'email' : 'phone';
  return db
    .prepare<[], Row>(`SELECT * FROM tickets WHERE ${column} IS NOT NULL ORDER BY id`)
    .all()
    .filter((t) => sameContact(t[column], contact, country));
}

/**
 * Conversations linked to a contact: those whose offline message gave it, and those where it appears in
 * anything written in full (a citizen typing their number into the chat, an agent's note).
 */
export function conversationsOf(db: Db, contact: Contact, country: PhoneCountry = 'no'): string[] {
  const ids = new Set<string>();
  for (const t of ticketsOf(db, contact, country))
    if (typeof t.conversation_id === 'string') ids.add(t.conversation_id);
  const texts = db.prepare<[], { conversation_id: string | null; text: string | null }>(
    `SELECT conversation_id, text FROM messages WHERE text IS NOT NULL
     UNION ALL SELECT conversation_id, comment FROM feedback WHERE comment IS NOT NULL
     UNION ALL SELECT conversation_id, question FROM tickets WHERE question IS NOT NULL
     UNION ALL SELECT conversation_id, answer FROM tickets WHERE answer IS NOT NULL
     UNION ALL SELECT id, close_note FROM conversations WHERE close_note IS NOT NULL`,
  );
  for (const r of texts.iterate())
    if (r.conversation_id && mentions(r.text, contact, country)) ids.add(r.conversation_id);
  return [...ids].sort();
}
