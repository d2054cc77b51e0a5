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
    setPassword: (username: string, hash: string): boolean => setPassword.run(hash, username).changes === 1,
    setDisabled: (username: string, disabled: boolean): boolean =>
      setDisabled.run(disabled ? 1 : 0, username).changes === 1,
  };
}
