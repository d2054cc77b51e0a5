import type { Sql } from './sql.ts';

export const STAFF_ROLES = ['agent', 'editor', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffMember {
  id: number;
  username: string;
  /** First name only: citizens see it when the agent joins. */
  displayName: string;
  role: StaffRole;
  disabled: boolean;
}

interface Row {
  id: number;
  username: string;
  display_name: string;
  role: StaffRole;
  password_hash: string;
  disabled: number;
}

const toStaff = (r: Row): StaffMember => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  disabled: r.disabled === 1,
});

// Names compare without case (SQLite's COLLATE NOCASE, PostgreSQL's unique index on lower(username)).
const BY_NAME = 'lower(username) = lower(?)';

export function staffRepo(db: Sql) {
  // A new password or a disabled account ends the account's sessions in the same transaction, whichever
  // process (server or staff CLI) does it; `keep` spares the session that changed its own password.
  const endSessions = (username: string, keep: string) =>
    db.run(
      `DELETE FROM sessions WHERE staff_id = (SELECT id FROM staff WHERE ${BY_NAME}) AND token_hash != ?`,
      [username, keep],
    );
  return {
    async create(s: {
      username: string;
      displayName: string;
      role: StaffRole;
      passwordHash: string;
      at: string;
    }): Promise<number> {
      const r = await db.get<{ id: number }>(
        'INSERT INTO staff (username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id',
        [s.username, s.displayName, s.role, s.passwordHash, s.at],
      );
      return Number(r?.id);
    },
    /** With the password hash, for login only. */
    async credentials(username: string): Promise<(StaffMember & { passwordHash: string }) | undefined> {
      const r = await db.get<Row>(`SELECT * FROM staff WHERE ${BY_NAME}`, [username]);
      return r && { ...toStaff(r), passwordHash: r.password_hash };
    },
    get: async (id: number): Promise<StaffMember | undefined> => {
      const r = await db.get<Row>('SELECT * FROM staff WHERE id = ?', [id]);
      return r && toStaff(r);
    },
    list: async (): Promise<StaffMember[]> =>
      (await db.all<Row>('SELECT * FROM staff ORDER BY username')).map(toStaff),
    /** Also ends every session of the account but `keepSessionHash`. */
    setPassword: (username: string, hash: string, keepSessionHash = ''): Promise<boolean> =>
      db.tx(async () => {
        const changed =
          (await db.run(`UPDATE staff SET password_hash = ? WHERE ${BY_NAME}`, [hash, username])) === 1;
        if (changed) await endSessions(username, keepSessionHash);
        return changed;
      }),
    /**
     * The same password hashed with stronger parameters (at login): sessions stay, and nothing changes if the
     * password was changed meanwhile.
     */
    replaceHash: async (id: number, oldHash: string, newHash: string): Promise<boolean> =>
      (await db.run('UPDATE staff SET password_hash = ? WHERE id = ? AND password_hash = ?', [
        newHash,
        id,
        oldHash,
      ])) === 1,
    /** Disabling also ends every session of the account. */
    setDisabled: (username: string, disabled: boolean): Promise<boolean> =>
      db.tx(async () => {
        const changed =
          (await db.run(`UPDATE staff SET disabled = ? WHERE ${BY_NAME}`, [disabled ? 1 : 0, username])) ===
          1;
        if (changed && disabled) await endSessions(username, '');
        return changed;
      }),
  };
}
