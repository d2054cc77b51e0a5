import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LineCounter, parse, parseDocument } from 'yaml';
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

export interface CannedIssue {
  path: string;
  line: number;
  message: string;
}

/** Problems in a canned replies file with their lines, for the editor console; none when it is valid. */
export function checkCanned(text: string, path: string): CannedIssue[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError) {
    return [
      {
        path,
        line: lines.linePos(yamlError.pos[0]).line,
        message: `Not valid YAML: ${yamlError.message.split('\n')[0]}`,
      },
    ];
  }
  const parsed = cannedFile.safeParse(doc.toJS());
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => {
    // A missing field has no node of its own: point at the nearest enclosing one.
    let offset = 0;
    for (let depth = issue.path.length; depth >= 0; depth -= 1) {
      const node = doc.getIn(issue.path.slice(0, depth) as (string | number)[], true) as unknown;
      if (node && typeof node === 'object' && 'range' in node && Array.isArray(node.range)) {
        offset = Number(node.range[0]);
        break;
      }
    }
    return {
      path,
      line: lines.linePos(offset).line,
      message: `${issue.path.join('.') || 'the file'}: ${issue.message}`,
    };
  });
}
