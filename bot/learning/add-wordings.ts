import { isSeq, parseDocument, type YAMLSeq } from 'yaml';
import { wordingKey } from './filters.ts';

/** The knowledge file schema's limit on alternative questions. */
export const MAX_QUESTIONS = 50;

export type AddWordingsResult =
  | { ok: true; text: string; added: string[] }
  | { ok: false; code: 'front_matter_missing' | 'yaml_invalid' | 'questions_invalid' };

/**
 * The file with `wordings` appended to its front matter's `questions` (alternative questions), everything
 * else (comments, order, the body) left as the editor wrote it. Wordings already there, in any spelling the
 * matcher folds together, are not added twice; the list stops at the schema's limit.
 */
export function addWordings(text: string, wordings: readonly string[]): AddWordingsResult {
  const match = /^(\uFEFF?---[ \t]*\r?\n)([\s\S]*?\r?\n)?(---[ \t]*(?:\r?\n|$))/.exec(text);
  if (!match) return { ok: false, code: 'front_matter_missing' };
  const [whole, open, yamlText = '', close] = match;
  const doc = parseDocument(yamlText);
  if (doc.errors.length > 0) return { ok: false, code: 'yaml_invalid' };
  let questions = doc.get('questions', true) as unknown;
  if (questions === undefined || questions === null) {
    doc.set('questions', doc.createNode([]));
    questions = doc.get('questions', true);
  }
  if (!isSeq(questions)) return { ok: false, code: 'questions_invalid' };
  const seq = questions as YAMLSeq;
  const title = doc.get('title');
  const seen = new Set(
    [
      ...seq.items.map((i) => String((i as { value?: unknown }).value ?? i)),
      typeof title === 'string' ? title : '',
    ].map(wordingKey),
  );
  const added: string[] = [];
  for (const raw of wordings) {
    const wording = raw.trim().replace(/\s+/g, ' ');
    const key = wordingKey(wording);
    if (!key || seen.has(key) || seq.items.length >= MAX_QUESTIONS) continue;
    seq.add(doc.createNode(wording));
    seen.add(key);
    added.push(wording);
  }
  if (added.length === 0) return { ok: true, text, added };
  // A flow list (`questions: []`) would grow on one line; editors read block lists.
  seq.flow = false;
  const yamlOut = doc.toString({ lineWidth: 0 });
  return { ok: true, text: open + yamlOut + close + text.slice(whole.length), added };
}
