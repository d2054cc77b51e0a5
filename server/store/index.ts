/**
 * The storage surface. Every store method returns a Promise; the same Store runs on SQLite (embedded, the
 * default) or PostgreSQL (SVAR_DATABASE_URL, several nodes). All SQL lives in this folder.
 */
export {
  connectStore,
  createStore,
  isStorageError,
  openPostgresStore,
  openStore,
  type Store,
  type StoreOptions,
} from './store.ts';
export type { Sql, Dialect, Param } from './sql.ts';
export type { AlertChannel, AlertStatus, OnCallAlert } from './alerts.ts';
export type {
  Conversation,
  ConversationPatch,
  ConversationRepo,
  ConversationState,
  Priority,
} from './conversations.ts';
export type { EventPayloads, EventRepo, EventType, LoggedEvent } from './events.ts';
export type { FileUse, KnowledgeEditingRepo, StoredVersion } from './knowledge-editing.ts';
export type { MessageRepo, MessageRole, NewMessage, StoredMessage } from './messages.ts';
export type { PrivacyRepo, RetentionCounts, Row } from './privacy.ts';
export type { SessionStaff } from './sessions.ts';
export type { AuditEntry, Transition } from './small-repos.ts';
export { STAFF_ROLES, type StaffMember, type StaffRole } from './staff.ts';
export type { RollupRow, StatsRollupRepo } from './stats-rollups.ts';
export type { Ticket, TicketChannel, TicketStatus } from './tickets.ts';
export { SaveBusy, type Fence, type KnowledgeLock, type KnowledgeLockOptions } from './knowledge-lock.ts';
