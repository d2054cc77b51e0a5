import { randomUUID } from 'node:crypto';
import { alertRepo } from './alerts.ts';
import { conversationRepo } from './conversations.ts';
import { openDatabase, type Db } from './db.ts';
import { eventRepo } from './events.ts';
import { knowledgeEditingRepo } from './knowledge-editing.ts';
import { learningRepo } from './learning.ts';
import { messageRepo } from './messages.ts';
import { sessionRepo } from './sessions.ts';
import { auditRepo, feedbackRepo, transitionRepo } from './small-repos.ts';
import { staffRepo } from './staff.ts';
import { staffPreferencesRepo } from './staff-preferences.ts';
import { ticketHandlingRepo } from './ticket-handling.ts';
import { ticketRepo } from './tickets.ts';

export interface StoreOptions {
  /** Applied to every string of every interaction-log event before it is stored (the bot's redaction). */
  redact?: (text: string) => string;
}

export function createStore(db: Db, o: StoreOptions = {}) {
  return {
    db,
    conversations: conversationRepo(db),
    messages: messageRepo(db),
    transitions: transitionRepo(db),
    events: eventRepo(db, o.redact),
    staff: staffRepo(db),
    sessions: sessionRepo(db),
    tickets: ticketRepo(db),
    audit: auditRepo(db),
    feedback: feedbackRepo(db),
    alerts: alertRepo(db),
    knowledgeEditing: knowledgeEditingRepo(db),
    learning: learningRepo(db),
    // Issue 19.
    staffPreferences: staffPreferencesRepo(db),
    ticketHandling: ticketHandlingRepo(db),
    /** Runs `fn` in one IMMEDIATE transaction: all of it is stored, or none. */
    tx<T>(fn: () => T): T {
      return db.transaction(fn).immediate();
    },
    /** Whether the database takes a write and gives it back: a real check, not just an open handle. */
    healthy(now = new Date().toISOString()): boolean {
      try {
        const token = randomUUID();
        db.prepare(
          `INSERT INTO health_probe (id, token, at) VALUES (1, ?, ?)
           ON CONFLICT (id) DO UPDATE SET token = excluded.token, at = excluded.at`,
        ).run(token, now);
        const row = db.prepare<[], { token: string }>('SELECT token FROM health_probe WHERE id = 1').get();
        return row?.token === token;
      } catch {
        return false;
      }
    },
    close(): void {
      if (db.open) db.close();
    },
  };
}
export type Store = ReturnType<typeof createStore>;

export function openStore(file: string, o: StoreOptions = {}): Store {
  return createStore(openDatabase(file), o);
}
