import type { Sql } from './sql.ts';

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
export function alertRepo(db: Sql) {
  return {
    /** True when this call created the alert; false when it already existed (sent, failed or under way). */
    create: async (
      conversationId: string,
      channel: AlertChannel,
      reason: string,
      at: string,
    ): Promise<boolean> =>
      (await db.run(
        `INSERT INTO on_call_alerts
           (conversation_id, channel, status, reason, attempts, created_at, updated_at)
         VALUES (?, ?, 'pending', ?, 0, ?, ?)
         ON CONFLICT DO NOTHING`,
        [conversationId, channel, reason, at, at],
      )) === 1,
    /** Counts one send; false when the alert is no longer pending. */
    startAttempt: async (conversationId: string, channel: AlertChannel, at: string): Promise<boolean> =>
      (await db.run(
        `UPDATE on_call_alerts SET attempts = attempts + 1, updated_at = ?
         WHERE conversation_id = ? AND channel = ? AND status = 'pending'`,
        [at, conversationId, channel],
      )) === 1,
    /** A failed try that will be retried keeps `pending` with its error. */
    async record(
      conversationId: string,
      channel: AlertChannel,
      status: AlertStatus,
      error: string | null,
      at: string,
    ): Promise<void> {
      await db.run(
        `UPDATE on_call_alerts SET status = ?, last_error = ?, updated_at = ?
         WHERE conversation_id = ? AND channel = ?`,
        [status, error, at, conversationId, channel],
      );
    },
    get: async (conversationId: string, channel: AlertChannel): Promise<OnCallAlert | undefined> => {
      const r = await db.get<Row>('SELECT * FROM on_call_alerts WHERE conversation_id = ? AND channel = ?', [
        conversationId,
        channel,
      ]);
      return r ? toAlert(r) : undefined;
    },
    forConversation: async (conversationId: string): Promise<OnCallAlert[]> =>
      (
        await db.all<Row>('SELECT * FROM on_call_alerts WHERE conversation_id = ? ORDER BY channel', [
          conversationId,
        ])
      ).map(toAlert),
    /** Alerts a restart interrupted. */
    pending: async (): Promise<OnCallAlert[]> =>
      (await db.all<Row>(`SELECT * FROM on_call_alerts WHERE status = 'pending'`)).map(toAlert),
  };
}
