import type { Sql } from './sql.ts';
import type { StaffRole } from './staff.ts';

export interface SessionStaff {
  staffId: number;
  username: string;
  displayName: string;
  role: StaffRole;
  expiresAt: string;
}

/** Sessions are looked up by the sha256 of the cookie value, so a leaked database holds no usable cookies. */
export function sessionRepo(db: Sql) {
  return {
    async create(tokenHash: string, staffId: number, at: string, expiresAt: string): Promise<void> {
      await db.run(
        'INSERT INTO sessions (token_hash, staff_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
        [tokenHash, staffId, at, expiresAt],
      );
    },
    async find(tokenHash: string, now: string): Promise<SessionStaff | undefined> {
      const r = await db.get<{
        staff_id: number;
        username: string;
        display_name: string;
        role: StaffRole;
        expires_at: string;
      }>(
        `SELECT s.staff_id, st.username, st.display_name, st.role, s.expires_at
         FROM sessions s JOIN staff st ON st.id = s.staff_id
         WHERE s.token_hash = ? AND s.expires_at > ? AND st.disabled = 0`,
        [tokenHash, now],
      );
      return (
        r && {
          staffId: r.staff_id,
          username: r.username,
          displayName: r.display_name,
          role: r.role,
          expiresAt: r.expires_at,
        }
      );
    },
    remove: async (tokenHash: string): Promise<void> =>
      void (await db.run('DELETE FROM sessions WHERE token_hash = ?', [tokenHash])),
    removeExpired: (now: string): Promise<number> =>
      db.run('DELETE FROM sessions WHERE expires_at <= ?', [now]),
  };
}
