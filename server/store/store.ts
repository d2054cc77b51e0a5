import { conversationRepo } from './conversations.ts';
import { openDatabase, type Db } from './db.ts';
import { eventRepo } from './events.ts';
import { knowledgeEditingRepo } from './knowledge-editing.ts';
import { messageRepo } from './messages.ts';
import { sessionRepo } from './sessions.ts';
import { auditRepo, feedbackRepo, transitionRepo } from './small-repos.ts';
import { staffRepo } from './staff.ts';
import { ticketRepo } from './tickets.ts';

export function createStore(db: Db) {
  return {
    db,
    conversations: conversationRepo(db),
    messages: messageRepo(db),
    transitions: transitionRepo(db),
    events: eventRepo(db),
    staff: staffRepo(db),
    sessions: sessionRepo(db),
    tickets: ticketRepo(db),
    audit: auditRepo(db),
    feedback: feedbackRepo(db),
    knowledgeEditing: knowledgeEditingRepo(db),
    /** Runs `fn` in one IMMEDIATE transaction: all of it is stored, or none. */
    tx<T>(fn: () => T): T {
      return db.transaction(fn).immediate();
    },
    healthy(): boolean {
      try {
        return db.prepare('SELECT 1 AS ok').get() !== undefined;
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

export function openStore(file: string): Store {
  return createStore(openDatabase(file));
}
