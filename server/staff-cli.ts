/**
 * Staff accounts: `npm run staff -- add <username> --name <First> --role agent|editor|admin [--password …]`,
 * `list`, `password <username>`, `disable <username>`, `enable <username>`. Without --password the password
 * is asked for (hidden) or read from the first line of standard input.
 */
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { hashPassword, MIN_PASSWORD_LENGTH, scryptCost } from './auth/password.ts';
import { announceSessionsRevoked } from './cluster/index.ts';
import { ConfigError, loadConfig } from './config/load.ts';
import type { RevokedSessions } from './handover/notifier.ts';
import { connectStore, type Store } from './store/store.ts';
import { STAFF_ROLES, type StaffRole } from './store/staff.ts';

const MIN_PASSWORD = MIN_PASSWORD_LENGTH;

/** Reads one line per prompt from one interface, so piped input ("pw\npw\n") reaches every prompt. */
function askLines(prompts: readonly string[]): Promise<string[]> {
  return new Promise((resolve) => {
    const rl = createInterface({
      input: process.stdin,
      output: process.stdout,
      terminal: process.stdin.isTTY,
    });
    const answers: string[] = [];
    const ask = (): void => {
      if (process.stdin.isTTY) process.stdout.write(prompts[answers.length] ?? '');
    };
    if (process.stdin.isTTY) {
      // Hide what is typed.
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
    }
    rl.on('line', (line) => {
      answers.push(line);
      if (process.stdin.isTTY) process.stdout.write('\n');
      if (answers.length === prompts.length) {
        rl.close();
        resolve(answers);
      } else ask();
    });
    rl.once('close', () => resolve(answers));
    ask();
  });
}

/** Asked twice when typed, since a typo in a hidden password would lock the account out at once. */
async function password(given: string | undefined): Promise<string> {
  let value = given;
  if (value === undefined) {
    const [first = '', again] = await askLines(['Password: ', 'Password again: ']);
    if (first !== again) throw new InvalidArgumentError('the two passwords differ; nothing was changed');
    value = first;
  }
  if (value.length < MIN_PASSWORD)
    throw new InvalidArgumentError(`the password needs at least ${MIN_PASSWORD} characters`);
  return value;
}

async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const config = loadConfig();
  // The same database the server uses: PostgreSQL when SVAR_DATABASE_URL (or the config) names one.
  const store = await connectStore({
    sqliteFile: join(config.paths.dataDir, 'svar.db'),
    databaseUrl: config.database.url,
    poolSize: 1,
  });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** Several nodes: their open consoles of this account close now, not at their next session check. */
async function announce(store: Store, username: string): Promise<void> {
  const staff = await store.staff.credentials(username);
  if (!staff) return;
  const revoked: RevokedSessions = { staffId: staff.id };
  try {
    await announceSessionsRevoked(loadConfig().redis, revoked, {
      info: () => {},
      warn: (m) => console.error(m),
      error: (m) => console.error(m),
    });
  } catch (error) {
    // The change is stored; without Redis the consoles notice at their next session check.
    console.error(`staff: could not tell the other nodes (${(error as Error).message})`);
  }
}

const audit = (store: Store, action: string, target: string) =>
  store.audit.log({ actor: 'cli', action, target, details: null, at: new Date().toISOString() });

const program = new Command('staff').description('Manage Svar staff accounts');

program
  .command('add <username>')
  .requiredOption('--name <first>', 'first name shown to citizens')
  .requiredOption('--role <role>', 'agent, editor or admin', (v) => {
    if (!(STAFF_ROLES as readonly string[]).includes(v))
      throw new InvalidArgumentError('use agent, editor or admin');
    return v as StaffRole;
  })
  .option('--password <password>', 'password (prompted for when left out)')
  .action(async (username: string, o: { name: string; role: StaffRole; password?: string }) => {
    if (!/^[\w.@-]{2,64}$/.test(username))
      throw new InvalidArgumentError('usernames are 2-64 letters, digits, . _ @ -');
    const hash = await hashPassword(
      await password(o.password),
      scryptCost(loadConfig().session.passwordCost),
    );
    await withStore(async (store) => {
      if (await store.staff.credentials(username)) throw new Error(`"${username}" already exists`);
      await store.staff.create({
        username,
        displayName: o.name,
        role: o.role,
        passwordHash: hash,
        at: new Date().toISOString(),
      });
      await audit(store, 'staff_added', username);
    });
    console.log(`Added ${o.role} ${username} (${o.name}).`);
  });

program.command('list').action(() =>
  withStore(async (store) => {
    for (const s of await store.staff.list()) {
      console.log(`${s.username}\t${s.displayName}\t${s.role}${s.disabled ? '\t(disabled)' : ''}`);
    }
  }),
);

program
  .command('password <username>')
  .option('--password <password>')
  .action(async (username: string, o: { password?: string }) => {
    const hash = await hashPassword(
      await password(o.password),
      scryptCost(loadConfig().session.passwordCost),
    );
    await withStore(async (store) => {
      if (!(await store.staff.setPassword(username, hash))) throw new Error(`no staff member "${username}"`);
      await audit(store, 'password_changed', username);
      await announce(store, username);
    });
    console.log(`Password changed for ${username}.`);
  });

for (const [name, disabled] of [
  ['disable', true],
  ['enable', false],
] as const) {
  program.command(`${name} <username>`).action((username: string) =>
    withStore(async (store) => {
      if (!(await store.staff.setDisabled(username, disabled)))
        throw new Error(`no staff member "${username}"`);
      await audit(store, disabled ? 'staff_disabled' : 'staff_enabled', username);
      if (disabled) await announce(store, username);
      console.log(`${username} ${disabled ? 'disabled' : 'enabled'}.`);
    }),
  );
}

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `staff: ${(error as Error).message}`);
  process.exitCode = 1;
});
