import { LineCounter, parseDocument, isMap, isScalar } from 'yaml';

export interface FrontMatterProblem {
  line: number;
  message: string;
  kind: 'missing' | 'yaml';
}

export interface FrontMatter {
  data: unknown;
  /** 1-based line of each top-level key in the source file, so field errors can point at it. */
  keyLines: Map<string, number>;
  /** 1-based line where the body starts. */
  bodyLine: number;
  body: string;
}

const FENCE = /^---\s*$/;

/**
 * Splits `---` fenced YAML front matter from the Markdown body. Lines are counted in the whole file, not in
 * the YAML block, because editors read error messages against the file they have open.
 */
export function readFrontMatter(
  text: string,
): { ok: true; value: FrontMatter } | { ok: false; problem: FrontMatterProblem } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? '')) {
    return {
      ok: false,
      problem: {
        line: 1,
        kind: 'missing',
        message: 'The file must start with a front matter block between two "---" lines.',
      },
    };
  }
  const end = lines.findIndex((line, i) => i > 0 && FENCE.test(line));
  if (end === -1) {
    return {
      ok: false,
      problem: {
        line: 1,
        kind: 'missing',
        message: 'The front matter block is never closed with a "---" line.',
      },
    };
  }
  const yamlText = lines.slice(1, end).join('\n');
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const firstError = doc.errors[0];
  if (firstError) {
    const line = lineCounter.linePos(firstError.pos[0]).line + 1;
    const detail = firstError.message.split('\n')[0] ?? 'invalid YAML';
    return {
      ok: false,
      problem: {
        line,
        kind: 'yaml',
        message: `The front matter is not valid YAML (${detail.replace(/[.\s]+$/, '')}).`,
      },
    };
  }
  const keyLines = new Map<string, number>();
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      if (isScalar(pair.key) && pair.key.range) {
        keyLines.set(String(pair.key.value), lineCounter.linePos(pair.key.range[0]).line + 1);
      }
    }
  }
  return {
    ok: true,
    value: {
      data: doc.toJS() as unknown,
      keyLines,
      bodyLine: end + 2,
      body: lines.slice(end + 1).join('\n'),
    },
  };
}
