import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { readBuiltInFile } from '../../built-in-file.ts';
import { parseHandoverModel, type HandoverModel } from './handover-model.ts';

/** Trained by `npm run train-handover` from the labelled sets in eval/datasets (see bot/README.md). */
export const BUILT_IN_MODEL_PATH = fileURLToPath(new URL('./handover-model.json', import.meta.url));

let loading: Promise<HandoverModel> | undefined;

/** Read once per process: environments are rebuilt on every knowledge reload, the model does not change. */
export function builtInHandoverModel(): Promise<HandoverModel> {
  // The build checked it against the schema (bot/built-ins.ts): what is left of a start is JSON.parse.
  if (!loading) {
    const checked = readBuiltInFile(HANDOVER_MODEL_FILE);
    loading = checked
      ? Promise.resolve(JSON.parse(checked.toString('utf8')) as HandoverModel)
      : parseBuiltInHandoverModel();
  }
  return loading;
}

/** The built-in model as the build leaves it checked (bot/built-ins.ts). */
export const HANDOVER_MODEL_FILE = 'handover-model.json';

export async function parseBuiltInHandoverModel(): Promise<HandoverModel> {
  const parsed = parseHandoverModel(await readFile(BUILT_IN_MODEL_PATH, 'utf8'));
  // Shipped with the code and checked by its tests: a broken one is a broken installation, not bad input.
  if (!parsed.ok) throw new Error(`${BUILT_IN_MODEL_PATH}: ${parsed.error}`);
  return parsed.model;
}
