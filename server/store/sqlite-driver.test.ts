import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './db.ts';
import { sqliteSql } from './sqlite-driver.ts';

const dirs: string[] = [];
const opened: Database.Database[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The driver on a file, a second connection that sees only committed rows, and a count of COMMITs. */
function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'svar-group-commit-'));
  dirs.push(dir);
  const file = join(dir, 'test.db');
  const db = openDatabase(file);
  db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY)');
  let commits = 0;
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string) => {
    const statement = prepare(source);
    if (source !== 'COMMIT') return statement;
    const run = statement.run.bind(statement);
    return Object.assign(statement, {
      run: () => {
        commits += 1;
        return run();
      },
    });
  }) as typeof db.prepare;
  const other = new Database(file, { readonly: true });
  opened.push(db, other);
  const committed = (): number[] =>
    other
      .prepare('SELECT n FROM t ORDER BY n')
      .all()
      .map((r) => (r as { n: number }).n);
  return { sql: sqliteSql(db), file, committed, commits: () => commits };
}

const insert = (sql: ReturnType<typeof sqliteSql>, n: number) =>
  sql.tx(async () => {
    await sql.run('INSERT INTO t (n) VALUES (?)', [n]);
    return n;
  });

describe('SQLite group commit', () => {
  it('transactions of one tick share one COMMIT, and each resolves only once it is committed', async () => {
    const { sql, committed, commits } = setup();
    const all = Promise.all([1, 2, 3].map((n) => insert(sql, n)));
    await Promise.resolve();
    expect(committed()).toEqual([]);
    expect(await all).toEqual([1, 2, 3]);
    expect(committed()).toEqual([1, 2, 3]);
    expect(commits()).toBe(1);
    await insert(sql, 4);
    expect(commits()).toBe(2);
  });

  it('a transaction that throws is rolled back alone; the others in its batch are stored', async () => {
    const { sql, committed } = setup();
    const failing = sql.tx(async () => {
      await sql.run('INSERT INTO t (n) VALUES (?)', [2]);
      throw new Error('refused');
    });
    const results = await Promise.allSettled([insert(sql, 1), failing, insert(sql, 3)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(committed()).toEqual([1, 3]);
  });

  it('a write outside tx resolves once committed; a constraint error rejects it alone', async () => {
    const { sql, committed } = setup();
    const writes = await Promise.allSettled([
      sql.run('INSERT INTO t (n) VALUES (?)', [1]),
      sql.run('INSERT INTO t (n) VALUES (?)', [1]),
      sql.get('INSERT INTO t (n) VALUES (?) RETURNING n', [2]),
    ]);
    expect(writes.map((w) => w.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(committed()).toEqual([1, 2]);
    expect(await sql.all('SELECT n FROM t')).toHaveLength(2);
  });

  it('close() commits what a batch holds (flush on close)', async () => {
    const { sql, file } = setup();
    const pending = [insert(sql, 1), insert(sql, 2)];
    await sql.close();
    await Promise.all(pending);
    const reopened = new Database(file, { readonly: true });
    opened.push(reopened);
    expect(reopened.prepare('SELECT count(*) AS c FROM t').get()).toEqual({ c: 2 });
  });

  it('no acknowledged write is lost when the process is killed mid-batch', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'svar-group-commit-kill-'));
    dirs.push(dir);
    const file = join(dir, 'kill.db');
    const child = fork(new URL('./test-support/group-commit-writer.ts', import.meta.url), [file], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const acked: number[] = [];
    await new Promise<void>((resolve) => {
      child.on('message', (n: number) => {
        acked.push(n);
        if (acked.length === 600) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((r) => child.once('exit', r));
    const db = new Database(file);
    opened.push(db);
    const stored = new Set(
      db
        .prepare('SELECT n FROM acked')
        .all()
        .map((r) => (r as { n: number }).n),
    );
    expect(acked.filter((n) => !stored.has(n))).toEqual([]);
  }, 60_000);
});
