import { z } from 'zod';

/**
 * The handover classifier's training corpus (eval/training/handover/*.jsonl): messages written for training by
 * writers who never saw the rules or the labelled sets, one JSON object a line. The labelled sets in
 * eval/datasets measure the bot and are never trained on.
 */
export const CORPUS_LABELS = [
  'crisis',
  'pii',
  'personal',
  'complaint',
  'sensitive',
  'human_request',
  'none',
] as const;
export type CorpusLabel = (typeof CORPUS_LABELS)[number];

const MAX_LINE_CHARS = 20_000;

export const corpusLineSchema = z
  .object({
    id: z.string().trim().min(1).max(100),
    lang: z.enum(['nb', 'nn', 'da', 'sv', 'en']),
    text: z.string().trim().min(1).max(5000),
    label: z.enum(CORPUS_LABELS),
    /** Earlier messages of the same citizen, oldest first. */
    context: z.array(z.string().max(5000)).max(10).optional(),
  })
  .strict();
export type CorpusLine = z.infer<typeof corpusLineSchema>;

export interface CorpusIssue {
  path: string;
  line: number;
  message: string;
}

/** Every line checked; a bad line is reported with its file and line and left out, never half-read. */
export function parseCorpus(
  text: string,
  path: string,
  seen: Set<string> = new Set(),
): { rows: CorpusLine[]; issues: CorpusIssue[] } {
  const rows: CorpusLine[] = [];
  const issues: CorpusIssue[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    if (!raw.trim()) return;
    if (raw.length > MAX_LINE_CHARS) {
      issues.push({ path, line, message: `longer than ${MAX_LINE_CHARS} characters` });
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      issues.push({ path, line, message: 'not valid JSON' });
      return;
    }
    const parsed = corpusLineSchema.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      issues.push({
        path,
        line,
        message: `${first?.path.join('.') || 'line'}: ${first?.message ?? 'invalid'}`,
      });
      return;
    }
    if (seen.has(parsed.data.id)) {
      issues.push({ path, line, message: `id "${parsed.data.id}" is used twice` });
      return;
    }
    seen.add(parsed.data.id);
    rows.push(parsed.data);
  });
  return { rows, issues };
}
