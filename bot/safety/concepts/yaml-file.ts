import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import type { z } from 'zod';

/** Shaped like a knowledge issue, so policy.yaml's problems can be reported with the knowledge folder's. */
export interface DataFileIssue<C extends string = string> {
  severity: 'error' | 'warning';
  code: C;
  path: string;
  /** 1-based. */
  line: number;
  message: string;
}

/** A YAML data file parsed and validated, with a way to find the line of any path in it. */
export interface YamlFile<T, C extends string = string> {
  data?: T;
  issues: DataFileIssue<C>[];
  /** Line of the node at `path` (or its nearest parent that exists). */
  lineOf(path: readonly PropertyKey[], key?: string): number;
}

const MAX_BYTES = 1024 * 1024;

export function describePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'the top level';
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))
    .join('.')
    .replace(/\.\[/g, '[');
}

/** Line of the node at `path` (or of the key `key` inside it); climbs to the parent when a node is missing. */
export function lineIn(doc: Document, lc: LineCounter, path: readonly PropertyKey[], key?: string): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as unknown[], true);
    if (key !== undefined && depth === path.length && isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
      const start = isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
      if (start !== undefined) return lc.linePos(start).line;
    }
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return lc.linePos(range[0]).line;
  }
  return 1;
}

/**
 * Parses `text` as YAML and checks it against `schema`. Every problem comes back as an issue with the file's
 * path, the line and a stable code, never as an exception.
 */
export function parseYamlFile<T, C extends string>(
  text: string,
  file: string,
  code: C,
  schema: z.ZodType<T>,
): YamlFile<T, C> {
  const issue = (line: number, message: string): DataFileIssue<C> => ({
    severity: 'error',
    code,
    path: file,
    line: Math.max(1, line),
    message,
  });
  if (Buffer.byteLength(text, 'utf8') > MAX_BYTES) {
    return { issues: [issue(1, `larger than ${MAX_BYTES / 1024} KB`)], lineOf: () => 1 };
  }
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: true, uniqueKeys: true });
  const lineOf = (path: readonly PropertyKey[], key?: string) => lineIn(doc, lc, path, key);
  if (doc.errors.length > 0) {
    return {
      issues: doc.errors.map((e) =>
        issue(
          e.linePos?.[0]?.line ?? 1,
          `YAML syntax: ${(e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`,
        ),
      ),
      lineOf,
    };
  }
  const parsed = schema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    return {
      issues: parsed.error.issues.map((i) =>
        i.code === 'unrecognized_keys'
          ? issue(
              lineOf(i.path, i.keys[0]),
              `unknown key "${i.keys.join('", "')}" at ${describePath(i.path)}`,
            )
          : issue(lineOf(i.path), `${describePath(i.path)}: ${i.message}`),
      ),
      lineOf,
    };
  }
  return { data: parsed.data, issues: [], lineOf };
}
