import type { DraftInput } from '../../server/editor/draft-file.ts';
import type { QnaItem } from './v12-export.ts';

type DraftLang = DraftInput['lang'];

/** Botpress language codes to Svar's; Botpress bots for Norway mostly used "no" or "nb". */
const LANGUAGES: Record<string, DraftLang> = {
  nb: 'nb',
  no: 'nb',
  nob: 'nb',
  nn: 'nn',
  nno: 'nn',
  da: 'da',
  dan: 'da',
  en: 'en',
  eng: 'en',
  sv: 'sv',
  swe: 'sv',
};

export type NotMappedKind =
  | 'disabled'
  | 'redirect'
  | 'context'
  | 'language'
  | 'multi_language'
  | 'rich_content'
  | 'answer_variants'
  | 'no_answer'
  | 'no_question';

export interface NotMapped {
  item: string;
  kind: NotMappedKind;
  detail: string;
}

export interface MappedQna {
  drafts: Array<DraftInput & { source: string }>;
  notMapped: NotMapped[];
}

/** v12 stores rich answers as content-element references such as `#!builtin_image-xk3l`. */
const CONTENT_REFERENCE = /#!builtin_[a-z_]+-[A-Za-z0-9]+/g;
const FIRST_LINK = /https:\/\/[^\s<>()"'\]]+[^\s<>()"'\].,;:!?]/;

const clean = (list: readonly string[] | undefined): string[] =>
  [...new Set((list ?? []).map((q) => q.replace(/\s+/g, ' ').trim()).filter((q) => q.length >= 3))].slice(
    0,
    50,
  );

const tagOf = (context: string): string =>
  context
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');

/**
 * One draft per item and language. Everything Svar's files cannot hold is named in `notMapped`, so the editor
 * knows what to look at: redirects into flows, contexts (kept as tags), unsupported languages, rich content,
 * extra answer variants.
 */
export function qnaToDrafts(
  items: readonly QnaItem[],
  options: { owner?: string; review: string },
): MappedQna {
  const drafts: MappedQna['drafts'] = [];
  const notMapped: NotMapped[] = [];
  const note = (item: string, kind: NotMappedKind, detail: string): void => {
    notMapped.push({ item, kind, detail });
  };

  for (const { id, data } of items) {
    if (!data.enabled) {
      note(id, 'disabled', 'the item is disabled in Botpress; not imported');
      continue;
    }
    if (data.action === 'redirect') {
      note(id, 'redirect', `redirects to flow "${data.redirectFlow ?? ''}" without an answer; not imported`);
      continue;
    }
    if (data.action === 'text_redirect') {
      note(id, 'redirect', `also redirected to flow "${data.redirectFlow ?? ''}"; the redirect is dropped`);
    }
    const contexts = [...data.contexts, ...(data.category ? [data.category] : [])].filter(
      (c) => c !== 'global',
    );
    if (contexts.length) {
      note(id, 'context', `contexts ${contexts.join(', ')} have no equivalent; kept as tags`);
    }

    const codes = [...new Set([...Object.keys(data.questions), ...Object.keys(data.answers)])];
    const langs = codes.filter((code) => LANGUAGES[code.toLowerCase()]);
    for (const code of codes.filter((c) => !LANGUAGES[c.toLowerCase()])) {
      note(id, 'language', `language "${code}" is not one Svar answers in; skipped`);
    }
    if (langs.length > 1) {
      note(
        id,
        'multi_language',
        `one item in ${langs.join(', ')} becomes ${langs.length} files, one per language`,
      );
    }

    for (const code of langs) {
      const lang = LANGUAGES[code.toLowerCase()]!;
      const questions = clean(data.questions[code]);
      const rich = data.contentAnswers[code] ?? [];
      const texts = (data.answers[code] ?? []).map((a) => a.trim()).filter(Boolean);
      const references = texts.flatMap((t) => t.match(CONTENT_REFERENCE) ?? []);
      if (rich.length || references.length) {
        note(
          id,
          'rich_content',
          `${code}: ${rich.length + references.length} rich content element(s) not imported`,
        );
      }
      const answers = texts.map((t) => t.replace(CONTENT_REFERENCE, '').trim()).filter(Boolean);
      if (answers.length > 1) {
        note(id, 'answer_variants', `${code}: ${answers.length} answer variants; the first is kept`);
      }
      const [first] = questions;
      if (!first) {
        note(id, 'no_question', `${code}: no question to file the answer under; skipped`);
        continue;
      }
      if (!answers[0]) note(id, 'no_answer', `${code}: no text answer; the draft has a placeholder`);
      const link = answers[0] ? FIRST_LINK.exec(answers[0])?.[0] : undefined;
      drafts.push({
        source: id,
        question: first,
        title: first.replace(/[?!.]+$/, '').slice(0, 200),
        lang,
        questions: questions.slice(1),
        tags: contexts.map(tagOf).filter(Boolean),
        review: options.review,
        ...(answers[0] ? { answer: answers[0] } : {}),
        ...(link ? { link } : {}),
        ...(options.owner ? { owner: options.owner } : {}),
      });
    }
  }
  return { drafts, notMapped };
}
