import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import type { KnowledgeIssue } from '../../knowledge/index.ts';
import type { Logger } from '../log.ts';
import type { CannedResponse, ChatLang } from '../protocol.ts';

const cannedFile = z.strictObject({
  responses: z.array(
    z.strictObject({ id: z.string().min(1), title: z.string().min(1), text: z.string().min(1).max(4000) }),
  ),
});

type Parsed = { ok: true; responses: CannedResponse[] } | { ok: false; issue: KnowledgeIssue };

/** `canned/<lang>.yaml`, relative to the knowledge folder as editors see it. */
export const cannedPath = (lang: ChatLang): string => `canned/${lang}.yaml`;

/** A canned file's replies, or the first problem in it with its line. */
export function parseCanned(text: string, path: string): Parsed {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const issue = (code: KnowledgeIssue['code'], line: number, message: string): Parsed => ({
    ok: false,
    issue: { severity: 'error', code, path, line: Math.max(1, line), message },
  });
  const yamlError = doc.errors[0];
  if (yamlError) return issue('yaml_invalid', yamlError.linePos?.[0]?.line ?? 1, yamlError.message);
  const parsed = cannedFile.safeParse(doc.toJS());
  if (parsed.success) return { ok: true, responses: parsed.data.responses };
  const first = parsed.error.issues[0]!;
  let line = 1;
  for (let depth = first.path.length; depth > 0; depth--) {
    const node = doc.getIn(first.path.slice(0, depth), true) as
      { range?: [number, number, number] } | undefined;
    if (node?.range) {
      line = lc.linePos(node.range[0]).line;
      break;
    }
  }
  return issue('field_invalid', line, `${first.path.join('.') || 'file'}: ${first.message}`);
}

/**
 * The last good replies of each canned file this server has read: a file broken while editing keeps serving
 * its previous version instead of none, and the problem is shown to editors (see cannedIssues).
 */
const lastGood = new Map<string, CannedResponse[]>();

/**
 * Staff's ready-made replies from `<knowledgeDir>/canned/<lang>.yaml`, read on each request so editors'
 * changes show without a restart. A missing file means none; a broken one is logged and keeps the last good
 * version read since start (none if it was broken from the start).
 */
export async function loadCanned(
  knowledgeDir: string,
  lang: ChatLang,
  log: Logger,
): Promise<CannedResponse[]> {
  const file = join(knowledgeDir, cannedPath(lang));
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      lastGood.delete(file);
      return [];
    }
    log.warn(`cannot read ${file}`, error);
    return lastGood.get(file) ?? [];
  }
  const parsed = parseCanned(text, cannedPath(lang));
  if (parsed.ok) {
    lastGood.set(file, parsed.responses);
    return parsed.responses;
  }
  const kept = lastGood.get(file);
  log.warn(
    `${file}:${parsed.issue.line}: ${parsed.issue.message}` +
      (kept ? ` (keeping the last good version, ${kept.length} replies)` : ''),
  );
  return kept ?? [];
}

/** Problems in the canned files of these languages, for the editor console's status. */
export async function cannedIssues(
  knowledgeDir: string,
  langs: readonly ChatLang[],
): Promise<KnowledgeIssue[]> {
  const issues: KnowledgeIssue[] = [];
  for (const lang of langs) {
    let text: string;
    try {
      text = await readFile(join(knowledgeDir, cannedPath(lang)), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        issues.push({
          severity: 'error',
          code: 'file_unreadable',
          path: cannedPath(lang),
          line: 1,
          message: 'the file cannot be read',
        });
      }
      continue;
    }
    const parsed = parseCanned(text, cannedPath(lang));
    if (!parsed.ok) issues.push(parsed.issue);
  }
  return issues;
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
