import type { Thresholds } from '../policy/thresholds.ts';
import type {
  Candidate,
  KnowledgeFile,
  Lang,
  Passage,
  RetrievalMode,
  RetrievalResult,
  Retriever,
  SearchOptions,
} from '../../knowledge/index.ts';
import { foldedWords } from '../text/normalize.ts';
import { contentWords } from '../text/stopwords.ts';

/**
 * A stand-in for knowledge/'s retriever in bot/ unit tests: keyword overlap over a few KnowledgeFile objects,
 * with a confidence shaped like the real lexical one (coverage of the question, tempered by distance from the
 * best file). Queries can also be pinned to fixed candidates to test thresholds exactly.
 */

export interface FileInput {
  id: string;
  title: string;
  body: string;
  lang?: Lang;
  tags?: string[];
  questions?: string[];
  link?: string;
  owner?: string;
  kind?: 'faq' | 'guide';
}

export function makeFile(input: FileInput): KnowledgeFile {
  const kind = input.kind ?? 'faq';
  const questions = input.questions ?? [];
  const passages: Passage[] = [];
  const push = (p: Omit<Passage, 'id' | 'fileId'>): void => {
    passages.push({ id: `${input.id}#${passages.length}`, fileId: input.id, ...p });
  };
  push({ kind: 'title', text: input.title });
  for (const q of questions) push({ kind: 'question', text: q });
  if (kind === 'faq') {
    push({ kind: 'body', text: input.body, markdown: input.body });
  } else {
    for (const section of input.body.split(/^## /m).filter((s) => s.trim())) {
      const [heading = '', ...rest] = section.split('\n');
      const markdown = rest.join('\n').trim();
      push({ kind: 'body', heading: heading.trim(), text: `${heading.trim()}. ${markdown}`, markdown });
    }
  }
  return {
    id: input.id,
    path: `${input.lang ?? 'nb'}/${input.id}.md`,
    title: input.title,
    lang: input.lang ?? 'nb',
    tags: input.tags ?? [],
    questions,
    kind,
    body: input.body,
    bodyLine: 8,
    passages,
    hash: `hash-${input.id}`,
    ...(input.link ? { link: input.link } : {}),
    ...(input.owner ? { owner: input.owner } : {}),
  };
}

/** Pinned result for one query: file ids with the confidence the fake should report. */
export type PinnedCandidates = { fileId: string; confidence: number }[];

const termsOf = (text: string): string[] => [...new Set(contentWords(foldedWords(text)))];
/** Crude stemming stand-in: "barnehagen" meets "barnehage", "søknaden" meets "søknad". */
const sameTerm = (a: string, b: string): boolean =>
  a === b || (a.length >= 5 && b.length >= 5 && (a.startsWith(b) || b.startsWith(a)));

export class FakeRetriever implements Retriever {
  readonly mode: RetrievalMode;
  /** Every query searched, in order (follow-up tests check the combined query). */
  readonly queries: string[] = [];
  private readonly byId: Map<string, KnowledgeFile>;
  private readonly pinned: Map<string, PinnedCandidates>;
  failWith?: string;

  constructor(
    files: KnowledgeFile[],
    options: { pinned?: Record<string, PinnedCandidates>; mode?: RetrievalMode } = {},
  ) {
    this.byId = new Map(files.map((f) => [f.id, f]));
    this.pinned = new Map(Object.entries(options.pinned ?? {}));
    this.mode = options.mode ?? 'lexical';
  }

  file(id: string): KnowledgeFile | undefined {
    return this.byId.get(id);
  }

  files(): readonly KnowledgeFile[] {
    return [...this.byId.values()];
  }

  async search(query: string, options: SearchOptions = {}): Promise<RetrievalResult> {
    this.queries.push(query);
    if (this.failWith) throw new Error(this.failWith);
    const limit = options.limit ?? 8;
    const pinned = this.pinned.get(query);
    const candidates = pinned
      ? pinned.flatMap(({ fileId, confidence }) => {
          const file = this.byId.get(fileId);
          return file ? [this.candidate(file, confidence, this.bestPassage(file, []), ['pinned'])] : [];
        })
      : this.score(query);
    return {
      query,
      mode: this.mode,
      candidates: candidates.slice(0, limit),
      terms: termsOf(query),
      unknownWords: pinned ? [] : this.unknownWords(query),
    };
  }

  /** Like the real index: words of five letters or more that no file uses in any form. */
  private unknownWords(query: string): string[] {
    const known = [...this.byId.values()].flatMap((f) =>
      termsOf([f.title, ...f.questions, ...f.tags, f.body].join(' ')),
    );
    return termsOf(query).filter(
      (term) => term.length >= 5 && !/\d/.test(term) && !known.some((k) => sameTerm(k, term)),
    );
  }

  private score(query: string): Candidate[] {
    const terms = termsOf(query);
    if (terms.length === 0) return [];
    const scored = [...this.byId.values()].flatMap((file) => {
      const strong = termsOf([file.title, ...file.questions, ...file.tags].join(' '));
      const weak = termsOf(file.body);
      const matched = terms.filter(
        (q) => strong.some((w) => sameTerm(q, w)) || weak.some((w) => sameTerm(q, w)),
      );
      if (matched.length === 0) return [];
      const score = terms.reduce(
        (s, q) => s + (strong.some((w) => sameTerm(q, w)) ? 2 : weak.some((w) => sameTerm(q, w)) ? 1 : 0),
        0,
      );
      return [{ file, matched, coverage: matched.length / terms.length, score }];
    });
    const top = Math.max(0, ...scored.map((s) => s.score));
    return scored
      .map(({ file, matched, coverage, score }) =>
        this.candidate(
          file,
          Math.min(1, Math.pow(coverage, 1.3) * (0.55 + 0.45 * (top > 0 ? score / top : 0))),
          this.bestPassage(file, matched),
          [`matched ${matched.join(', ')}`],
        ),
      )
      .sort((a, b) => b.confidence - a.confidence || a.fileId.localeCompare(b.fileId));
  }

  private bestPassage(file: KnowledgeFile, matched: string[]): Passage {
    const bodies = file.passages.filter((p) => p.kind === 'body');
    const hits = (p: Passage): number =>
      termsOf(p.text).filter((w) => matched.some((m) => sameTerm(m, w))).length;
    return [...bodies].sort((a, b) => hits(b) - hits(a))[0] ?? file.passages[0]!;
  }

  private candidate(file: KnowledgeFile, confidence: number, passage: Passage, why: string[]): Candidate {
    return {
      fileId: file.id,
      title: file.title,
      lang: file.lang,
      kind: file.kind,
      path: file.path,
      confidence,
      passage,
      why,
      ...(file.link ? { link: file.link } : {}),
      ...(file.owner ? { owner: file.owner } : {}),
    };
  }
}

/**
 * The thresholds tests with the fake retriever pin. Empty since the answer model replaced the hand-set answer
 * thresholds (bot/answer/); kept so tests can still spread their own on top.
 */
export const FAKE_RETRIEVER_THRESHOLDS: Partial<Thresholds> = {};
