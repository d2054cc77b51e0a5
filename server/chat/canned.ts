import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Logger } from '../log.ts';
import type { CannedResponse, ChatLang } from '../protocol.ts';

const cannedFile = z.strictObject({
  responses: z.array(
    z.strictObject({ id: z.string().min(1), title: z.string().min(1), text: z.string().min(1).max(4000) }),
  ),
});

/**
 * Staff's ready-made replies from `<knowledgeDir>/canned/<lang>.yaml`, read on each request so editors'
 * changes show without a restart. A missing file means none; a broken one is logged and gives none.
 */
export async function loadCanned(
  knowledgeDir: string,
  lang: ChatLang,
  log: Logger,
): Promise<CannedResponse[]> {
  const file = join(knowledgeDir, 'canned', `${lang}.yaml`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log.warn(`cannot read ${file}`, error);
    return [];
  }
  try {
    const parsed = cannedFile.safeParse(parse(text));
    if (parsed.success) return parsed.data.responses;
    log.warn(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  } catch (error) {
    log.warn(`${file}: not valid YAML`, error);
  }
  return [];
}
