/**
 * Editors' Markdown as a small tree for the safe DOM renderer. `marked`'s lexer does the reading (CommonMark
 * and GFM autolinks); this file only narrows its tokens to the few kinds an answer may show. There is no HTML
 * output anywhere: raw HTML in an answer becomes a text node, so it can only ever show as text.
 */
import { Lexer, type Token, type Tokens } from 'marked';

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

const OPTIONS = { gfm: true, breaks: false } as const;

/** Appends, joining neighbouring text so the tree stays as small as the source reads. */
function push(out: Inline[], node: Inline): void {
  const last = out[out.length - 1];
  if (node.t === 'text' && last?.t === 'text') last.text += node.text;
  else if (node.t !== 'text' || node.text) out.push(node);
}

function inlineTokens(tokens: readonly Token[] | undefined, out: Inline[] = []): Inline[] {
  for (const token of tokens ?? []) {
    switch (token.type) {
      case 'strong':
      case 'em':
        push(out, { t: token.type, children: inlineTokens((token as Tokens.Strong).tokens) });
        break;
      case 'codespan':
        push(out, { t: 'code', text: (token as Tokens.Codespan).text });
        break;
      case 'link':
        push(out, {
          t: 'link',
          href: (token as Tokens.Link).href,
          children: inlineTokens((token as Tokens.Link).tokens),
        });
        break;
      case 'br':
        push(out, { t: 'br' });
        break;
      case 'del':
        inlineTokens((token as Tokens.Del).tokens, out);
        break;
      case 'image':
        // An answer shows no images; the description stays readable.
        push(out, { t: 'text', text: (token as Tokens.Image).text });
        break;
      case 'text':
      case 'escape':
      case 'html':
      default: {
        const nested = (token as Tokens.Text).tokens;
        if (nested?.length) inlineTokens(nested, out);
        // A soft line break inside a paragraph reads as a space, as in a browser.
        else
          push(out, {
            t: 'text',
            text: ('text' in token ? String(token.text) : token.raw).replace(/\n/g, ' '),
          });
      }
    }
  }
  return out;
}

/** The inline content of a block token's children, paragraphs separated by line breaks. */
function flatten(tokens: readonly Token[]): Inline[] {
  const out: Inline[] = [];
  tokens.forEach((token, i) => {
    if (token.type === 'space') return;
    if (i > 0 && out.length) push(out, { t: 'br' });
    if (token.type === 'list') {
      (token as Tokens.List).items.forEach((item, j) => {
        if (j > 0) push(out, { t: 'br' });
        push(out, { t: 'text', text: '– ' });
        for (const n of flatten(item.tokens)) push(out, n);
      });
    } else if ('tokens' in token && token.tokens) inlineTokens(token.tokens, out);
    else push(out, { t: 'text', text: 'text' in token ? String(token.text) : token.raw });
  });
  while (out[out.length - 1]?.t === 'br') out.pop();
  return out;
}

function block(token: Token): Block | undefined {
  switch (token.type) {
    case 'paragraph':
      return { t: 'p', children: inlineTokens((token as Tokens.Paragraph).tokens) };
    case 'heading':
      return {
        t: 'heading',
        level: (token as Tokens.Heading).depth,
        children: inlineTokens((token as Tokens.Heading).tokens),
      };
    case 'list': {
      const list = token as Tokens.List;
      const start = typeof list.start === 'number' ? list.start : 1;
      return {
        t: 'list',
        ordered: list.ordered,
        start,
        items: list.items.map((item) => flatten(item.tokens)),
      };
    }
    case 'blockquote':
      return { t: 'quote', children: flatten((token as Tokens.Blockquote).tokens) };
    case 'code':
      return { t: 'pre', text: (token as Tokens.Code).text };
    case 'html':
    case 'table':
      // Shown as the editor typed it: a table or HTML block is never turned into markup.
      return { t: 'p', children: [{ t: 'text', text: token.raw.trim() }] };
    case 'text':
      return { t: 'p', children: inlineTokens((token as Tokens.Text).tokens ?? [token]) };
    default:
      // space, hr and link definitions carry nothing to show.
      return undefined;
  }
}

export function parseMarkdown(src: string): Block[] {
  const blocks: Block[] = [];
  for (const token of Lexer.lex(src, OPTIONS)) {
    const b = block(token);
    if (b && (b.t === 'pre' || b.t === 'list' || b.children.length)) blocks.push(b);
  }
  return blocks;
}

export function parseInline(src: string): Inline[] {
  return inlineTokens(Lexer.lexInline(src, OPTIONS));
}
