import type { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import type { KnowledgeKind, Passage } from '../types.ts';

/** Long guide sections are cut so one passage stays focused enough to be shown as an answer. */
export const SECTION_CHUNK_SIZE = 900;
export const SECTION_CHUNK_OVERLAP = 80;

/**
 * The splitter loads LangChain's core (about a seventh of a second) at its first use, which only a section
 * too long to stay whole needs: the sample knowledge has none, so a start does not pay for it.
 */
let splitter: Promise<RecursiveCharacterTextSplitter> | undefined;

/**
 * A section's chunks. Shorter than a chunk, the splitter's merge never cuts a text and gives it back trimmed
 * (passages.test.ts checks this against the splitter), so it is not loaded for that.
 */
export async function sectionChunks(markdown: string): Promise<string[]> {
  if (markdown.length < SECTION_CHUNK_SIZE) {
    const whole = markdown.trim();
    return whole === '' ? [] : [whole];
  }
  splitter ??= import('@langchain/textsplitters').then(
    ({ RecursiveCharacterTextSplitter }) =>
      new RecursiveCharacterTextSplitter({
        chunkSize: SECTION_CHUNK_SIZE,
        chunkOverlap: SECTION_CHUNK_OVERLAP,
        separators: SECTION_SEPARATORS,
      }),
  );
  return (await splitter).splitText(markdown);
}

export const SECTION_SEPARATORS = ['\n\n', '\n- ', '\n', '. ', ' '];

export interface Section {
  heading?: string;
  markdown: string;
}

/** Splits a guide into its `##` sections; text before the first heading becomes an introduction section. */
export function splitSections(body: string): Section[] {
  const sections: Section[] = [];
  let heading: string | undefined;
  let buffer: string[] = [];
  const flush = (): void => {
    const markdown = buffer.join('\n').trim();
    if (markdown) sections.push(heading === undefined ? { markdown } : { heading, markdown });
    buffer = [];
  };
  for (const line of body.split('\n')) {
    const match = /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (match && !line.startsWith('###')) {
      flush();
      heading = match[1];
    } else {
      buffer.push(line);
    }
  }
  flush();
  return sections;
}

export function hasSections(body: string): boolean {
  return /^##\s+\S/m.test(body);
}

/** Markdown to plain words for indexing: links keep their text, emphasis and list marks go. */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, ' ')
    .replace(/^\s{0,3}(?:#{1,6}|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/[*_`>|~]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export async function buildPassages(input: {
  fileId: string;
  kind: KnowledgeKind;
  title: string;
  questions: string[];
  body: string;
}): Promise<Passage[]> {
  const passages: Passage[] = [];
  const push = (p: Omit<Passage, 'id' | 'fileId'>): void => {
    passages.push({ id: `${input.fileId}#${passages.length}`, fileId: input.fileId, ...p });
  };
  push({ kind: 'title', text: input.title });
  for (const question of input.questions) push({ kind: 'question', text: question });
  if (input.kind === 'faq') {
    push({ kind: 'body', text: markdownToText(input.body), markdown: input.body.trim() });
    return passages;
  }
  for (const section of splitSections(input.body)) {
    const chunks = await sectionChunks(section.markdown);
    for (const chunk of chunks) {
      const text = markdownToText(chunk);
      if (!text) continue;
      // The heading travels with every chunk: it is often the only place the topic is named.
      push({
        kind: 'body',
        ...(section.heading === undefined ? {} : { heading: section.heading }),
        text: section.heading ? `${section.heading}. ${text}` : text,
        markdown: chunk.trim(),
      });
    }
  }
  return passages;
}
