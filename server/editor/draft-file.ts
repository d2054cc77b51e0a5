import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';

export interface DraftInput {
  question: string;
  title?: string | undefined;
  lang: 'nb' | 'nn' | 'da' | 'en' | 'sv';
  owner?: string | undefined;
  answer?: string | undefined;
  questions?: string[] | undefined;
  /** Set by imports, which know more than a question: the form's address, keywords and a review date. */
  link?: string | undefined;
  tags?: string[] | undefined;
  review?: string | undefined;
  /** A page with `##` sections and no alternative questions, answered section by section. */
  guide?: boolean | undefined;
}

const PLACEHOLDER: Record<DraftInput['lang'], string> = {
  nb: 'Skriv svaret her. Filen er et utkast og blir ikke brukt før en redaktør flytter den ut av drafts/.',
  nn: 'Skriv svaret her. Fila er eit utkast og blir ikkje brukt før ein redaktør flyttar henne ut av drafts/.',
  da: 'Skriv svaret her. Filen er et udkast og bliver ikke brugt, før en redaktør flytter den ud af drafts/.',
  en: 'Write the answer here. This file is a draft and is not used until an editor moves it out of drafts/.',
  sv: 'Skriv svaret här. Filen är ett utkast och används inte förrän en redaktör flyttar den ut ur drafts/.',
};

/** A kebab-case id the knowledge loader accepts, from any title (æ/ø/å folded, at most 60 characters). */
export function draftId(text: string): string {
  const folded = text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
  const slug = folded
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return slug || 'utkast';
}

export function draftText(d: DraftInput, id: string): string {
  const questions = d.guide
    ? []
    : [d.question, ...(d.questions ?? [])].filter((q, i, all) => all.indexOf(q) === i);
  const front = {
    id,
    title: d.title ?? d.question,
    lang: d.lang,
    tags: d.tags ?? [],
    questions,
    ...(d.link ? { link: d.link } : {}),
    ...(d.owner ? { owner: d.owner } : {}),
    ...(d.review ? { review: d.review } : {}),
  };
  return `---\n${stringify(front).trimEnd()}\n---\n\n${(d.answer ?? PLACEHOLDER[d.lang]).trim()}\n`;
}

/**
 * Writes `<knowledgeDir>/drafts/<id>.md` and never overwrites: a taken name gets -2, -3... The loader skips
 * drafts/, so nothing goes live until an editor moves the file.
 */
export async function writeDraft(knowledgeDir: string, d: DraftInput): Promise<{ id: string; path: string }> {
  const dir = join(knowledgeDir, 'drafts');
  await mkdir(dir, { recursive: true });
  const base = draftId(d.title ?? d.question);
  for (let n = 1; n < 100; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    try {
      await writeFile(join(dir, `${id}.md`), draftText(d, id), { flag: 'wx' });
      return { id, path: `drafts/${id}.md` };
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    }
  }
  throw new Error('too many drafts with the same name');
}
