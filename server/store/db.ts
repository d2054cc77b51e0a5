import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.ts';

export type Db = Database.Database;

/**
 * Only the server's own user may read the database: it holds conversations and contact details. SQLite
 * creates -wal and -shm with the main file's mode, so creating that file 0600 first is enough for new
 * databases; files an older Svar created are tightened too.
 */
function ownerOnly(file: string): void {
  closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`])
    if (existsSync(f)) chmodSync(f, 0o600);
}

/** Opens (creating if needed) the database in WAL mode and brings the schema up to date. */
export function openDatabase(file: string, o: { mustExist?: boolean } = {}): Db {
  if (file !== ':memory:' && !o.mustExist) {
    mkdirSync(dirname(file), { recursive: true });
    ownerOnly(file);
  }
  const db = new Database(file, { fileMustExist: o.mustExist ?? false });
  // Deleted text is overwritten with zeros, not left in free pages of the file (see purgeDeleted).
  db.pragma('secure_delete = ON');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

export function migrate(db: Db): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`database schema version ${current} is newer than this Svar (${MIGRATIONS.length})`);
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
  return MIGRATIONS.length;
}

/**
 * After deleting personal data: copies the zeroed pages into the database file and empties the write-ahead
 * log, whose old frames still hold the deleted text. Best effort: a reader holding the log open only delays
 * it to the next run.
 */
export function purgeDeleted(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}
