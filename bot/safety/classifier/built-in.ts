import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseHandoverModel, type HandoverModel } from './handover-model.ts';

/** Trained by `npm run train-handover` from the labelled sets in eval/datasets (see bot/README.md). */
export const BUILT_IN_MODEL_PATH = fileURLToPath(new URL('./handover-model.json', import.meta.url));

let loading: Promise<HandoverModel> | undefined;

/** Read once per process: environments are rebuilt on every knowledge reload, the model does not change. */
export function builtInHandoverModel(): Promise<HandoverModel> {
  loading ??= readFile(BUILT_IN_MODEL_PATH, 'utf8').then((text) => {
    const parsed = parseHandoverModel(text);
    // Shipped with the code and checked by its tests: a broken one is a broken installation, not bad input.
    if (!parsed.ok) throw new Error(`${BUILT_IN_MODEL_PATH}: ${parsed.error}`);
    return parsed.model;
  });
  return loading;
}
