/**
 * Text as the detectors read it: fullwidth and other compatibility forms folded (NFKC, so `１２` is `12` and
 * `＠` is `@`), any dash a hyphen and any space (no-break, thin, …) a space. Each folded character remembers
 * where it came from, so a span found in the folded text can be cut out of the text as written.
 */
export interface Folded {
  text: string;
  /** The written span behind a folded span [start, end). */
  span(start: number, end: number): { start: number; end: number };
}

const DASH = /\p{Pd}/u;
// Spaces of any width (no-break, thin, ideographic) are a space; line breaks and tabs stay what they are.
const SPACE = /\p{Zs}/u;

export function fold(text: string): Folded {
  // Most text (ASCII, or æ ø å and the like) has nothing to fold and needs no mapping.
  const foldable = (ch: string): boolean => DASH.test(ch) || SPACE.test(ch) || ch.normalize('NFKC') !== ch;
  const nonAscii = text.match(/[^\p{ASCII}]/gu) ?? [];
  if (!nonAscii.some(foldable)) return { text, span: (start, end) => ({ start, end }) };
  let out = '';
  const from: number[] = [];
  const to: number[] = [];
  let at = 0;
  for (const ch of text) {
    let f = DASH.test(ch) ? '-' : SPACE.test(ch) ? ' ' : ch.normalize('NFKC');
    if (f.length === 0) f = ch;
    for (let k = 0; k < f.length; k++) {
      from.push(at);
      to.push(at + ch.length);
    }
    out += f;
    at += ch.length;
  }
  return {
    text: out,
    span: (start, end) => ({
      start: from[start] ?? at,
      end: end > start ? (to[end - 1] ?? at) : (from[start] ?? at),
    }),
  };
}
