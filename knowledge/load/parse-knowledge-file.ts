import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { KnowledgeFile, KnowledgeIssue, KnowledgeIssueCode } from '../types.ts';
import { readFrontMatter } from './front-matter.ts';
import { KNOWN_FIELDS, knowledgeFrontMatterSchema } from './knowledge-file-schema.ts';
import { buildPassages, hasSections } from './passages.ts';

const FIELD_CODES: Partial<Record<string, KnowledgeIssueCode>> = {
  id: 'id_missing',
  lang: 'lang_unknown',
  link: 'link_invalid',
};

export interface ParsedKnowledgeFile {
  file?: KnowledgeFile;
  issues: KnowledgeIssue[];
}

/**
 * Parses one knowledge file. Never throws: every problem becomes an issue with the file's path and line, so
 * editors see all of them at once and one broken file cannot stop the others from loading.
 */
export async function parseKnowledgeFile(
  path: string,
  text: string,
  today: string,
): Promise<ParsedKnowledgeFile> {
  const issues: KnowledgeIssue[] = [];
  const issue = (
    severity: KnowledgeIssue['severity'],
    code: KnowledgeIssueCode,
    line: number,
    message: string,
  ) => issues.push({ severity, code, path, line, message });

  const front = readFrontMatter(text);
  if (!front.ok) {
    issue(
      'error',
      front.problem.kind === 'yaml' ? 'yaml_invalid' : 'front_matter_missing',
      front.problem.line,
      front.problem.message,
    );
    return { issues };
  }
  const { data, keyLines, body, bodyLine } = front.value;
  const lineOf = (key: string | undefined): number => (key && keyLines.get(key)) || 2;

  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    issue('error', 'yaml_invalid', 2, 'The front matter must be a list of "field: value" lines.');
    return { issues };
  }
  for (const key of Object.keys(data)) {
    if (!(KNOWN_FIELDS as readonly string[]).includes(key)) {
      issue(
        'warning',
        'field_unknown',
        lineOf(key),
        `Unknown field "${key}" is ignored (known: ${KNOWN_FIELDS.join(', ')}).`,
      );
    }
  }
  const parsed = knowledgeFrontMatterSchema.safeParse(data);
  if (!parsed.success) {
    for (const problem of parsed.error.issues) {
      const field = typeof problem.path[0] === 'string' ? problem.path[0] : undefined;
      const missing = field !== undefined && !(field in data);
      const code: KnowledgeIssueCode =
        field === 'id' && !missing
          ? 'field_invalid'
          : ((field ? FIELD_CODES[field] : undefined) ?? 'field_invalid');
      const message = missing
        ? `The field "${field}" is missing.`
        : `The field "${field ?? '?'}" ${problem.message}.`;
      issue('error', code, lineOf(field), message);
    }
  }
  const fileName = posix.basename(path, '.md');
  if (parsed.success && parsed.data.id !== fileName) {
    issue(
      'error',
      'id_filename_mismatch',
      lineOf('id'),
      `The id "${parsed.data.id}" must equal the file name "${fileName}".`,
    );
  }
  if (!body.trim()) {
    issue('error', 'body_empty', bodyLine, 'The answer text after the front matter is empty.');
  }
  if (parsed.success && parsed.data.review !== undefined && parsed.data.review < today) {
    issue(
      'warning',
      'review_passed',
      lineOf('review'),
      `The review date ${parsed.data.review} has passed: check the content and set a new date.`,
    );
  }
  if (!parsed.success || issues.some((i) => i.severity === 'error')) return { issues };

  const meta = parsed.data;
  const kind = meta.questions.length === 0 && hasSections(body) ? 'guide' : 'faq';
  const questions = [...meta.questions, ...meta.learned.filter((w) => !meta.questions.includes(w))];
  const file: KnowledgeFile = {
    id: meta.id,
    path,
    title: meta.title,
    lang: meta.lang,
    tags: meta.tags,
    questions,
    ...(meta.link === undefined ? {} : { link: meta.link }),
    ...(meta.owner === undefined ? {} : { owner: meta.owner }),
    ...(meta.review === undefined ? {} : { review: meta.review }),
    kind,
    body: body.trim(),
    bodyLine,
    passages: await buildPassages({
      fileId: meta.id,
      kind,
      title: meta.title,
      questions,
      body,
    }),
    hash: createHash('sha256').update(text).digest('hex'),
  };
  return { file, issues };
}
