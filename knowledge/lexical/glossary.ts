import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { readBuiltIn } from '../built-in-file.ts';
import type { Glossary, KnowledgeIssue, Lang } from '../types.ts';
import { analyzeToken, isStopword, tokenize } from './analyzer.ts';

const BASE_GLOSSARY_URL = new URL('./glossary-base.yaml', import.meta.url);
export const MAX_GLOSSARY_BYTES = 1024 * 1024;

const glossarySchema = z.object({
  groups: z.array(
    z.array(z.union([z.string(), z.number()]).transform(String)).min(2, 'a group needs at least two words'),
  ),
});

/** Parses a glossary file; problems come back as issues with the line, never as exceptions. */
export function parseGlossary(text: string, path: string): { glossary: Glossary; issues: KnowledgeIssue[] } {
  const empty = { groups: [] };
  if (text.length > MAX_GLOSSARY_BYTES) {
    return {
      glossary: empty,
      issues: [issue(path, 1, `The glossary is larger than ${MAX_GLOSSARY_BYTES / 1024} KB.`)],
    };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = lineCounter.linePos(yamlError.pos[0]).line;
    return {
      glossary: empty,
      issues: [issue(path, line, `The glossary is not valid YAML: ${yamlError.message.split('\n')[0]}`)],
    };
  }
  const parsed = glossarySchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const problem = parsed.error.issues[0];
    const group = typeof problem?.path[1] === 'number' ? problem.path[1] : undefined;
    const node = group === undefined ? undefined : doc.getIn(['groups', group], true);
    const offset =
      node && typeof node === 'object' && 'range' in node && Array.isArray(node.range) ? node.range[0] : 0;
    const line = lineCounter.linePos(typeof offset === 'number' ? offset : 0).line;
    const where = group === undefined ? '' : ` (group ${group + 1})`;
    return {
      glossary: empty,
      issues: [
        issue(
          path,
          line,
          `The glossary must be "groups:" followed by lists of words${where}: ${problem?.message ?? ''}`,
        ),
      ],
    };
  }
  const groups = parsed.data.groups.map((group) =>
    group.map((term) => term.trim().toLowerCase()).filter(Boolean),
  );
  return { glossary: { groups }, issues: [] };
}

function issue(path: string, line: number, message: string): KnowledgeIssue {
  return { severity: 'error', code: 'glossary_invalid', path, line, message };
}

/** The built-in glossary as the build parsed it (knowledge/built-ins.ts), or parsed now. */
export async function loadBaseGlossary(): Promise<Glossary> {
  return readBuiltIn<Glossary>(BASE_GLOSSARY_FILE) ?? parseBaseGlossary();
}

export const BASE_GLOSSARY_FILE = 'base-glossary.v8';

export async function parseBaseGlossary(): Promise<Glossary> {
  const text = await readFile(BASE_GLOSSARY_URL, 'utf8');
  const { glossary, issues } = parseGlossary(text, 'knowledge/lexical/glossary-base.yaml');
  if (issues.length > 0) throw new Error(`The built-in glossary is broken: ${issues[0]?.message}`);
  return glossary;
}

/** Groups that share a word are merged: an editor's group extends the base group it overlaps. */
export function mergeGlossaries(...glossaries: Glossary[]): Glossary {
  const merged: Set<string>[] = [];
  const owner = new Map<string, Set<string>>();
  for (const group of glossaries.flatMap((g) => g.groups)) {
    const hits = [
      ...new Set(group.map((term) => owner.get(term)).filter((g): g is Set<string> => g !== undefined)),
    ];
    const target = hits[0] ?? new Set<string>();
    if (hits.length === 0) merged.push(target);
    for (const other of hits.slice(1)) {
      for (const term of other) target.add(term);
      merged.splice(merged.indexOf(other), 1);
    }
    for (const term of group) target.add(term);
    for (const term of target) owner.set(term, target);
  }
  return { groups: merged.map((set) => [...set]) };
}

const ALL_LANGS: Lang[] = ['nb', 'nn', 'da', 'sv', 'en'];

/** One word of a glossary form: the groups of the form that ends here, and the words that may follow. */
interface FormNode {
  groups?: number[];
  next?: Map<string, FormNode>;
}

export interface GlossaryMatch {
  /** Query token positions the glossary term covered. */
  positions: number[];
  term: string;
  /** Index terms (analysed) to add to the query. */
  expansions: string[];
}

