import { z } from 'zod';
import { HANDOVER_REASONS } from '../bot/index.ts';
import { LANGS } from '../knowledge/index.ts';

export const EXPECTATIONS = ['answer', 'handover', 'fallback', 'smalltalk'] as const;
export type Expectation = (typeof EXPECTATIONS)[number];

/** Lines longer than this are refused before JSON parsing. */
export const MAX_LINE_CHARS = 8_000;

const questionSchema = z
  .object({
    id: z.string().min(1).max(64),
    lang: z.enum(LANGS),
    text: z.string().min(1).max(2_000),
    expect: z.enum(EXPECTATIONS),
    faq: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    reason: z.enum(HANDOVER_REASONS).optional(),
    /** Earlier citizen messages in the same chat, for follow-up questions. */
    context: z.array(z.string().min(1).max(2_000)).max(5).optional(),
    note: z.string().optional(),
  })
  .superRefine((q, ctx) => {
    if (q.expect === 'answer' && q.faq === undefined)
      ctx.addIssue({ code: 'custom', message: 'an answer question needs "faq"' });
    if (q.expect === 'handover' && q.reason === undefined) {
      ctx.addIssue({ code: 'custom', message: 'a handover question needs "reason"' });
    }
  });

export interface EvalQuestion {
  id: string;
  lang: (typeof LANGS)[number];
  text: string;
  expect: Expectation;
  /** Acceptable file ids (empty unless expect is answer). */
  faq: string[];
  reason?: (typeof HANDOVER_REASONS)[number];
  context: string[];
  /** 1-based line in the question file. */
  line: number;
}

export interface DatasetProblem {
  line: number;
  severity: 'error' | 'skipped';
  message: string;
}

/**
 * Parses a JSON Lines question file. Lines that don't parse are reported with their number and skipped; a
 * `faq` that is not in the knowledge base is an error, because the figures would silently be wrong.
 */
export function parseQuestions(
  text: string,
  /** Omit to accept any `faq` id (training the handover model needs only texts and labels). */
  knownFileIds?: ReadonlySet<string>,
): { questions: EvalQuestion[]; problems: DatasetProblem[] } {
  const questions: EvalQuestion[] = [];
  const problems: DatasetProblem[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith('//')) return;
    if (trimmed.length > MAX_LINE_CHARS) {
      problems.push({
        line,
        severity: 'skipped',
        message: `line is longer than ${MAX_LINE_CHARS} characters`,
      });
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch {
      problems.push({ line, severity: 'skipped', message: 'not valid JSON' });
      return;
    }
    const parsed = questionSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.push({
        line,
        severity: 'skipped',
        message: `${issue?.path.join('.') || 'line'}: ${issue?.message ?? 'invalid'}`,
      });
      return;
    }
    const q = parsed.data;
    if (seen.has(q.id)) {
      problems.push({ line, severity: 'skipped', message: `duplicate id ${q.id}` });
      return;
    }
    seen.add(q.id);
    const faq = q.faq === undefined ? [] : Array.isArray(q.faq) ? q.faq : [q.faq];
    const unknown = knownFileIds ? faq.filter((id) => !knownFileIds.has(id)) : [];
    if (unknown.length > 0) {
      problems.push({
        line,
        severity: 'error',
        message: `${q.id}: faq ${unknown.join(', ')} is not in the knowledge base`,
      });
      return;
    }
    questions.push({
      id: q.id,
      lang: q.lang,
      text: q.text,
      expect: q.expect,
      faq,
      ...(q.reason ? { reason: q.reason } : {}),
      context: q.context ?? [],
      line,
    });
  });
  return { questions, problems };
}
