/**
 * Text as the detectors read it: fullwidth and other compatibility forms folded (NFKC, so `１２` is `12` and
 * `＠` is `@`), any dash a hyphen and any space a space. Each folded character remembers where it came from,
 * so a span found in the folded text can be cut out of the text as written.
 */
export interface Folded {
  text: string;
  /** The written span behind a folded span [start, end). */
  span(start: number, end: number): { start: number; end: number };
}

const DASH = /\p{Pd}/u;
const SPACE = /\s/u;

export function fold(text: string): Folded {
  // Plain ASCII is the common case and needs no mapping.
  if (/^[\x20-\x7e\n\r\t]*$/.test(text)) return { text, span: (start, end) => ({ start, end }) };
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
