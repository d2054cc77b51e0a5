/**
 * `npm run botpress -- import <export.json> | import --cloud | publish [--dry-run]`: moving knowledge between
 * Svar and Botpress. Imports land in drafts/ for an editor to review; publishing uploads the live knowledge
 * files to a Botpress Cloud bot's knowledge base. The bot and token come from the config or SVAR_BOTPRESS_*,
 * never from the command line, so they stay out of shell history.
 */
import { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadKnowledgeFolder } from '../knowledge/index.ts';
import { loadConfig } from '../server/config/load.ts';
import { writeDraft, type DraftInput } from '../server/editor/draft-file.ts';
import { importFromCloud } from './botpress/cloud-import.ts';
import { botpressClient, connectionFrom, describeBotpressError } from './botpress/connection.ts';
import { listPublished, planPublish, publishableFile, runPublish } from './botpress/publish.ts';
import { qnaToDrafts, type NotMapped } from './botpress/qna-to-drafts.ts';
import { parseV12Export } from './botpress/v12-export.ts';

const today = (): string => new Date().toISOString().slice(0, 10);
const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const program = new Command('botpress')
  .description('Import knowledge from Botpress into drafts/, or publish Svar knowledge to Botpress Cloud')
  .option('--knowledge <dir>', 'knowledge folder (default: paths.knowledgeDir from the config)')
  .option('--json', 'machine-readable output');

function knowledgeDir(): string {
  const given = program.opts<{ knowledge?: string }>().knowledge;
  return given ? resolve(given) : loadConfig().paths.knowledgeDir;
}

const json = (): boolean => program.opts<{ json?: boolean }>().json === true;

function client() {
  return botpressClient(connectionFrom(loadConfig().botpress), {
    onRetry: (attempt, why) => process.stderr.write(`retrying (${attempt}) after ${why}\n`),
  });
}

async function writeDrafts(
  dir: string,
  drafts: Array<DraftInput & { source: string }>,
  notMapped: NotMapped[],
): Promise<void> {
  const written: Array<{ source: string; path: string }> = [];
  for (const { source, ...draft } of drafts) {
    const { path } = await writeDraft(dir, draft);
    written.push({ source, path });
  }
  if (json()) {
    console.log(JSON.stringify({ written, notMapped }, null, 2));
    return;
  }
  for (const w of written) console.log(`wrote ${w.path}  (from ${w.source})`);
  console.log(
    `\n${written.length} draft file(s) in ${resolve(dir, 'drafts')}: read them, then move them into a department folder.`,
  );
  if (notMapped.length) {
    console.log(`\nNot mapped (${notMapped.length}):`);
    for (const n of notMapped) console.log(`  ${n.item}  ${n.kind}  ${n.detail}`);
  }
}

program
  .command('import')
  .description(
    'Botpress v12 Q&A export (JSON file) or, with --cloud, a Botpress Cloud knowledge base → drafts/',
  )
  .argument('[file]', 'the JSON file the v12 admin exported')
  .option('--cloud', 'read the knowledge base of the configured Botpress Cloud bot')
  .option('--owner <department>', 'owner for the imported files')
  .option('--lang <lang>', 'language of Cloud documents without a lang tag', 'nb')
  .option('--tag <key=value...>', 'only Cloud files with these tags')
  .action(
    async (
      file: string | undefined,
      o: { cloud?: boolean; owner?: string; lang: string; tag?: string[] },
    ) => {
      const dir = knowledgeDir();
      const review = inDays(90);
      if (o.cloud) {
        if (!['nb', 'nn', 'da', 'en', 'sv'].includes(o.lang))
          throw new Error(`--lang must be nb, nn, da, en or sv`);
        const tags = Object.fromEntries((o.tag ?? []).map((t) => t.split('=', 2) as [string, string]));
        const found = await importFromCloud(client(), {
          tags,
          defaultLang: o.lang as DraftInput['lang'],
          review,
        });
        await writeDrafts(dir, found.drafts, found.notMapped);
        return;
      }
      if (!file) throw new Error('name the exported JSON file, or use --cloud');
      const items = parseV12Export(await readFile(resolve(file), 'utf8'));
      const mapped = qnaToDrafts(items, { review, ...(o.owner ? { owner: o.owner } : {}) });
      await writeDrafts(dir, mapped.drafts, mapped.notMapped);
    },
  );

program
  .command('publish')
  .description('upload the live knowledge files to the Botpress Cloud bot, delete what Svar no longer has')
  .option('--dry-run', 'show what would change, change nothing')
  .action(async (o: { dryRun?: boolean }) => {
    const loaded = await loadKnowledgeFolder(knowledgeDir(), today());
    const bp = client();
    const plan = planPublish(loaded.files.map(publishableFile), await listPublished(bp), loaded.brokenPaths);
    const changed = plan.upload.filter((f) => f.change === 'changed').length;
    const summary = `${plan.upload.length - changed} new, ${changed} changed, ${plan.unchanged.length} unchanged, ${plan.remove.length} to delete`;
    if (loaded.brokenPaths.length) {
      process.stderr.write(
        `${loaded.brokenPaths.length} file(s) with errors keep their last published copy: ${loaded.brokenPaths.join(', ')}\n`,
      );
    }
    if (o.dryRun) {
      if (json())
        console.log(
          JSON.stringify(
            {
              dryRun: true,
              upload: plan.upload.map((f) => ({ key: f.key, change: f.change })),
              remove: plan.remove.map((f) => f.key),
              unchanged: plan.unchanged.length,
            },
            null,
            2,
          ),
        );
      else {
        for (const f of plan.upload) console.log(`would upload ${f.key} (${f.change})`);
        for (const f of plan.remove) console.log(`would delete ${f.key}`);
        console.log(`dry run: ${summary}`);
      }
      return;
    }
    const result = await runPublish(bp, plan, (p) =>
      process.stderr.write(`[${p.done}/${p.total}] ${p.action} ${p.key}\n`),
    );
    if (json())
      console.log(
        JSON.stringify(
          {
            ...result,
            failed: result.failed && {
              key: result.failed.key,
              error: describeBotpressError(result.failed.error),
            },
            unchanged: plan.unchanged.length,
          },
          null,
          2,
        ),
      );
    else
      console.log(
        `published: ${result.uploaded} uploaded, ${result.deleted} deleted, ${plan.unchanged.length} unchanged`,
      );
    if (result.failed) {
      process.stderr.write(
        `stopped at ${result.failed.key}: ${describeBotpressError(result.failed.error)}\nRun the command again to resume: unchanged files are skipped.\n`,
      );
      process.exitCode = 1;
    }
  });

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`botpress: ${describeBotpressError(error)}\n`);
  process.exitCode = 1;
});
