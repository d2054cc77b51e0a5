/**
 * A small Markdown reader for the subset editors use in answers: paragraphs, headings, lists, quotes, code,
 * emphasis and links. It produces a tree, never HTML, so raw HTML in an answer can only ever show as text.
 */
export type Inline =
  | { t: 'text'; text: string }
  | { t: 'strong' | 'em'; children: Inline[] }
  | { t: 'code'; text: string }
  | { t: 'link'; href: string; children: Inline[] }
  | { t: 'br' };

export type Block =
  | { t: 'p'; children: Inline[] }
  | { t: 'heading'; level: number; children: Inline[] }
  | { t: 'list'; ordered: boolean; start: number; items: Inline[][] }
  | { t: 'quote'; children: Inline[] }
  | { t: 'pre'; text: string };

const INLINE = new RegExp(
  [
    /\\([\\`*_[\]()#+\-.!<>])/.source, // 1 escaped character
    /`([^`\n]+)`/.source, // 2 code
    /\[([^\]\n]+)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"\n]*")?\s*\)/.source, // 3 text, 4 href
    /<((?:https?:\/\/|mailto:)[^>\s]+)>/.source, // 5 autolink
    /(https?:\/\/[^\s<>]*[^\s<>.,;:!?)'"])/.source, // 6 bare URL
    /\*\*(?=\S)([^]+?)\*\*|__(?=\S)([^]+?)__/.source, // 7, 8 strong
    String.raw`\*(?=[^\s*])([^*]+?)\*|(?<![\p{L}\p{N}])_(?=[^\s_])([^_]+?)_(?![\p{L}\p{N}])`, // 9, 10 em
  ].join('|'),
  'u',
);

export function parseInline(src: string): Inline[] {
  const out: Inline[] = [];
  const text = (s: string): void => {
    if (!s) return;
    const last = out[out.length - 1];
    if (last?.t === 'text') last.text += s;
    else out.push({ t: 'text', text: s });
  };
  let rest = src;
  while (rest) {
    const m = INLINE.exec(rest);
    if (!m) {
      text(rest);
      break;
    }
    text(rest.slice(0, m.index));
    const [whole, esc, code, linkText, href, auto, bare, strongA, strongB, emA, emB] = m;
    if (esc !== undefined) text(esc);
    else if (code !== undefined) out.push({ t: 'code', text: code });
    else if (linkText !== undefined && href !== undefined) {
      out.push({ t: 'link', href, children: parseInline(linkText) });
    } else if (auto !== undefined) out.push({ t: 'link', href: auto, children: [{ t: 'text', text: auto }] });
    else if (bare !== undefined) out.push({ t: 'link', href: bare, children: [{ t: 'text', text: bare }] });
    else if (strongA !== undefined || strongB !== undefined) {
      out.push({ t: 'strong', children: parseInline(strongA ?? strongB ?? '') });
    } else if (emA !== undefined || emB !== undefined)
      out.push({ t: 'em', children: parseInline(emA ?? emB ?? '') });
    else text(whole);
    rest = rest.slice(m.index + whole.length);
  }
  return out;
}

/** Paragraph lines: a line ending in two spaces or a backslash keeps its line break. */
function inlineLines(lines: string[]): Inline[] {
  const out: Inline[] = [];
  const push = (n: Inline): void => {
    const last = out[out.length - 1];
    if (n.t === 'text' && last?.t === 'text') last.text += n.text;
    else out.push(n);
  };
  lines.forEach((line, i) => {
    const hard = /( {2,}|\\)$/.test(line);
    parseInline(line.replace(/( {2,}|\\)$/, '').trim()).forEach(push);
    if (i < lines.length - 1) push(hard ? { t: 'br' } : { t: 'text', text: ' ' });
  });
  return out;
}

const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s{0,6}[-*+]\s+(.*)$/;
const NUMBERED = /^\s{0,6}(\d{1,9})[.)]\s+(.*)$/;
const QUOTE = /^ {0,3}>\s?(.*)$/;
const RULE = /^ {0,3}([-*_])(\s*\1){2,}\s*$/;
const FENCE = /^ {0,3}(```|~~~)/;

export function parseMarkdown(src: string): Block[] {
  const lines = src.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let para: string[] = [];
  let quote: string[] = [];
  let list: { ordered: boolean; start: number; items: string[][] } | undefined;

  const flush = (): void => {
    if (para.length) blocks.push({ t: 'p', children: inlineLines(para) });
    if (quote.length) blocks.push({ t: 'quote', children: inlineLines(quote) });
    if (list)
      blocks.push({
        t: 'list',
        ordered: list.ordered,
        start: list.start,
        items: list.items.map(inlineLines),
      });
    para = [];
    quote = [];
    list = undefined;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fence = FENCE.exec(line);
    if (fence) {
      flush();
      const body: string[] = [];
      for (i++; i < lines.length && !(lines[i] ?? '').trimStart().startsWith(fence[1] ?? '```'); i++) {
        body.push(lines[i] ?? '');
      }
      blocks.push({ t: 'pre', text: body.join('\n') });
      continue;
    }
    if (!line.trim()) {
      flush();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      blocks.push({ t: 'heading', level: heading[1]?.length ?? 1, children: parseInline(heading[2] ?? '') });
      continue;
    }
    if (RULE.test(line)) {
      flush();
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (bullet || numbered) {
      const ordered = numbered !== null;
      if (!list || list.ordered !== ordered || para.length || quote.length) {
        flush();
        list = { ordered, start: numbered ? Number(numbered[1]) : 1, items: [] };
      }
      list.items.push([(bullet ? bullet[1] : numbered?.[2]) ?? '']);
      continue;
    }
    const q = QUOTE.exec(line);
    if (q && !para.length && !list) {
      quote.push(q[1] ?? '');
      continue;
    }
    if (list && /^\s+\S/.test(line)) {
      list.items[list.items.length - 1]?.push(line.trim());
      continue;
    }
    if (list || quote.length) flush();
    para.push(line);
  }
  flush();
  return blocks;
}
