import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KnowledgeFile, KnowledgeIssue } from '../types.ts';
import { parseKnowledgeFile, type ParsedKnowledgeFile } from './parse-knowledge-file.ts';

/** Files above this size are refused before parsing: no FAQ answer is this long, and YAML parsing is not free. */
export const MAX_KNOWLEDGE_FILE_BYTES = 256 * 1024;

/**
 * Folders that hold other things than live knowledge: drafts are not live until an editor publishes them,
 * and retired files wait in archive/.
 */
const IGNORED_DIRS = new Set(['drafts', 'archive', 'canned', 'node_modules']);
const IGNORED_FILES = new Set(['readme.md']);

export interface LoadedKnowledge {
  files: KnowledgeFile[];
  issues: KnowledgeIssue[];
  /** Paths of files that had errors, so a caller can keep their last good version. */
  brokenPaths: string[];
}

export async function listKnowledgeFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  // Paths are built as they are walked ("synthetic/" + name): path.relative per file costs more than the listing.
  const walk = async (dir: string, prefix: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      if (entry.isDirectory()) {
        if (!IGNORED_DIRS.has(entry.name)) await walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      } else if (
        entry.isFile() &&
        entry.name.endsWith('.md') &&
        !IGNORED_FILES.has(entry.name.toLowerCase())
      ) {
        found.push(`${prefix}${entry.name}`);
      }
    }
  };
  await walk(root, '');
  return found.sort();
}

const normaliseQuestion = (q: string): string =>
  q
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** A parsed file is reused while its text is unchanged, and so are its questions' keys. */
const keysOfFile = new WeakMap<KnowledgeFile, string[]>();
function questionKeys(file: KnowledgeFile): string[] {
  let keys = keysOfFile.get(file);
  if (!keys) keysOfFile.set(file, (keys = file.questions.map(normaliseQuestion)));
  return keys;
}

/**
 * Parse results by path, so a reload only parses files whose content changed, and only reads files whose
 * size or modification time changed (a reload of 5,000 files otherwise spends half a second reading).
 */
export type ParseCache = Map<string, FileText & { hash: string; today: string; parsed: ParsedKnowledgeFile }>;

/** A file's text with the size and modification time it was read at. */
type FileText = { text: string; size: number; mtimeMs: number };

/** Loads and validates every knowledge file in a folder and runs the checks that span files. */
export async function loadKnowledgeFolder(
  root: string,
  today: string,
  cache?: ParseCache,
): Promise<LoadedKnowledge> {
  const issues: KnowledgeIssue[] = [];
  const files: KnowledgeFile[] = [];
  const brokenPaths: string[] = [];
  const byId = new Map<string, KnowledgeFile>();
  const byQuestion = new Map<string, KnowledgeFile>();

  const paths = await listKnowledgeFiles(root);
  if (cache) {
    const live = new Set(paths);
    for (const path of [...cache.keys()]) if (!live.has(path)) cache.delete(path);
  }
  const texts = await readAll(root, paths, (path) => cache?.get(path));
  for (const [index, path] of paths.entries()) {
    const read = texts[index];
    if (!read || 'issue' in read) {
      if (read) issues.push(read.issue);
      brokenPaths.push(path);
      continue;
    }
    const { text, size, mtimeMs } = read;
    // The date is part of the key: a review date that passed overnight must become a warning.
    const cached = cache?.get(path);
    // A file whose size and time did not change comes back as the cached text itself: no need to hash it.
    const hash =
      cached && cached.text === text && cached.today === today
        ? cached.hash
        : createHash('sha256').update(text).update(today).digest('hex');
    const parsed = cached?.hash === hash ? cached.parsed : await parseKnowledgeFile(path, text, today);
    cache?.set(path, { hash, today, parsed, text, size, mtimeMs });
    issues.push(...parsed.issues);
    const file = parsed.file;
    if (!file) {
      brokenPaths.push(path);
      continue;
    }
    const clash = byId.get(file.id);
    if (clash) {
      issues.push({
        severity: 'error',
        code: 'id_duplicate',
        path,
        line: 2,
        message: `The id "${file.id}" is already used by ${clash.path}; ids must be unique.`,
      });
      brokenPaths.push(path);
      continue;
    }
    byId.set(file.id, file);
    const keys = questionKeys(file);
    file.questions.forEach((question, index) => {
      const key = keys[index] as string;
      const other = byQuestion.get(key);
      if (other && other.id !== file.id) {
        issues.push({
          severity: 'warning',
          code: 'question_duplicate',
          path,
          line: questionLine(text, question, index),
          message: `The alternative question "${question}" is also in ${other.path}; the bot cannot tell the two files apart on it.`,
        });
      } else {
        byQuestion.set(key, file);
      }
    });
    files.push(file);
  }
  return { files, issues, brokenPaths };
}

