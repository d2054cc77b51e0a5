import { isSeq, parseDocument, type YAMLSeq } from 'yaml';
import { wordingKey } from './filters.ts';

/** The knowledge file schema's limit on learned wordings. */
export const MAX_LEARNED = 200;

export type AddWordingsResult =
  | { ok: true; text: string; added: string[] }
  | { ok: false; code: 'front_matter_missing' | 'yaml_invalid' | 'learned_invalid' };

/**
 * The file with `wordings` appended to its front matter's `learned` list (they count as alternative questions;
 * a guide stays a guide), everything else (comments, order, the body) left as the editor wrote it. Wordings
 * already in `questions`, `learned` or the title, in any spelling the matcher folds together, are not added
 * twice; the list stops at the schema's limit.
 */
export function addWordings(text: string, wordings: readonly string[]): AddWordingsResult {
  const match = /^(\uFEFF?---[ \t]*\r?\n)([\s\S]*?\r?\n)?(---[ \t]*(?:\r?\n|$))/.exec(text);
  if (!match) return { ok: false, code: 'front_matter_missing' };
  const [whole, open, yamlText = '', close] = match;
  const doc = parseDocument(yamlText);
  if (doc.errors.length > 0) return { ok: false, code: 'yaml_invalid' };
  let learned = doc.get('learned', true) as unknown;
  if (learned === undefined || learned === null) {
    doc.set('learned', doc.createNode([]));
    learned = doc.get('learned', true);
  }
  if (!isSeq(learned)) return { ok: false, code: 'learned_invalid' };
  const seq = learned as YAMLSeq;
  const itemsOf = (node: unknown) =>
    isSeq(node) ? node.items.map((i) => String((i as { value?: unknown }).value ?? i)) : [];
  const title = doc.get('title');
  const seen = new Set(
    [...itemsOf(doc.get('questions', true)), ...itemsOf(seq), typeof title === 'string' ? title : ''].map(
      wordingKey,
    ),
  );
  const added: string[] = [];
  for (const raw of wordings) {
    const wording = raw.trim().replace(/\s+/g, ' ');
    const key = wordingKey(wording);
    if (!key || seen.has(key) || seq.items.length >= MAX_LEARNED) continue;
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
