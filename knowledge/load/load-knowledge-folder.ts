import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
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
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!IGNORED_DIRS.has(entry.name)) await walk(full);
      } else if (
        entry.isFile() &&
        entry.name.endsWith('.md') &&
        !IGNORED_FILES.has(entry.name.toLowerCase())
      ) {
        found.push(relative(root, full).split(sep).join('/'));
      }
    }
  };
  await walk(root);
  return found.sort();
}

const normaliseQuestion = (q: string): string =>
  q
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

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
    file.questions.forEach((question, index) => {
      const key = normaliseQuestion(question);
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

type ReadResult = FileText | { issue: KnowledgeIssue };

/** Reads the files in parallel batches; a reload of thousands of files is otherwise one disk round-trip at a time. */
async function readAll(
  root: string,
  paths: readonly string[],
  known: (path: string) => FileText | undefined,
): Promise<ReadResult[]> {
  const results: ReadResult[] = [];
  for (let start = 0; start < paths.length; start += READ_CONCURRENCY) {
    const batch = paths.slice(start, start + READ_CONCURRENCY);
    results.push(...(await Promise.all(batch.map((path) => readOne(join(root, path), path, known(path))))));
  }
  return results;
}

async function readOne(full: string, path: string, known: FileText | undefined): Promise<ReadResult> {
  try {
    const info = await stat(full);
    const { size, mtimeMs } = info;
    if (known && known.size === size && known.mtimeMs === mtimeMs) return { text: known.text, size, mtimeMs };
    if (info.size > MAX_KNOWLEDGE_FILE_BYTES) {
      return {
        issue: {
          severity: 'error',
          code: 'file_too_large',
          path,
          line: 1,
          message: `The file is ${Math.round(info.size / 1024)} KB; knowledge files may be at most ${MAX_KNOWLEDGE_FILE_BYTES / 1024} KB.`,
        },
      };
    }
    return { text: await readFile(full, 'utf8'), size, mtimeMs };
  } catch (error) {
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
  }
}

function questionLine(text: string, question: string, index: number): number {
  const lines = text.split(/\r?\n/);
  const at = lines.findIndex((line) => line.includes(question));
  if (at >= 0) return at + 1;
  const start = lines.findIndex((line) => /^questions\s*:/.test(line));
  return start >= 0 ? start + 2 + index : 1;
}
