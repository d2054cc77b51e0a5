import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compilePhrase } from '../../text/phrase.ts';
import { languageFileSchema, rulesFileSchema, SAFETY_LANGS } from './schema.ts';
import type { LanguageFile, ListReason, Rule, RulesFile } from './schema.ts';
import { parseYamlFile } from './yaml-file.ts';
import type { DataFileIssue, YamlFile } from './yaml-file.ts';

export const SAFETY_ISSUE = 'safety_invalid';
export type SafetyIssue = DataFileIssue<typeof SAFETY_ISSUE>;

/** A phrase as written, after inflection patterns are expanded, and where it came from. */
export interface SourcePhrase {
  source: string;
  /** A language code or `policy.yaml`. */
  origin: string;
}

/** Everything the matcher compiles: concepts, plain lists, rules, vetoes and the distress weights. */
export interface SafetyData {
  concepts: Map<string, SourcePhrase[]>;
  lists: Map<ListReason, SourcePhrase[]>;
  rules: Rule[];
  vetoes: Rule[];
  distress: RulesFile['distress'];
  /** Words never read as a typo of a safety word, from every language file. */
  protectedWords: string[];
}

export const CONCEPTS_DIR = fileURLToPath(new URL('./', import.meta.url));

/**
 * Inflection patterns: `drep{e,er,te,t}` is drepe, dreper, drepte and drept; `hjerte{,t}` is hjerte and
 * hjertet. Several groups in one phrase give every combination. Undefined when the braces do not pair up.
 */
export function expandForms(phrase: string): string[] | undefined {
  const open = phrase.indexOf('{');
  if (open < 0) return phrase.includes('}') ? undefined : [phrase];
  const close = phrase.indexOf('}', open);
  if (close < 0 || phrase.slice(open + 1, close).includes('{')) return undefined;
  const rest = expandForms(phrase.slice(close + 1));
  if (!rest) return undefined;
  const head = phrase.slice(0, open);
  return phrase
    .slice(open + 1, close)
    .split(',')
    .flatMap((form) => rest.map((tail) => `${head}${form.trim()}${tail}`));
}

/** Expands and checks every phrase of `list` at `path`; problems go to `issues`. */
export function expandPhrases<C extends string>(
  list: readonly string[],
  origin: string,
  file: YamlFile<unknown, C>,
  path: readonly PropertyKey[],
  issues: DataFileIssue<C>[],
  code: C,
  fileName: string,
): SourcePhrase[] {
  const out: SourcePhrase[] = [];
  list.forEach((written, index) => {
    const forms = expandForms(written);
    const problem = !forms
      ? 'braces of an inflection pattern do not pair up, e.g. "drep{e,er,te}"'
      : forms.some((f) => !compilePhrase(f, origin))
        ? 'has no words to match'
        : undefined;
    if (problem || !forms) {
      issues.push({
        severity: 'error',
        code,
        path: fileName,
        line: file.lineOf([...path, index]),
        message: `${path.join('.')}[${index}]: "${written}" ${problem}`,
      });
      return;
    }
    for (const source of forms) out.push({ source, origin });
  });
  return out;
}

export interface SafetyTexts {
  rules: { path: string; text: string };
  languages: { path: string; text: string }[];
}

/** Reads the built-in files; `npm run knowledge -- check` and start-up both go through parseSafety. */
export function readBuiltInSafety(dir = CONCEPTS_DIR): SafetyTexts {
  const read = (name: string) => ({
    path: `bot/safety/concepts/${name}`,
    text: readFileSync(dir + name, 'utf8'),
  });
  return { rules: read('rules.yaml'), languages: SAFETY_LANGS.map((lang) => read(`${lang}.yaml`)) };
}

/**
 * Validates the rules file and each language file, then checks them against each other: every concept a rule
 * names must exist in every language (so no language silently lacks a concept), and a language may define no
 * concept that nothing uses.
 */
