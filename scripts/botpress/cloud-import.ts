import type { Client } from '@botpress/client';
import type { DraftInput } from '../../server/editor/draft-file.ts';
import type { NotMapped } from './qna-to-drafts.ts';

const TEXT_TYPES = new Set(['text/markdown', 'text/plain', 'text/x-markdown']);
const LANGS = new Set<string>(['nb', 'nn', 'da', 'en', 'sv']);
/** A knowledge-base document larger than this is a manual, not an answer; it is reported, not imported. */
export const MAX_DOCUMENT_BYTES = 256 * 1024;

export interface CloudImport {
  drafts: Array<DraftInput & { source: string }>;
  notMapped: NotMapped[];
}

interface CloudFile {
  id: string;
  key: string;
  contentType: string;
  size: number | null;
  status: string;
  tags: Record<string, string>;
}

async function listAll(client: Client, tags: Record<string, string>): Promise<CloudFile[]> {
  const files: CloudFile[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.listFiles({ tags, ...(nextToken ? { nextToken } : {}) });
    files.push(...page.files);
    nextToken = page.meta.nextToken;
  } while (nextToken);
  return files;
}

/**
 * A Markdown or text document from a Botpress Cloud knowledge base as a Svar draft: its first `# ` heading
 * (or file name) is the title, tags give language, owner and link. Documents with `##` sections become
 * guides, answered section by section; the editor adds alternative questions to the others.
 */
export function documentToDraft(
  file: Pick<CloudFile, 'key' | 'tags'>,
  text: string,
  defaultLang: DraftInput['lang'],
): DraftInput & { source: string } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const headingAt = lines.findIndex((l) => /^#\s+\S/.test(l));
  const name =
    file.key
      .split('/')
      .pop()
      ?.replace(/\.[a-z]+$/i, '') ?? file.key;
  const title = (
    headingAt >= 0 ? lines[headingAt]!.replace(/^#\s+/, '') : name.replace(/[-_]+/g, ' ')
  ).trim();
  let body = (headingAt >= 0 ? lines.filter((_, i) => i !== headingAt) : lines).join('\n').trim();
  const link = file.tags.link;
  // What Svar itself published ends with its link line; the link lives in the front matter instead.
  if (link && body.endsWith(link)) body = body.slice(0, -link.length).trim();
  const lang = LANGS.has(file.tags.lang ?? '') ? (file.tags.lang as DraftInput['lang']) : defaultLang;
  return {
    source: file.key,
    question: title,
    title: title.slice(0, 200),
    lang,
    answer: body,
    guide: /^##\s+\S/m.test(body),
    ...(link?.startsWith('https://') ? { link } : {}),
    ...(file.tags.owner && /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/.test(file.tags.owner)
      ? { owner: file.tags.owner }
      : {}),
  };
}

export async function importFromCloud(
  client: Client,
  options: {
    tags?: Record<string, string>;
    defaultLang: DraftInput['lang'];
    review: string;
    timeoutMs?: number;
  },
): Promise<CloudImport> {
  const result: CloudImport = { drafts: [], notMapped: [] };
  for (const listed of await listAll(client, options.tags ?? {})) {
    const textual =
      TEXT_TYPES.has(listed.contentType.split(';')[0]!.trim()) || /\.(md|txt)$/i.test(listed.key);
    if (!textual) {
      result.notMapped.push({
        item: listed.key,
        kind: 'rich_content',
        detail: `${listed.contentType} documents are not imported; copy the text into a file by hand`,
      });
      continue;
    }
    if (listed.status !== 'upload_completed' || (listed.size ?? 0) > MAX_DOCUMENT_BYTES) {
      result.notMapped.push({
        item: listed.key,
        kind: 'no_answer',
        detail: listed.status !== 'upload_completed' ? `upload is ${listed.status}` : 'larger than 256 KB',
      });
      continue;
    }
    const { file } = await client.getFile({ id: listed.id });
    const response = await fetch(file.url, { signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) });
    if (!response.ok) throw new Error(`downloading ${listed.key} failed: HTTP ${response.status}`);
    const draft = documentToDraft(listed, await response.text(), options.defaultLang);
    result.drafts.push({ ...draft, review: options.review });
  }
  return result;
}
