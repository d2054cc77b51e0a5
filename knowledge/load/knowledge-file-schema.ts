import { z } from 'zod';
import { LANGS } from '../types.ts';

export const KNOWN_FIELDS = [
  'id',
  'title',
  'lang',
  'tags',
  'questions',
  'link',
  'owner',
  'review',
  'learned',
] as const;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written as YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), 'is not a real calendar date');

/** Front matter as editors write it. Messages are sentences, because editors read them. */
export const knowledgeFrontMatterSchema = z.object({
  id: z
    .string({ error: 'is missing' })
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case: lower-case letters, digits and hyphens'),
  title: z
    .string({ error: 'must be text' })
    .trim()
    .min(1, 'must not be empty')
    .max(200, 'is longer than 200 characters'),
  lang: z.enum(LANGS, { error: `must be one of ${LANGS.join(', ')}` }),
  // YAML reads a tag like 1813 (a helpline) or 2027 as a number; an editor meant the word.
  tags: z
    .array(
      z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().trim().min(1)),
      { error: 'must be a list of words' },
    )
    .max(30)
    .default([]),
  questions: z
    .array(z.string().trim().min(3, 'has an alternative question that is too short').max(300), {
      error: 'must be a list of questions',
    })
    .max(50)
    .default([]),
  /**
   * Wordings citizens used, added when an editor approved them in the learning inbox (issue 17). They count as
   * alternative questions, but a guide stays a guide: only `questions` decides the kind.
   */
  learned: z
    .array(z.string().trim().min(3, 'has a learned wording that is too short').max(300), {
      error: 'must be a list of wordings',
    })
    .max(200)
    .default([]),
  link: z
    .string({ error: 'must be a web address' })
    .refine(
      (value) => /^https?:\/\/[^\s/$.?#].[^\s]*$/i.test(value),
      'must be a web address starting with http:// or https://',
    )
    .optional(),
  owner: z
    .string({ error: 'must be a department id' })
    .regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, 'must be a department id in lower case, e.g. oppvekst')
    .optional(),
  review: z.union([isoDate, z.date().transform((d) => d.toISOString().slice(0, 10))]).optional(),
});

export type KnowledgeFrontMatter = z.infer<typeof knowledgeFrontMatterSchema>;
