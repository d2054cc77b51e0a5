import { realpath } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/** What a path in the knowledge folder holds, which decides how it is validated and whether it is live. */
export type EditableKind = 'knowledge' | 'draft' | 'retired' | 'glossary' | 'policy' | 'canned';

export interface KnowledgePath {
  /** Relative to the knowledge folder, forward slashes. */
  path: string;
  kind: EditableKind;
  /** The file name's id, for Markdown files. */
  id?: string;
}

export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const FOLDER = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;
const RESERVED = new Set(['drafts', 'archive', 'canned']);
const CANNED = /^canned\/(nb|nn|da|en)\.yaml$/;
const MAX_PATH = 200;

/**
 * Parses an editor's path: only the shapes the knowledge folder uses, so "..", absolute paths, backslashes,
 * dot-files and other extensions never get as far as the file system. Returns undefined when refused.
 */
export function parseKnowledgePath(input: string): KnowledgePath | undefined {
  if (input.length === 0 || input.length > MAX_PATH) return undefined;
  if (input === 'glossary.yaml') return { path: input, kind: 'glossary' };
  if (input === 'policy.yaml') return { path: input, kind: 'policy' };
  if (CANNED.test(input)) return { path: input, kind: 'canned' };
  const parts = input.split('/');
  const name = parts.pop() ?? '';
  if (!name.endsWith('.md')) return undefined;
  const id = name.slice(0, -3);
  if (id.length > 80 || !ID_PATTERN.test(id)) return undefined;
  if (parts.length === 0 || parts.length > 4 || !parts.every((p) => FOLDER.test(p))) return undefined;
  const top = parts[0];
  if (top === 'drafts') return parts.length === 1 ? { path: input, kind: 'draft', id } : undefined;
  if (top === 'archive') return parts.length >= 2 ? { path: input, kind: 'retired', id } : undefined;
  if (parts.some((p) => RESERVED.has(p))) return undefined;
  return { path: input, kind: 'knowledge', id };
}

/** A department folder name for publishing a draft. */
export const isFolderName = (name: string): boolean =>
  name.length <= 40 && FOLDER.test(name) && !RESERVED.has(name);

/**
 * The absolute path, checked once more after symbolic links are followed: a link inside the knowledge folder
 * must not lead an editor's save outside it.
 */
export async function resolveInside(root: string, path: string): Promise<string> {
  const full = resolve(root, path);
  const realRoot = await realpath(root);
  let parent = dirname(full);
  // The file, or even its folder, may not exist yet: check the nearest folder that does.
  for (;;) {
    try {
      parent = await realpath(parent);
      break;
    } catch {
      const up = dirname(parent);
      if (up === parent) break;
      parent = up;
    }
  }
  const rel = relative(realRoot, parent);
  if (rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) {
    throw Object.assign(new Error(`${path} leads outside the knowledge folder`), { code: 'path_outside' });
  }
  return full;
}
