import { z } from 'zod';

/** Languages with a built-in concept file. All of them are checked for every message. */
export const SAFETY_LANGS = ['nb', 'nn', 'da', 'sv', 'en'] as const;
export type SafetyLang = (typeof SAFETY_LANGS)[number];

/** Reasons a rule can give. Handover reasons first, in the order decide() checks them. */
export const RULE_REASONS = ['crisis', 'pii', 'human_request', 'complaint', 'personal', 'sensitive'] as const;
export type RuleReason = (typeof RULE_REASONS)[number];

/** Plain phrase lists that are not safety concepts but share the matcher (small talk, injection, …). */
export const LIST_REASONS = [
  'injection',
  'out_of_scope',
  'smalltalk_hello',
  'smalltalk_thanks',
  'smalltalk_bye',
  'smalltalk_ack',
  /** Asking whether this is a bot or a person. */
  'smalltalk_bot',
  /** Openers of general how-to questions; they switch off weak concepts and rules. */
  'general_question',
] as const;
export type ListReason = (typeof LIST_REASONS)[number];

const name = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'names are lower case letters, digits and _ ("self_harm")')
  .max(60);
const phrase = z.string().trim().min(1, 'empty phrase').max(200, 'phrase longer than 200 characters');
const phrases = z.array(phrase).max(2000);

/** `concepts/<lang>.yaml`: the words of each concept in one language, and the plain lists. */
export const languageFileSchema = z
  .object({
    lang: z.enum(SAFETY_LANGS),
    concepts: z.record(name, phrases),
    lists: z.partialRecord(z.enum(LIST_REASONS), phrases).optional(),
    /** Everyday words one typo away from a safety word, never read as that typo ("breeding", "bleeding"). */
    protected: z.array(z.string().trim().regex(/^\S+$/, 'one word each').max(60)).max(500).optional(),
  })
  .strict();
export type LanguageFile = z.infer<typeof languageFileSchema>;

const ruleSchema = z
  .object({
    id: name,
    reason: z.enum(RULE_REASONS),
    /** Every one of these concepts must be in the message. */
    all: z.array(name).min(1).max(6),
    /** In this order. */
    ordered: z.boolean().optional(),
    /** All of them within this many words (from the first word of the first to the last of the last). */
    within: z.number().int().min(1).max(40).optional(),
    /** Not when any of these concepts is in the message. */
    unless: z.array(name).max(20).optional(),
    /** Ignored in general how-to questions and keyword searches. Crisis rules are never weak. */
    weak: z.boolean().optional(),
    note: z.string().max(300).optional(),
  })
  .strict()
  .refine((r) => !(r.weak && r.reason === 'crisis'), {
    message: 'a crisis rule is never weak',
    path: ['weak'],
  });
export type Rule = z.infer<typeof ruleSchema>;

/** `concepts/rules.yaml`: how concepts combine, the same in every language. */
export const rulesFileSchema = z
  .object({
    rules: z.array(ruleSchema).min(1),
    /** A veto drops a reason (never crisis) that the message only seems to have. */
    vetoes: z
      .array(
        ruleSchema.safeExtend({
          reason: z.enum(RULE_REASONS).exclude(['crisis']),
        }),
      )
      .optional(),
    distress: z
      .object({
        /** Weight of each concept that counts towards the distress score. */
        weights: z.record(name, z.number().min(0).max(10)),
        /** Added once at least one weighted concept is present. */
        boosts: z.record(name, z.number().min(0).max(5)),
        /** Concepts that make the message about the topic, not a person in it: the score is halved. */
        dampers: z.array(name).max(20).optional(),
      })
      .strict(),
  })
  .strict();
export type RulesFile = z.infer<typeof rulesFileSchema>;
