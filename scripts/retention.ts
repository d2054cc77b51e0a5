/**
 * `npm run retention [-- --data DIR]`: deletes personal data past its retention period now, as the server's
 * own job does every few hours (server/privacy/retention.ts), and prints what it deleted.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { loadConfig } from '../server/config/load.ts';
import type { Config } from '../server/config/schema.ts';
import { consoleLogger, type Logger } from '../server/log.ts';
import { runRetention, type RetentionResult } from '../server/privacy/index.ts';
import { openStore } from '../server/store/store.ts';

export async function retentionNow(
  config: Config,
  o: { data?: string; now?: Date; log?: Logger } = {},
): Promise<RetentionResult> {
  const file = join(resolve(o.data ?? config.paths.dataDir), 'svar.db');
  if (!existsSync(file)) throw new Error(`no database at ${file} (give the data folder with --data)`);
  const store = openStore(file);
  try {
    return await runRetention(store, {
      conversationTextDays: config.retention.conversationTextDays,
      eventDays: config.retention.eventsDays,
      now: o.now ?? new Date(),
      log: o.log ?? consoleLogger,
      actor: 'cli',
    });
  } finally {
    await store.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const program = new Command('retention')
    .description('Delete conversation text and events past their retention period')
    .option('--data <dir>', 'data folder holding svar.db (default: from the config)')
    .action(async (o: { data?: string }) => {
      const config = loadConfig();
      const result = await retentionNow(config, o);
      console.log(JSON.stringify(result, null, 2));
    });
  program.parseAsync().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  });
}
