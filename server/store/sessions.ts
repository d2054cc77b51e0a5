import type { Db } from './db.ts';
import type { StaffRole } from './staff.ts';

export interface SessionStaff {
  staffId: number;
  username: string;
  displayName: string;
  role: StaffRole;
  expiresAt: string;
}

/** Sessions are looked up by the sha256 of the cookie value, so a leaked database holds no usable cookies. */
export function sessionRepo(db: Db) {
  const insert = db.prepare(
    'INSERT INTO sessions (token_hash, staff_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
  );
  const lookup = db.prepare<
    [string, string],
    { staff_id: number; username: string; display_name: string; role: StaffRole; expires_at: string }
  >(
    `SELECT s.staff_id, st.username, st.display_name, st.role, s.expires_at
     FROM sessions s JOIN staff st ON st.id = s.staff_id
     WHERE s.token_hash = ? AND s.expires_at > ? AND st.disabled = 0`,
  );
  const remove = db.prepare('DELETE FROM sessions WHERE token_hash = ?');
  const removeExpired = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  return {
    create(tokenHash: string, staffId: number, at: string, expiresAt: string): void {
      insert.run(tokenHash, staffId, at, expiresAt);
    },
    find(tokenHash: string, now: string): SessionStaff | undefined {
      const r = lookup.get(tokenHash, now);
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
    remove: (tokenHash: string): void => void remove.run(tokenHash),
    removeExpired: (now: string): number => removeExpired.run(now).changes,
  };
}
