// The one function used, without loading the package's hundred others at every start.
import luhn from 'validator/lib/isLuhnNumber.js';
import { fold } from './fold.ts';
import { nationalIdSpans } from './national-id.ts';

/** CommonJS: module.exports is the function and carries itself as `default`, which is what the types see. */
const isLuhnNumber = luhn.default;

/**
 * Finds national ID numbers, case numbers, payment card numbers, phone numbers and e-mail addresses in citizen
 * text. One detector for both uses: what makes a message a `pii` handover is exactly what the boundary
 * redacts (national-id.ts says what is an ID and what is not).
 */

export type SpanKind = 'fnr' | 'dnr' | 'cpr' | 'pnr' | 'case_no' | 'card' | 'phone' | 'email';

export interface SensitiveSpan {
  kind: SpanKind;
  start: number;
  end: number;
  /** Plain note for `why` (never the number itself). */
  note: string;
}

const CASE_KEYWORD =
  /(?<![\p{L}\d])(?:saksnummer|saksnr|saks\.nr|sak|sagsnummer|sagsnr|sag|journalnummer|journalnr|j\.nr|arkivsak|arkivsaksnummer|referansenummer|referansenr|referanse|referencenummer|reference|ref|case\s*(?:no|nr|number|id|ref)|ärendenummer|ärende|diarienummer)(?![\p{L}\d])\.?(?:\s*(?:nr|no|number|nummer|id)\.?)?\s*[:#]?\s*(?<id>[\p{L}]{0,4}[-\s]?\d[\p{L}\d/\-.]{0,24})/dgiu;

function* caseNumberSpans(text: string): Generator<SensitiveSpan> {
  for (const m of text.matchAll(CASE_KEYWORD)) {
    const indices = m.indices?.groups?.id;
    const id = m.groups?.id;
    if (!indices || !id) continue;
    const trimmed = id.replace(/[-./]+$/, '');
    if ((trimmed.match(/\d/g) ?? []).length < 3) continue;
    yield {
      kind: 'case_no',
      start: indices[0],
      end: indices[0] + trimmed.length,
      note: 'case number after a case keyword',
    };
  }
  // 2026/1234, 2025/998, 2026/1234-5 — but not school years like 2025/2026 or 2025/26.
  for (const m of text.matchAll(/(?<![\d/])((?:19|20)\d{2})\/(\d{1,7})(-\d{1,4})?(?![\d/])/g)) {
    const [, left = '', right = '', suffix] = m;
    const next = String(Number(left) + 1);
    const schoolYear = right === next || right === next.slice(2);
    if (!suffix && (schoolYear || right.length < 3)) continue;
    yield {
      kind: 'case_no',
      start: m.index,
      end: m.index + m[0].length,
      note: 'case number (year/sequence)',
    };
  }
  // 24/01234-3 — but not month/year like 12/2024.
  for (const m of text.matchAll(/(?<![\d/])(\d{2})\/(\d{4,7})(-\d{1,4})?(?![\d/])/g)) {
    const [, , right = '', suffix] = m;
    if (!suffix && right.length === 4 && /^(19|20)/.test(right)) continue;
    yield { kind: 'case_no', start: m.index, end: m.index + m[0].length, note: 'case number (yy/sequence)' };
  }
}

/**
 * Payment card numbers: four groups of four digits, Amex's 4-6-5, or 15-16 digits in one run, starting the
 * way card numbers do (2-6). Like ID numbers, a mistyped one is still a card number, so the Luhn check only
 * goes into the note. A payment reference (KID, OCR) or account number is named as such and skipped.
 */
const CARD = /(?<![\d])(?:[2-6]\d{3}(?:[ -]\d{4}){3}|3[47]\d{2}[ -]\d{6}[ -]\d{5}|[2-6]\d{14,15})(?![\d])/g;
const NOT_A_CARD_BEFORE = /(?:kid|ocr|konto|kontonr|kontonummer|account|reg\.?\s*nr)\.?\s*[:#]?\s*$/i;

function* cardSpans(text: string): Generator<SensitiveSpan> {
  for (const m of text.matchAll(CARD)) {
    if (NOT_A_CARD_BEFORE.test(text.slice(Math.max(0, m.index - 16), m.index))) continue;
    const luhn = isLuhnNumber(m[0].replace(/\D/g, ''));
    yield {
      kind: 'card',
      start: m.index,
      end: m.index + m[0].length,
      note: `payment card number (Luhn ${luhn ? 'valid' : 'not valid'})`,
    };
  }
}

// Eight digits, in one piece or in the usual groups, joined by spaces, dots or hyphens (934-18-281).
const PHONE =
  /(?<![\d+])(?:(?:\+|00)\s?(?:47|45|46)[\s.-]?\d(?:[ .-]?\d){6,10}|(?:(?:\+|00)\s?(?:47|45|46)[\s.-]?)?(?:0\d{1,3}-\d{2,3}(?: \d{2,3}){1,3}|0\d{1,3}-\d{5,8}|0\d{9}|\d{8}|\d{2}[ .-]\d{2}[ .-]\d{2}[ .-]\d{2}|\d{3}[ .-]\d{2}[ .-]\d{3}|\d{4}[ .-]\d{4}|\d{2}[ .-]\d{3}[ .-]\d{3}|\d{3}[ .-]\d{3}[ .-]\d{2}))(?![\d])/g;
const MONEY_BEFORE = /(?:kr|nok|dkk|sek|kroner|kronor|€|\$|eur)\.?\s*$/i;
const MONEY_AFTER = /^\s*(?:kr\b|kroner|kronor|nok\b|dkk\b|sek\b|,-|,\d{2}|\.-|%|€)/i;

function* phoneSpans(text: string): Generator<SensitiveSpan> {
  for (const m of text.matchAll(PHONE)) {
    const end = m.index + m[0].length;
    if (MONEY_BEFORE.test(text.slice(Math.max(0, m.index - 8), m.index))) continue;
    if (MONEY_AFTER.test(text.slice(end, end + 8))) continue;
    // One separator throughout: 10.00-15.30 is opening hours, not a number to call.
    const number = m[0].replace(/^(?:\+|00)\s?(?:47|45|46)[\s.-]?/, '');
    const international = number !== m[0];
    // A Swedish area code is followed by a dash and the rest in groups (070-123 45 67).
    const areaCode = /^0\d{1,3}-/.test(number);
    if (!areaCode && !international && new Set(number.match(/[ .-]/g) ?? []).size > 1) continue;
    yield { kind: 'phone', start: m.index, end, note: 'phone number' };
  }
}

function* emailSpans(text: string): Generator<SensitiveSpan> {
  for (const m of text.matchAll(/[\p{L}\d._%+-]+@[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.\p{L}{2,}/gu)) {
    yield { kind: 'email', start: m.index, end: m.index + m[0].length, note: 'e-mail address' };
  }
}

/**
 * All sensitive spans, without overlaps (earlier detectors win), in text order. Detectors read the text
 * folded (fullwidth digits, other dashes and spaces); the spans point into the text as written.
 */
export function findSensitiveSpans(text: string): SensitiveSpan[] {
  const known = recent.get(text);
  if (known) return known.slice();
  const spans = detectSpans(text);
  // decide() redacts, strips and checks the same message for IDs: remember the last few texts.
  if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value as string);
  recent.set(text, spans);
  return spans.slice();
}

const RECENT_MAX = 8;
const recent = new Map<string, SensitiveSpan[]>();

function detectSpans(text: string): SensitiveSpan[] {
  const folded = fold(text);
  // Every detector below needs a digit or an at sign, which most messages do not have (a new detector that
  // needs neither must change this).
  if (!/[\d@]/.test(folded.text)) return [];
  const accepted: SensitiveSpan[] = [];
  const detectors = [emailSpans, nationalIdSpans, caseNumberSpans, cardSpans, phoneSpans];
  for (const detect of detectors) {
    for (const span of detect(folded.text)) {
      if (accepted.some((a) => span.start < a.end && a.start < span.end)) continue;
      accepted.push(span);
    }
  }
  return accepted.map((s) => ({ ...s, ...folded.span(s.start, s.end) })).sort((a, b) => a.start - b.start);
}

/**
 * Spans that make a message a `pii` handover: national IDs, case numbers and payment card numbers. Not phones
 * or e-mail, which citizens give so that we can answer them. A case number points to one citizen's case as
 * surely as an ID does, so it is kept out of the logs and its chat goes to a person the same way, except in a
 * general question ("min sak har nummer 24/781, hvordan ser jeg dokumentene?"): decide() leaves those alone.
 */
const PII_KINDS: ReadonlySet<SpanKind> = new Set(['fnr', 'dnr', 'cpr', 'pnr', 'case_no', 'card']);

export function findIds(text: string): SensitiveSpan[] {
  return findSensitiveSpans(text).filter((s) => PII_KINDS.has(s.kind));
}
