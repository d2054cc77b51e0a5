import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { deserialize } from 'node:v8';
import { readBuiltInFile } from '../../built-in-file.ts';
import { CompiledHandoverModel } from './compiled-model.ts';
import { parseHandoverModel, type HandoverModel } from './handover-model.ts';

/** Trained by `npm run train-handover` from the labelled sets in eval/datasets (see bot/README.md). */
export const BUILT_IN_MODEL_PATH = fileURLToPath(new URL('./handover-model.json', import.meta.url));

let loading: Promise<HandoverModel> | undefined;

/** Read once per process: environments are rebuilt on every knowledge reload, the model does not change. */
export function builtInHandoverModel(): Promise<HandoverModel> {
  // The build checked it against the schema and made its scoring table (bot/built-ins.ts).
  if (!loading) {
    const built = readBuiltInFile(HANDOVER_MODEL_FILE);
    loading = built
      ? Promise.resolve(fromBuiltIn(deserialize(built) as BuiltInHandoverModel))
      : parseBuiltInHandoverModel();
  }
  return loading;
}

/** The built-in model as the build leaves it: checked, with its scoring table made (bot/built-ins.ts). */
export const HANDOVER_MODEL_FILE = 'handover-model.v8';

export interface BuiltInHandoverModel {
  head: Omit<HandoverModel, 'features'>;
  names: string[];
  table: Float64Array;
}

export function toBuiltIn(model: HandoverModel): BuiltInHandoverModel {
  const { features: _features, ...head } = model;
  return { head, ...CompiledHandoverModel.of(model).exportTable() };
}

export function fromBuiltIn(built: BuiltInHandoverModel): HandoverModel {
  return CompiledHandoverModel.fromTable(built.head, built.names, built.table);
}

export async function parseBuiltInHandoverModel(): Promise<HandoverModel> {
  const parsed = parseHandoverModel(await readFile(BUILT_IN_MODEL_PATH, 'utf8'));
  // Shipped with the code and checked by its tests: a broken one is a broken installation, not bad input.
  if (!parsed.ok) throw new Error(`${BUILT_IN_MODEL_PATH}: ${parsed.error}`);
  return parsed.model;
}
