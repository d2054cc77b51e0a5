import type { Client } from '@botpress/client';
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { KnowledgeFile } from '../../knowledge/index.ts';

/** Every file Svar uploads carries this tag, so publishing never touches files the bot got elsewhere. */
export const SOURCE_TAG = { source: 'svar' } as const;
const KEY_PREFIX = 'svar/';

export interface PublishFile {
  id: string;
  key: string;
  content: string;
  tags: Record<string, string>;
  hash: string;
}

export interface RemoteFile {
  id: string;
  key: string;
  hash?: string;
}

export interface PublishPlan {
  upload: Array<PublishFile & { change: 'new' | 'changed' }>;
  unchanged: PublishFile[];
  remove: RemoteFile[];
}

export const keyOf = (fileId: string): string => `${KEY_PREFIX}${fileId}.md`;

/**
 * The document Botpress indexes: the title as a heading over the editor's Markdown, and the link in the
 * text too, since Botpress answers from the text it retrieved. Tags carry what Svar routes by.
 */
export function publishableFile(file: KnowledgeFile): PublishFile {
  const content = `# ${file.title}\n\n${file.body.trim()}\n${file.link ? `\n${file.link}\n` : ''}`;
  const tags: Record<string, string> = {
    ...SOURCE_TAG,
    id: file.id,
    lang: file.lang,
    ...(file.owner ? { owner: file.owner } : {}),
    ...(file.link ? { link: file.link } : {}),
  };
  const hash = createHash('sha256')
    .update(content)
    .update(JSON.stringify(Object.entries(tags).sort(([a], [b]) => a.localeCompare(b))))
    .digest('hex')
    .slice(0, 32);
  return { id: file.id, key: keyOf(file.id), content, tags: { ...tags, svarHash: hash }, hash };
}

/** Every file this Svar published before, page by page. */
export async function listPublished(client: Client): Promise<RemoteFile[]> {
  const found: RemoteFile[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.listFiles({ tags: { ...SOURCE_TAG }, ...(nextToken ? { nextToken } : {}) });
    for (const f of page.files) {
      found.push({ id: f.id, key: f.key, ...(f.tags.svarHash ? { hash: f.tags.svarHash } : {}) });
    }
    nextToken = page.meta.nextToken;
  } while (nextToken);
  return found;
}

/**
 * What a publish would do. A file that failed the knowledge check keeps its last published copy: broken on
 * disk is not the same as removed, and the Botpress bot should go on answering from the good version.
 */
export function planPublish(
  local: readonly PublishFile[],
  remote: readonly RemoteFile[],
  brokenPaths: readonly string[] = [],
): PublishPlan {
  const remoteByKey = new Map(remote.map((r) => [r.key, r]));
  const keep = new Set([...local.map((f) => f.key), ...brokenPaths.map((p) => keyOf(basename(p, '.md')))]);
  const plan: PublishPlan = { upload: [], unchanged: [], remove: [] };
  for (const file of local) {
    const existing = remoteByKey.get(file.key);
    if (!existing) plan.upload.push({ ...file, change: 'new' });
    else if (existing.hash !== file.hash) plan.upload.push({ ...file, change: 'changed' });
    else plan.unchanged.push(file);
  }
  plan.remove = remote.filter((r) => !keep.has(r.key));
  return plan;
}

export interface PublishProgress {
  done: number;
  total: number;
  action: 'uploaded' | 'deleted';
  key: string;
}

export interface PublishResult {
  uploaded: number;
  deleted: number;
  failed?: { key: string; error: unknown };
}

/**
 * Uploads, then deletes. It stops at the first failure (after the client's own retries): since unchanged
 * files are skipped by hash, running the command again resumes where this run stopped.
 */
export async function runPublish(
  client: Client,
  plan: PublishPlan,
  onProgress: (p: PublishProgress) => void = () => undefined,
): Promise<PublishResult> {
  const total = plan.upload.length + plan.remove.length;
  const result: PublishResult = { uploaded: 0, deleted: 0 };
  let done = 0;
  for (const file of plan.upload) {
    try {
      await client.uploadFile({
        key: file.key,
        content: file.content,
        contentType: 'text/markdown',
        index: true,
        tags: file.tags,
      });
    } catch (error) {
      return { ...result, failed: { key: file.key, error } };
    }
    result.uploaded++;
    onProgress({ done: ++done, total, action: 'uploaded', key: file.key });
  }
  for (const file of plan.remove) {
    try {
      await client.deleteFile({ id: file.id });
    } catch (error) {
      return { ...result, failed: { key: file.key, error } };
    }
    result.deleted++;
    onProgress({ done: ++done, total, action: 'deleted', key: file.key });
  }
  return result;
}
