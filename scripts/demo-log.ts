/**
 * `npm run demo-log -- [--data ./data] [--days 28] [--end YYYY-MM-DD] [--seed N] [--force]`: fills a data
 * folder with weeks of demo chat traffic produced by the real server, so that `npm start` and /stats have
 * something to show. Refuses a data folder that already holds conversations unless --force.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { runDemoLog, type DemoLogOptions, type DemoLogResult } from './demo-log/run.ts';

export { DemoLogRefused, runDemoLog, DEMO_PASSWORD } from './demo-log/run.ts';
export type { DemoLogOptions, DemoLogResult } from './demo-log/run.ts';

const wholeNumber = (min: number, max: number) => (value: string) => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new InvalidArgumentError(`use ${min}–${max}`);
  return n;
};

export function demoLogCommand(run: (o: DemoLogOptions) => Promise<void>): Command {
  return new Command('demo-log')
    .description('Fill a Svar data folder with four weeks of demo chat traffic, made by the real server')
    .option('--data <dir>', 'data folder to fill', './data')
    .option('--days <n>', 'number of days, ending yesterday (or --end)', wholeNumber(1, 366), 28)
    .option('--end <date>', 'last day, YYYY-MM-DD (default: yesterday)')
    .option('--seed <n>', 'seed for the random choices', wholeNumber(0, 2 ** 31), 2026)
    .option('--force', 'add to a data folder that already holds conversations', false)
    .action((o: { data: string; days: number; end?: string; seed: number; force: boolean }) =>
      run({
        dataDir: o.data,
        days: o.days,
        seed: o.seed,
        force: o.force,
        ...(o.end ? { end: o.end } : {}),
      }),
    );
}

export function summary(r: DemoLogResult, dataOption: string): string {
  const t = r.tally;
  const startHint =
    resolve(dataOption) === resolve('./data') ? 'npm start' : `SVAR_DATA_DIR=${r.dataDir} npm start`;
  return [
    `Demo traffic ${r.from} – ${r.to} written to ${r.dataDir}:`,
    `  ${t.conversations} conversations, ${t.questions} questions to the bot, ${t.feedback} feedback clicks`,
    `  ${t.handovers} handovers: ${t.chatsHandled} chats handled by the agent, ${t.abandoned} left the queue, ` +
      `${t.closedPageWaiting} closed the page while waiting, ${t.offlineForms} offered the offline form`,
    `  ${t.tickets} offline messages, ${t.ticketsAnswered} answered (${r.mailsSent} by e-mail to a local sink; nothing was sent out)`,
    'Demo accounts (a demo password: change it or disable the accounts before real use):',
    `  agent  ${r.accounts.agent} / ${r.accounts.password}`,
    `  admin  ${r.accounts.admin} / ${r.accounts.password}`,
    `Then: ${startHint}, open /stats and log in as ${r.accounts.admin}.`,
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const program = demoLogCommand(async (o) => {
    const result = await runDemoLog({
      ...o,
      ...(process.env.SVAR_CONFIG ? { configFile: resolve(process.env.SVAR_CONFIG) } : {}),
      log: (line) => console.error(line),
    });
    console.log(summary(result, o.dataDir));
  });
  await program.parseAsync().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  });
}
