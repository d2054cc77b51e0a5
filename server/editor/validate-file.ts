import {
  MAX_KNOWLEDGE_FILE_BYTES,
  parseGlossary,
  parseKnowledgeFile,
  type KnowledgeIssue,
  type Retriever,
} from '../../knowledge/index.ts';
import { checkCanned } from '../chat/canned.ts';
import type { KnowledgePath } from './knowledge-path.ts';

export interface FileIssue {
  severity: 'error' | 'warning';
  code: string;
  path: string;
  line: number;
  message: string;
}

/**
 * Validates a file as the loader would, before it is saved: the same parser and messages with line numbers,
 * plus what only shows across files (an id another file already has).
 */
export async function validateFile(
  at: KnowledgePath,
  text: string,
  o: { retriever: Retriever; validatePolicy?: (text: string) => KnowledgeIssue[]; today: string },
): Promise<FileIssue[]> {
  if (Buffer.byteLength(text) > MAX_KNOWLEDGE_FILE_BYTES) {
    return [
      {
        severity: 'error',
        code: 'file_too_large',
        path: at.path,
        line: 1,
        message: `Files may be at most ${MAX_KNOWLEDGE_FILE_BYTES / 1024} KB.`,
      },
    ];
  }
  switch (at.kind) {
    case 'glossary':
      return parseGlossary(text, at.path).issues;
    case 'policy':
      return o.validatePolicy?.(text) ?? [];
    case 'canned':
      return checkCanned(text, at.path).map((i) => ({ severity: 'error', code: 'canned_invalid', ...i }));
    default: {
      const parsed = await parseKnowledgeFile(at.path, text, o.today);
      const issues: FileIssue[] = [...parsed.issues];
      const clash = parsed.file ? o.retriever.file(parsed.file.id) : undefined;
      if (at.kind === 'knowledge' && clash && clash.path !== at.path) {
        issues.push({
          severity: 'error',
          code: 'id_duplicate',
          path: at.path,
          line: 2,
          message: `The id "${clash.id}" is already used by ${clash.path}; ids must be unique.`,
        });
      }
      return issues;
    }
  }
}
