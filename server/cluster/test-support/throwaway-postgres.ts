import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../test-support/redis.ts';

/** Debian's PostgreSQL binaries, newest version first. */
function pgBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

const BIN = pgBin();

/** Why PostgreSQL tests are skipped here, or undefined when the server binaries are installed. */
export const postgresMissing: string | undefined = BIN
  ? undefined
  : 'skipped: PostgreSQL is missing (apt-get install postgresql)';

export interface TestPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * A throwaway PostgreSQL: a fresh data folder in tmp, loopback only, fsync off. PostgreSQL refuses to run
 * as root, so under root (CI containers) it runs as the `postgres` user the Debian package creates.
 */
export async function startPostgres(): Promise<TestPostgres> {
  if (!BIN) throw new Error(postgresMissing);
  const dir = mkdtempSync(join(tmpdir(), 'svar-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const owner = process.getuid?.() === 0 ? postgresUser() : {};
  execFileSync(join(BIN, 'initdb'), ['-D', data, '-U', 'svar', '--auth=trust', '-E', 'UTF8', '--no-sync'], {
    stdio: 'pipe',
    ...owner,
  });
  const port = await freePort();
  const child = spawn(
    join(BIN, 'postgres'),
    ['-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', dir, '-c', 'fsync=off'],
    { stdio: ['ignore', 'pipe', 'pipe'], ...owner },
  );
  if (!(await ready(child))) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw new Error('PostgreSQL did not start');
  }
  return {
    url: `postgres://svar@127.0.0.1:${port}/postgres`,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          // SIGQUIT: immediate shutdown; the data folder is thrown away anyway.
          child.kill('SIGQUIT');
        });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

function ready(child: ChildProcess): Promise<boolean> {
  return new Promise((resolve) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('ready to accept connections')) done(true);
    };
    const done = (ok: boolean) => {
      clearTimeout(timer);
      child.stderr?.off('data', onData);
      child.stdout?.off('data', onData);
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), 30_000);
    child.stderr?.on('data', onData);
    child.stdout?.on('data', onData);
    child.once('exit', () => done(false));
  });
}
