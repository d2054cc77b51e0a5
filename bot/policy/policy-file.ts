import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import type { KnowledgeIssue } from '../../knowledge/index.ts';
import { expandForms } from '../safety/concepts/load.ts';
import { lineIn } from '../safety/concepts/yaml-file.ts';
import { builtInSafetyData } from '../safety/lexicons.ts';
import type { PhraseLists } from '../safety/lexicons.ts';
import { compilePhrase } from '../text/phrase.ts';
import { operatingPointsSchema } from '../answer/operating-points.ts';
import type { OperatingPoints } from '../answer/operating-points.ts';
import { RETIRED_THRESHOLDS, thresholdsSchema } from './thresholds.ts';
import type { Thresholds } from './thresholds.ts';

/**
 * The optional `policy.yaml` in the knowledge folder lets editors add phrases to the built-in lists and tune
 * thresholds, e.g.
 *
 * ```yaml
 * handover:
 *   sensitive: [familievernkontoret, "=pleiepenger"]
 *   human_request: ["snakke med rådmannen"]
 * out_of_scope: [kinoprogram, "hvem vinner valget"]
 * thresholds:
 *   queueMin: 0.6
 * answers:
 *   answerAt: 0.6
 * safety:
 *   concepts:                  # more words for built-in concepts (bot/safety/concepts/*.yaml)
 *     money_trouble: ["husbanken har avslått"]
 *   veto: [bereaved, grief]    # built-in rules (by id) or concepts (by name) this municipality turns off
 * ```
 *
 * Phrases use the syntax of bot/text/phrase.ts. A file with any error is ignored as a whole (built-ins only),
 * so a typo never half-applies; every problem is reported with its line.
 */

export const POLICY_PATH = 'policy.yaml';
const MAX_POLICY_BYTES = 256 * 1024;

const phraseList = z
  .array(z.string().trim().min(1, 'empty phrase').max(200, 'phrase longer than 200 characters'))
  .max(5000);
const policySchema = z
  .object({
    handover: z
      .object({
        crisis: phraseList,
        pii: phraseList,
        personal: phraseList,
        complaint: phraseList,
        sensitive: phraseList,
        human_request: phraseList,
      })
      .partial()
      .strict()
      .optional(),
    out_of_scope: phraseList.optional(),
    thresholds: thresholdsSchema
      .partial()
      .extend(Object.fromEntries(RETIRED_THRESHOLDS.map((k) => [k, z.unknown().optional()])))
      .optional(),
    answers: operatingPointsSchema.optional(),
    safety: z
      .object({
        concepts: z.record(z.string(), phraseList).optional(),
        veto: z.array(z.string().trim().min(1)).max(500).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export interface ParsedPolicy {
  lists: PhraseLists;
  /** More words for built-in safety concepts. */
  concepts: Record<string, string[]>;
  /** Built-in safety rules and concepts turned off. */
  veto: string[];
  thresholds: Partial<Thresholds>;
  /** The answer outcomes' operating points (bot/answer/operating-points.ts). */
  answers: Partial<OperatingPoints>;
  issues: KnowledgeIssue[];
}

const EMPTY: Omit<ParsedPolicy, 'issues'> = {
  lists: {},
  concepts: {},
  veto: [],
  thresholds: {},
  answers: {},
};

function issue(line: number, message: string): KnowledgeIssue {
  return { severity: 'error', code: 'policy_invalid', path: POLICY_PATH, line: Math.max(1, line), message };
}

export function parsePolicy(text: string | undefined): ParsedPolicy {
  if (text === undefined || text.trim() === '') return { ...EMPTY, issues: [] };
  if (Buffer.byteLength(text, 'utf8') > MAX_POLICY_BYTES) {
    return {
      ...EMPTY,
      issues: [issue(1, `policy.yaml is larger than ${MAX_POLICY_BYTES / 1024} KB; ignored`)],
    };
  }
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ...EMPTY,
      issues: doc.errors.map((e) =>
        issue(
          e.linePos?.[0]?.line ?? 1,
          `YAML syntax: ${(e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`,
        ),
      ),
    };
  }
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) return { ...EMPTY, issues: [] };
  const parsed = policySchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => {
      if (i.code === 'unrecognized_keys') {
        return issue(
          lineIn(doc, lc, i.path, i.keys[0]),
          `unknown key "${i.keys.join('", "')}" at ${describe(i.path)}`,
        );
      }
      return issue(lineIn(doc, lc, i.path), `${describe(i.path)}: ${i.message}`);
    });
    return { ...EMPTY, issues };
  }
  const lists: PhraseLists = { ...parsed.data.handover };
  if (parsed.data.out_of_scope) lists.out_of_scope = parsed.data.out_of_scope;

  const issues: KnowledgeIssue[] = [];
  const check = (path: PropertyKey[], phrases: readonly string[] | undefined): void => {
    phrases?.forEach((phrase, index) => {
      if (!compilePhrase(phrase, POLICY_PATH)) {
        issues.push(
          issue(
            lineIn(doc, lc, [...path, index]),
            `${describe([...path, index])}: "${phrase}" has no words to match`,
          ),
        );
      }
    });
  };
  for (const [reason, phrases] of Object.entries(parsed.data.handover ?? {}))
    check(['handover', reason], phrases);
  check(['out_of_scope'], parsed.data.out_of_scope);
  const builtIn = builtInSafetyData();
  const concepts: Record<string, string[]> = {};
  for (const [name, phrases] of Object.entries(parsed.data.safety?.concepts ?? {})) {
    if (!builtIn.concepts.has(name)) {
      issues.push(
        issue(
          lineIn(doc, lc, ['safety', 'concepts'], name),
          `safety.concepts: no built-in concept "${name}"`,
        ),
      );
      continue;
    }
    phrases.forEach((phrase, index) => {
      const forms = expandForms(phrase);
      if (!forms || forms.some((f) => !compilePhrase(f, POLICY_PATH))) {
        const path = ['safety', 'concepts', name, index];
        issues.push(
          issue(lineIn(doc, lc, path), `${describe(path)}: "${phrase}" is not a phrase this can match`),
        );
      } else (concepts[name] ??= []).push(...forms);
    });
  }
  const known = new Set([
    ...builtIn.concepts.keys(),
    ...builtIn.rules.map((r) => r.id),
    ...builtIn.vetoes.map((r) => r.id),
  ]);
  const veto = parsed.data.safety?.veto ?? [];
  veto.forEach((name, index) => {
    if (!known.has(name)) {
      issues.push(
        issue(
          lineIn(doc, lc, ['safety', 'veto', index]),
          `safety.veto[${index}]: no built-in rule or concept "${name}"`,
        ),
      );
    }
  });
  if (issues.length > 0) return { ...EMPTY, issues };
  const thresholds: Record<string, unknown> = { ...parsed.data.thresholds };
  const retired: KnowledgeIssue[] = [];
  for (const name of RETIRED_THRESHOLDS) {
    if (!(name in thresholds)) continue;
    delete thresholds[name];
    retired.push({
      ...issue(
        lineIn(doc, lc, ['thresholds'], name),
        `thresholds.${name} is no longer used: the answer model decides (policy.yaml answers:, bot/answer/operating-points.ts); remove it`,
      ),
      severity: 'warning',
    });
  }
  return {
    lists,
    concepts,
    veto,
    thresholds: thresholds as Partial<Thresholds>,
    answers: parsed.data.answers ?? {},
    issues: retired,
  };
}

function describe(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'the top level';
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))
    .join('.')
    .replace(/\.\[/g, '[');
}
