/** Attribute values; `false`/`undefined` leave the attribute out, `true` sets it empty. */
export type Attrs = Record<string, string | number | boolean | undefined>;
export type Child = Node | string | null | undefined | false;

/**
 * Builds an element. Text always goes in as text nodes, never as HTML, so untrusted strings are safe here.
 * `style` is refused because the strict CSP forbids inline styles.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false || name === 'style') continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

let counter = 0;
/** Unique ids for label/aria wiring inside one document or shadow root. */
export function uid(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** Only these schemes become links; anything else (javascript:, data:) stays plain text. */
export function safeHref(href: string): string | undefined {
  try {
    const url = new URL(href, 'https://invalid.example/');
    return ['http:', 'https:', 'mailto:', 'tel:'].includes(url.protocol) &&
      /^(https?:|mailto:|tel:)/i.test(href)
      ? href
      : undefined;
  } catch {
    return undefined;
  }
}
