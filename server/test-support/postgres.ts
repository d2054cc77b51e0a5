import { spawn, spawnSync, type SpawnOptions } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway PostgreSQL for tests: initdb into a temporary folder, a server on a free loopback port with its
 * socket in that folder, one database; `stop()` shuts it down and deletes everything. Uses the Debian
 * binaries (/usr/lib/postgresql/<version>/bin). PostgreSQL refuses to run as root, so as root it runs as the
 * `postgres` user the package creates. Without the binaries, `findPostgres()` says why and tests skip.
 */
export interface TestPostgres {
  /** postgres://… for pg and for SVAR_DATABASE_URL. */
  url: string;
  port: number;
  /** Another empty database on the same server (a separate "deployment"). */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

const PG_ROOT = '/usr/lib/postgresql';

/** The newest installed PostgreSQL's bin folder, or why there is none. */
export function findPostgres(): { bin: string } | { missing: string } {
  if (!existsSync(PG_ROOT))
    return { missing: `PostgreSQL is not installed (${PG_ROOT} missing; apt install postgresql)` };
  const versions = readdirSync(PG_ROOT)
    .filter((v) => /^\d+$/.test(v) && existsSync(join(PG_ROOT, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  const v = versions[0];
  return v ? { bin: join(PG_ROOT, v, 'bin') } : { missing: `no initdb under ${PG_ROOT}/*/bin` };
}

/** A message for `describe.skipIf`, or undefined when PostgreSQL tests can run here. */
export function postgresMissing(): string | undefined {
  const found = findPostgres();
  if ('missing' in found) return found.missing;
  if (process.getuid?.() === 0 && runAs() === undefined)
    return 'running as root and no `postgres` user to run the server as';
  return undefined;
}

function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const r = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (r.status !== 0 || g.status !== 0) return undefined;
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function run(cmd: string, args: string[], o: SpawnOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...o, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err.trim()}`)),
    );
  });
}

export async function startPostgres(): Promise<TestPostgres> {
  const found = findPostgres();
  if ('missing' in found) throw new Error(found.missing);
  const bin = (name: string) => join(found.bin, name);
  const dir = mkdtempSync(join(tmpdir(), 'svar-pg-'));
  const data = join(dir, 'data');
  const user = runAs();
  const as: SpawnOptions = user ? { uid: user.uid, gid: user.gid } : {};
  if (user) {
    chownSync(dir, user.uid, user.gid);
    chmodSync(dir, 0o700);
  }
  const role = user ? 'postgres' : userInfo().username;
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, 'svar-test\n', { mode: 0o600 });
  if (user) chownSync(pwfile, user.uid, user.gid);
  await run(
    bin('initdb'),
    [
      '-D',
      data,
      '-U',
      role,
      '--pwfile',
      pwfile,
      '-A',
      'scram-sha-256',
      '-E',
      'UTF8',
      '--no-sync',
      '--locale=C',
    ],
    as,
  );
  const port = await freePort();
  // Fast and throwaway: no fsync, no listening beyond loopback, the socket in our own folder.
  const options = `-p ${port} -k ${dir} -h 127.0.0.1 -F -c max_connections=200 -c shared_buffers=16MB`;
  await run(
    bin('pg_ctl'),
    ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '60', 'start'],
    as,
  );
  const base = `postgres://${encodeURIComponent(role)}:svar-test@127.0.0.1:${port}`;
  const createDatabase = async (name: string): Promise<string> => {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: `${base}/postgres` });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
    } finally {
      await client.end();
    }
    return `${base}/${name}`;
  };
  const url = await createDatabase('svar');
  let stopped = false;
  return {
    url,
    port,
    createDatabase,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await run(bin('pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], as);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
