/**
 * `npm run models -- pull | status | make-tiny`: fetch the embedding model where the hub is reachable,
 * see what is installed, and make the tiny test model the dense path is tested with.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import {
  DEFAULT_MODEL_ID,
  listInstalledModels,
  pullModel,
  writeTinyModel,
  type InstalledModel,
} from '../knowledge/dense/index.ts';

const DEFAULT_MODELS_DIR = process.env.SVAR_MODELS_DIR ?? 'models';

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

function positiveNumber(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new InvalidArgumentError('expected a positive number');
  return number;
}

async function markdownTexts(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  const files = entries
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => join(e.parentPath, e.name));
  return Promise.all(files.map((file) => readFile(file, 'utf8')));
}

const program = new Command('models').description('Embedding models for Svar’s dense retrieval');

program
  .command('pull')
  .description('download the embedding model into the models folder (needs access to the model hub)')
  .option('--model <id>', 'model id on the hub', DEFAULT_MODEL_ID)
  .option('--dir <path>', 'models folder', DEFAULT_MODELS_DIR)
  .option('--host <url>', 'model hub or mirror', undefined)
  .option('--timeout <seconds>', 'give up when the hub is silent this long', positiveNumber, 30)
  .action(async (options: { model: string; dir: string; host?: string; timeout: number }) => {
    const result = await pullModel({
      modelId: options.model,
      modelsDir: options.dir,
      timeoutMs: options.timeout * 1000,
      ...(options.host ? { remoteHost: options.host } : {}),
      onProgress: (message) => console.log(message),
    });
    if (!result.ok) {
      console.error(`Could not download ${options.model}: ${result.reason}.`);
      process.exitCode = 1;
      return;
    }
    console.log(
      result.alreadyPresent
        ? `${options.model} is already installed in ${result.folder} (${result.dtype}, ${megabytes(result.bytes)}).`
        : `${options.model} is ready (${result.dtype}, ${megabytes(result.bytes)}).`,
    );
  });

program
  .command('status')
  .description('list the models installed in the models folder')
  .option('--model <id>', 'the configured model id', DEFAULT_MODEL_ID)
  .option('--dir <path>', 'models folder', DEFAULT_MODELS_DIR)
  .option('--json', 'machine-readable output')
  .action(async (options: { model: string; dir: string; json?: boolean }) => {
    const models = await listInstalledModels(options.dir);
    const configured = models.find((m) => m.modelId === options.model);
    if (options.json) {
      const report = {
        modelsDir: options.dir,
        configured: { modelId: options.model, installed: configured !== undefined },
        models: models.map((m: InstalledModel) => ({ ...m })),
      };
      console.log(JSON.stringify(report, null, 2));
      return;
    }
    if (models.length === 0) console.log(`No models in ${options.dir}/.`);
    for (const m of models) {
      const mark = m.modelId === options.model ? '  (configured)' : '';
      console.log(`${m.modelId.padEnd(36)} ${m.dtype.padEnd(5)} ${megabytes(m.bytes).padStart(10)}${mark}`);
    }
    console.log(
      configured
        ? `Configured model ${options.model} is installed: dense retrieval is available.`
        : `Configured model ${options.model} is not installed: Svar runs in lexical-only mode (run: npm run models -- pull).`,
    );
  });

program
  .command('make-tiny')
  .description('write the tiny test model (svar/tiny-e5) that the dense path is tested and benchmarked with')
  .option('--dir <path>', 'models folder', DEFAULT_MODELS_DIR)
  .option('--knowledge <path>', 'knowledge folder whose words become the vocabulary', 'knowledge/sample')
  .option('--dimensions <n>', 'vector width', positiveNumber, 32)
  .action(async (options: { dir: string; knowledge: string; dimensions: number }) => {
    const texts = await markdownTexts(options.knowledge);
    const tiny = await writeTinyModel(options.dir, { texts, dimensions: Math.round(options.dimensions) });
    console.log(
      `Wrote ${tiny.modelId} to ${tiny.folder} (${tiny.vocabSize} tokens from ${texts.length} files, ${tiny.dimensions} dimensions).`,
    );
  });

await program.parseAsync();
