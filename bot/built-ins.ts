import { serialize } from 'node:v8';
import { HANDOVER_MODEL_FILE, parseBuiltInHandoverModel, toBuiltIn } from './safety/classifier/built-in.ts';
import { parseBuiltInSafetyData, SAFETY_DATA_FILE } from './safety/lexicons.ts';

/**
 * What the build writes beside the bundle: each file's name, the value it stands for and its bytes, in V8's
 * own format (it keeps Maps and typed arrays). The handover model goes as its scoring table (feature names
 * and one Float64Array), not as 60,000 small arrays: reading those back cost more than parsing the JSON.
 */
export async function botBuiltIns(): Promise<{ name: string; value: unknown; bytes: Buffer }[]> {
  const safety = parseBuiltInSafetyData();
  const model = await parseBuiltInHandoverModel();
  return [
    { name: SAFETY_DATA_FILE, value: safety, bytes: serialize(safety) },
    { name: HANDOVER_MODEL_FILE, value: model, bytes: serialize(toBuiltIn(model)) },
  ];
}