export function parseSafety(texts: SafetyTexts): { data?: SafetyData; issues: SafetyIssue[] } {
  const issues: SafetyIssue[] = [];
  const rulesFile = parseYamlFile(texts.rules.text, texts.rules.path, SAFETY_ISSUE, rulesFileSchema);
  issues.push(...rulesFile.issues);
  const langFiles = texts.languages.map((t) => ({
    path: t.path,
    file: parseYamlFile(t.text, t.path, SAFETY_ISSUE, languageFileSchema),
  }));
  for (const { file } of langFiles) issues.push(...file.issues);
  const rules = rulesFile.data;
  if (!rules || issues.length > 0) return { issues };

  const used = new Map<string, number>();
  const use = (name: string, path: PropertyKey[]) => {
    if (!used.has(name)) used.set(name, rulesFile.lineOf(path));
  };
  const ruleLists = [
    ['rules', rules.rules],
    ['vetoes', rules.vetoes ?? []],
  ] as const;
  for (const [key, list] of ruleLists) {
    list.forEach((rule, i) => {
      rule.all.forEach((c, j) => use(c, [key, i, 'all', j]));
      rule.unless?.forEach((c, j) => use(c, [key, i, 'unless', j]));
    });
  }
  for (const c of Object.keys(rules.distress.weights)) use(c, ['distress', 'weights']);
  for (const c of Object.keys(rules.distress.boosts)) use(c, ['distress', 'boosts']);
  rules.distress.dampers?.forEach((c, i) => use(c, ['distress', 'dampers', i]));
  const ids = new Set<string>();
  for (const [key, list] of ruleLists) {
    list.forEach((rule, i) => {
      if (ids.has(rule.id)) {
        issues.push({
          severity: 'error',
          code: SAFETY_ISSUE,
          path: texts.rules.path,
          line: rulesFile.lineOf([key, i, 'id']),
          message: `${key}[${i}]: id "${rule.id}" is used twice`,
        });
      }
      ids.add(rule.id);
    });
  }

  const concepts = new Map<string, SourcePhrase[]>();
  const lists = new Map<ListReason, SourcePhrase[]>();
  const seenLangs = new Set<string>();
  const protectedWords: string[] = [];
  for (const { path, file } of langFiles) {
    const lang = file.data as LanguageFile;
    if (seenLangs.has(lang.lang)) {
      issues.push({
        severity: 'error',
        code: SAFETY_ISSUE,
        path,
        line: file.lineOf(['lang']),
        message: `lang "${lang.lang}" twice`,
      });
    }
    seenLangs.add(lang.lang);
    for (const name of used.keys()) {
      if (!(name in lang.concepts)) {
        issues.push({
          severity: 'error',
          code: SAFETY_ISSUE,
          path,
          line: file.lineOf([], 'concepts'),
          message: `concept "${name}" (used in ${texts.rules.path} line ${used.get(name)}) is missing in ${lang.lang}`,
        });
      }
    }
    for (const [name, list] of Object.entries(lang.concepts)) {
      if (!used.has(name)) {
        issues.push({
          severity: 'error',
          code: SAFETY_ISSUE,
          path,
          line: file.lineOf(['concepts'], name),
          message: `concepts.${name}: no rule, veto or distress weight in ${texts.rules.path} uses it`,
        });
      }
      const expanded = expandPhrases(list, lang.lang, file, ['concepts', name], issues, SAFETY_ISSUE, path);
      concepts.set(name, [...(concepts.get(name) ?? []), ...expanded]);
    }
    protectedWords.push(...(lang.protected ?? []));
    for (const [reason, list] of Object.entries(lang.lists ?? {})) {
      const expanded = expandPhrases(list, lang.lang, file, ['lists', reason], issues, SAFETY_ISSUE, path);
      lists.set(reason as ListReason, [...(lists.get(reason as ListReason) ?? []), ...expanded]);
    }
  }
  if (issues.length > 0) return { issues };
  return {
    data: {
      concepts,
      lists,
      rules: rules.rules,
      vetoes: rules.vetoes ?? [],
      distress: rules.distress,
      protectedWords,
    },
    issues,
  };
}
