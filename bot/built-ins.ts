import { serialize } from 'node:v8';
import { HANDOVER_MODEL_FILE, parseBuiltInHandoverModel } from './safety/classifier/built-in.ts';
import { parseBuiltInSafetyData, SAFETY_DATA_FILE } from './safety/lexicons.ts';

/**
 * What the build writes beside the bundle: each file's name, the value it stands for and its bytes. The
 * handover model stays JSON (checked here, so a start only runs JSON.parse): V8's deserializer is slower
 * than JSON.parse on tens of thousands of small arrays. The safety data holds Maps: V8's own format keeps them.
 */
export async function botBuiltIns(): Promise<{ name: string; value: unknown; bytes: Buffer }[]> {
  const safety = parseBuiltInSafetyData();
  const model = await parseBuiltInHandoverModel();
  return [
    { name: SAFETY_DATA_FILE, value: safety, bytes: serialize(safety) },
    { name: HANDOVER_MODEL_FILE, value: model, bytes: Buffer.from(JSON.stringify(model)) },
  ];
}
