import { Marked } from 'marked';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Links an answer may carry; anything else (javascript:, data:) is shown as its text. */
export const safeHref = (href: string): string | undefined =>
  /^(https?:|mailto:|tel:)/i.test(href.trim()) ? href.trim() : undefined;

/**
 * The editors' Markdown as the widget shows it, for the HTML transcript: raw HTML in an answer stays text,
 * and only web, mail and phone links become links.
 */
const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    html: ({ text }) => escape(text),
    image: ({ text }) => escape(text),
    link({ href, tokens }) {
      const label = this.parser.parseInline(tokens);
      const safe = safeHref(href);
      return safe ? `<a href="${escape(safe)}" rel="noopener noreferrer">${label}</a>` : label;
    },
  },
});

export function markdownToHtml(markdown: string): string {
  return marked.parse(markdown, { async: false });
}
