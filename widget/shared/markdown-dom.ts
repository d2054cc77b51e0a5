import { h, safeHref } from './dom.ts';
import { parseMarkdown, type Block, type Inline } from './markdown-parse.ts';

function inline(nodes: Inline[]): Node[] {
  return nodes.map((n): Node => {
    switch (n.t) {
      case 'text':
        return document.createTextNode(n.text);
      case 'br':
        return h('br');
      case 'code':
        return h('code', {}, n.text);
      case 'strong':
        return h('strong', {}, ...inline(n.children));
      case 'em':
        return h('em', {}, ...inline(n.children));
      case 'link': {
        const href = safeHref(n.href);
        if (!href) return h('span', {}, ...inline(n.children));
        const external = /^https?:/i.test(href);
        return h(
          'a',
          { href, target: external && '_blank', rel: external && 'noopener noreferrer' },
          ...inline(n.children),
        );
      }
    }
  });
}

function block(b: Block): Node {
  switch (b.t) {
    case 'p':
      return h('p', {}, ...inline(b.children));
    case 'heading':
      // Kept out of the host page's heading outline: a bold paragraph reads the same in a chat bubble.
      return h('p', { class: 'md-heading' }, h('strong', {}, ...inline(b.children)));
    case 'quote':
      return h('blockquote', {}, ...inline(b.children));
    case 'pre':
      return h('pre', {}, h('code', {}, b.text));
    case 'list': {
      const items = b.items.map((item) => h('li', {}, ...inline(item)));
      return b.ordered
        ? h('ol', { start: b.start === 1 ? undefined : b.start }, ...items)
        : h('ul', {}, ...items);
    }
  }
}

/** Markdown as DOM nodes built from text nodes only: there is no way for the source to inject markup. */
export function renderMarkdown(src: string): DocumentFragment {
  const frag = document.createDocumentFragment();
  for (const b of parseMarkdown(src)) frag.appendChild(block(b));
  return frag;
}
