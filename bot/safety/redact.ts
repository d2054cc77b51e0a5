import { findSensitiveSpans } from './ids.ts';
import type { SpanKind } from './ids.ts';

const PLACEHOLDER: Record<SpanKind, string> = {
  fnr: '[FNR]',
  dnr: '[FNR]',
  cpr: '[CPR]',
  pnr: '[PNR]',
  case_no: '[CASE_NO]',
  card: '[CARD]',
  phone: '[PHONE]',
  email: '[EMAIL]',
};

/** The text with ID numbers, case numbers, card numbers, phone numbers and e-mail addresses replaced by typed placeholders. */
export function redact(text: string): string {
  let out = '';
  let at = 0;
  for (const span of findSensitiveSpans(text)) {
    out += text.slice(at, span.start) + PLACEHOLDER[span.kind];
    at = span.end;
  }
  return out + text.slice(at);
}

/** The text with those spans removed: what retrieval and language detection get to see. */
export function stripSensitive(text: string): string {
  let out = '';
  let at = 0;
  for (const span of findSensitiveSpans(text)) {
    out += `${text.slice(at, span.start)} `;
    at = span.end;
  }
  return (out + text.slice(at)).replace(/\s+/g, ' ').trim();
}
