import type { Db } from './db.ts';

export type AlertChannel = 'email' | 'webhook';
export type AlertStatus = 'pending' | 'sent' | 'failed';

export interface OnCallAlert {
  conversationId: string;
  channel: AlertChannel;
  status: AlertStatus;
  /** Why nobody could take the chat (`office_closed`, `no_agent`, `wait_limit`). */
  reason: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  conversation_id: string;
  channel: AlertChannel;
  status: AlertStatus;
  reason: string;
  attempts: number;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

const toAlert = (r: Row): OnCallAlert => ({
  conversationId: r.conversation_id,
  channel: r.channel,
  status: r.status,
  reason: r.reason,
  attempts: r.attempts,
  lastError: r.last_error,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** On-call alerts, one per conversation and channel: the row is the promise to send it, and its outcome. */
export function alertRepo(db: Db) {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO on_call_alerts
       (conversation_id, channel, status, reason, attempts, created_at, updated_at)
     VALUES (?, ?, 'pending', ?, 0, ?, ?)`,
  );
  const attempt = db.prepare(
    `UPDATE on_call_alerts SET attempts = attempts + 1, updated_at = ?
     WHERE conversation_id = ? AND channel = ? AND status = 'pending'`,
  );
  const finish = db.prepare(
    `UPDATE on_call_alerts SET status = ?, last_error = ?, updated_at = ?
     WHERE conversation_id = ? AND channel = ?`,
  );
  const get = db.prepare<[string, string], Row>(
    'SELECT * FROM on_call_alerts WHERE conversation_id = ? AND channel = ?',
  );
  const forConversation = db.prepare<[string], Row>(
    'SELECT * FROM on_call_alerts WHERE conversation_id = ? ORDER BY channel',
  );
  const pending = db.prepare<[], Row>(`SELECT * FROM on_call_alerts WHERE status = 'pending'`);
  return {
    /** True when this call created the alert; false when it already existed (sent, failed or under way). */
    create: (conversationId: string, channel: AlertChannel, reason: string, at: string): boolean =>
      insert.run(conversationId, channel, reason, at, at).changes === 1,
    /** Counts one send; false when the alert is no longer pending. */
    startAttempt: (conversationId: string, channel: AlertChannel, at: string): boolean =>
      attempt.run(at, conversationId, channel).changes === 1,
    /** A failed try that will be retried keeps `pending` with its error. */
    record(
      conversationId: string,
      channel: AlertChannel,
      status: AlertStatus,
      error: string | null,
      at: string,
    ): void {
      finish.run(status, error, at, conversationId, channel);
    },
    get: (conversationId: string, channel: AlertChannel): OnCallAlert | undefined => {
      const r = get.get(conversationId, channel);
      return r ? toAlert(r) : undefined;
    },
    forConversation: (conversationId: string): OnCallAlert[] =>
      forConversation.all(conversationId).map(toAlert),
    /** Alerts a restart interrupted. */
    pending: (): OnCallAlert[] => pending.all().map(toAlert),
  };
}