/**
 * Finds glossary terms in a query and proposes the other words of their groups, restricted to terms that
 * occur in the index: expanding to words no document contains only adds noise.
 *
 * Every term's analysed forms and every group's expansion forms are computed once per glossary (see
 * `GlossaryMatcher.of`), so a query only analyses its own words, once per language.
 */
export class GlossaryMatcher {
  private static readonly compiled = new WeakMap<Glossary, GlossaryMatcher>();

  /** The matcher of a glossary, compiled on first use; glossaries are never changed once loaded. */
  static of(glossary: Glossary): GlossaryMatcher {
    let matcher = GlossaryMatcher.compiled.get(glossary);
    if (!matcher) {
      matcher = new GlossaryMatcher(glossary);
      GlossaryMatcher.compiled.set(glossary, matcher);
    }
    return matcher;
  }

  private readonly forms = new Map<string, number[]>();
  /**
   * Per group, the analysed forms its words expand to, in the order the group lists them. Only one-word terms
   * expand: a phrase's words on their own ("rett", "plass" from "rett til barnehageplass") match far more
   * than the phrase meant.
   */
  private readonly expansionForms: string[][];
  private readonly maxWords: number;
  /**
   * Per word that begins a form: the lengths of the forms it begins (bit n for n words), and the groups of
   * the one-word form. A query looks each of its words up once per language, and only joins n words into a
   * form to look up where a form of n words begins, instead of at every word for every length.
   */
  private readonly firstWords = new Map<string, FormNode & { lengths: number }>();

  constructor(glossary: Glossary) {
    let maxWords = 1;
    glossary.groups.forEach((group, index) => {
      for (const term of group) {
        const words = tokenize(term);
        maxWords = Math.max(maxWords, words.length);
        for (const lang of ALL_LANGS) {
          const form = words.map((w) => analyzeToken(w, lang)).join(' ');
          const list = this.forms.get(form) ?? [];
          if (!list.includes(index)) list.push(index);
          this.forms.set(form, list);
        }
      }
    });
    this.expansionForms = glossary.groups.map((group) => {
      const forms = new Set<string>();
      for (const term of group) {
        const words = tokenize(term).filter((w) => !isStopword(w));
        if (words.length !== 1) continue;
        for (const l of ALL_LANGS) forms.add(analyzeToken(words[0] ?? '', l));
      }
      return [...forms];
    });
    this.maxWords = Math.min(maxWords, 4);
    for (const [form, groups] of this.forms) {
      const words = form.split(' ');
      const first = words[0] as string;
      let entry = this.firstWords.get(first);
      if (!entry) this.firstWords.set(first, (entry = { lengths: 0 }));
      if (words.length <= this.maxWords) entry.lengths |= 1 << words.length;
      // The rest of the form as a path of words: a query walks it without joining words into a key.
      let node: FormNode = entry;
      for (const word of words.slice(1)) {
        node.next ??= new Map();
        let child = node.next.get(word);
        if (!child) node.next.set(word, (child = {}));
        node = child;
      }
      node.groups = groups;
    }
  }

  get size(): number {
    return this.expansionForms.length;
  }

  /** `analysed`: the tokens as analyzeToken gives them under each of `langs`, when the caller has them. */
  match(
    tokens: string[],
    langs: Lang[],
    inIndex: (term: string) => boolean,
    analysed: readonly (readonly string[])[] = langs.map((lang) => tokens.map((t) => analyzeToken(t, lang))),
  ): GlossaryMatch[] {
    const matches: GlossaryMatch[] = [];
    const seenGroups = new Set<number>();
    const firsts = analysed.map((forms) => forms.map((form) => this.firstWords.get(form)));
    for (let n = this.maxWords; n >= 1; n -= 1) {
      const length = 1 << n;
      for (let start = 0; start + n <= tokens.length; start += 1) {
        for (let l = 0; l < analysed.length; l += 1) {
          const first = firsts[l]?.[start];
          if (!first || (first.lengths & length) === 0) continue;
          const forms = analysed[l] as readonly string[];
          let node: FormNode | undefined = first;
          for (let k = 1; k < n && node; k += 1) node = node.next?.get(forms[start + k] as string);
          for (const group of node?.groups ?? []) {
            if (seenGroups.has(group)) continue;
            seenGroups.add(group);
            const expansions = (this.expansionForms[group] ?? []).filter(inIndex);
            const positions = Array.from({ length: n }, (_, i) => start + i);
            matches.push({ positions, term: tokens.slice(start, start + n).join(' '), expansions });
          }
        }
      }
    }
    return matches;
  }
}
