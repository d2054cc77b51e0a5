import type { Db } from './db.ts';

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

export function staffRepo(db: Db) {
  const insert = db.prepare(
    'INSERT INTO staff (username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const byUsername = db.prepare<[string], Row>('SELECT * FROM staff WHERE username = ?');
  const byId = db.prepare<[number], Row>('SELECT * FROM staff WHERE id = ?');
  const all = db.prepare<[], Row>('SELECT * FROM staff ORDER BY username');
  const setPassword = db.prepare('UPDATE staff SET password_hash = ? WHERE username = ?');
  const setDisabled = db.prepare('UPDATE staff SET disabled = ? WHERE username = ?');
  const replaceHash = db.prepare('UPDATE staff SET password_hash = ? WHERE id = ? AND password_hash = ?');
  // A new password or a disabled account ends the account's sessions in the same transaction, whichever
  // process (server or staff CLI) does it; `keep` spares the session that changed its own password.
  const endSessions = db.prepare(
    'DELETE FROM sessions WHERE staff_id = (SELECT id FROM staff WHERE username = ?) AND token_hash != ?',
  );
  return {
    create(s: {
      username: string;
      displayName: string;
      role: StaffRole;
      passwordHash: string;
      at: string;
    }): number {
      return Number(insert.run(s.username, s.displayName, s.role, s.passwordHash, s.at).lastInsertRowid);
    },
    /** With the password hash, for login only. */
    credentials(username: string): (StaffMember & { passwordHash: string }) | undefined {
      const r = byUsername.get(username);
      return r && { ...toStaff(r), passwordHash: r.password_hash };
    },
    get: (id: number): StaffMember | undefined => {
      const r = byId.get(id);
      return r && toStaff(r);
    },
    list: (): StaffMember[] => all.all().map(toStaff),
    /** Also ends every session of the account but `keepSessionHash`. */
    setPassword: (username: string, hash: string, keepSessionHash = ''): boolean =>
      db.transaction(() => {
        const changed = setPassword.run(hash, username).changes === 1;
        if (changed) endSessions.run(username, keepSessionHash);
        return changed;
      })(),
    /**
     * The same password hashed with stronger parameters (at login): sessions stay, and nothing changes if the
     * password was changed meanwhile.
     */
    replaceHash: (id: number, oldHash: string, newHash: string): boolean =>
      replaceHash.run(newHash, id, oldHash).changes === 1,
    /** Disabling also ends every session of the account. */
    setDisabled: (username: string, disabled: boolean): boolean =>
      db.transaction(() => {
        const changed = setDisabled.run(disabled ? 1 : 0, username).changes === 1;
        if (changed && disabled) endSessions.run(username, '');
        return changed;
      })(),
  };
}
