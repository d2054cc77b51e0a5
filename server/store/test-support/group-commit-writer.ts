/**
 * The process sqlite-driver.test.ts kills: stores numbered rows through the store's driver, several
 * transactions per tick, and reports each number once its `tx` has resolved (what the server acknowledges).
 */
import { openDatabase } from '../db.ts';
import { sqliteSql } from '../sqlite-driver.ts';

const sql = sqliteSql(openDatabase(process.argv[2]!));
await sql.run('CREATE TABLE IF NOT EXISTS acked (n INTEGER PRIMARY KEY, body TEXT NOT NULL)');
let n = 0;
const write = async (): Promise<void> => {
  const mine = ++n;
  await sql.tx(async () => {
    await sql.run('INSERT INTO acked (n, body) VALUES (?, ?)', [mine, 'x'.repeat(200)]);
  });
  process.send?.(mine);
};
for (;;) {
  await Promise.all([write(), write(), write()]);
  await new Promise((r) => setImmediate(r));
}