/** Files read at once: enough to keep libuv's file threads busy, few enough not to exhaust descriptors. */
const READ_CONCURRENCY = 32;
/**
 * Files looked at between two turns of the event loop. A reload looks at every file's size and time, and a
 * synchronous stat costs a few microseconds where a promise through libuv's thread pool costs five times the
 * CPU and waits for a thread: at 5,000 files that was most of a reload. Slices keep chats flowing meanwhile.
 */
const STAT_SLICE = 1024;

type ReadResult = FileText | { issue: KnowledgeIssue };

const unreadable = (path: string, error: unknown): { issue: KnowledgeIssue } => {
  const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unknown error';
  return {
    issue: {
      severity: 'error',
      code: 'file_unreadable',
      path,
      line: 1,
      message: `The file could not be read (${reason}).`,
    },
  };
};

/** Stats every file, then reads the new and changed ones in parallel batches. */
async function readAll(
  root: string,
  paths: readonly string[],
  known: (path: string) => FileText | undefined,
): Promise<ReadResult[]> {
  const results: ReadResult[] = [];
  const toRead: { index: number; size: number; mtimeMs: number }[] = [];
  for (let start = 0; start < paths.length; start += STAT_SLICE) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    for (let index = start; index < Math.min(paths.length, start + STAT_SLICE); index += 1) {
      const path = paths[index] as string;
      let info: { size: number; mtimeMs: number };
      try {
        info = statSync(join(root, path));
      } catch (error) {
        results[index] = unreadable(path, error);
        continue;
      }
      const { size, mtimeMs } = info;
      const before = known(path);
      if (before && before.size === size && before.mtimeMs === mtimeMs) {
        results[index] = { text: before.text, size, mtimeMs };
      } else if (size > MAX_KNOWLEDGE_FILE_BYTES) {
        results[index] = {
          issue: {
            severity: 'error',
            code: 'file_too_large',
            path,
            line: 1,
            message: `The file is ${Math.round(size / 1024)} KB; knowledge files may be at most ${MAX_KNOWLEDGE_FILE_BYTES / 1024} KB.`,
          },
        };
      } else toRead.push({ index, size, mtimeMs });
    }
  }
  for (let start = 0; start < toRead.length; start += READ_CONCURRENCY) {
    await Promise.all(
      toRead.slice(start, start + READ_CONCURRENCY).map(async ({ index, size, mtimeMs }) => {
        const path = paths[index] as string;
        try {
          results[index] = { text: await readFile(join(root, path), 'utf8'), size, mtimeMs };
        } catch (error) {
          results[index] = unreadable(path, error);
        }
      }),
    );
  }
  return results;
}

function questionLine(text: string, question: string, index: number): number {
  const lines = text.split(/\r?\n/);
  const at = lines.findIndex((line) => line.includes(question));
  if (at >= 0) return at + 1;
  const start = lines.findIndex((line) => /^questions\s*:/.test(line));
  return start >= 0 ? start + 2 + index : 1;
}
