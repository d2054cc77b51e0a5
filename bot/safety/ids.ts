import { idnr } from '@navikt/fnrvalidator';
import danishSsn from 'danish-ssn';
import validator from 'validator';

/**
 * Finds national ID numbers, case numbers, payment card numbers, phone numbers and e-mail addresses in citizen
 * text.
 *
 * An ID is recognised by its shape and a plausible date, never by its checksum: people mistype, and a
 * mistyped ID number is still someone's ID number. The checksum (via @navikt/fnrvalidator and danish-ssn) is
 * only reported. Phone numbers (8 digits), dates, prices and amounts never have an ID's shape.
 */

export type SpanKind = 'fnr' | 'dnr' | 'cpr' | 'case_no' | 'card' | 'phone' | 'email';

export interface SensitiveSpan {
  kind: SpanKind;
  start: number;
  end: number;
  /** Plain note for `why` (never the number itself). */
  note: string;
}

const daysIn = (month: number): number => [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
const validDayMonth = (day: number, month: number): boolean =>
  month >= 1 && month <= 12 && day >= 1 && day <= daysIn(month);

/** Norwegian: D-numbers add 40 to the day; H-numbers add 40 and test numbers 80 to the month. */
function norwegianDate(digits: string): 'fnr' | 'dnr' | undefined {
  const day = Number(digits.slice(0, 2));
  const rawMonth = Number(digits.slice(2, 4));
  const month = rawMonth > 80 ? rawMonth - 80 : rawMonth > 40 ? rawMonth - 40 : rawMonth;
  if (validDayMonth(day, month)) return 'fnr';
  if (day > 40 && validDayMonth(day - 40, month)) return 'dnr';
  return undefined;
}

function* fnrSpans(text: string): Generator<SensitiveSpan> {
  for (const m of text.matchAll(/(?<!\d)(\d{6})[ -]?(\d{5})(?!\d)/g)) {
    const digits = `${m[1]}${m[2]}`;
    const kind = norwegianDate(digits);
    if (!kind) continue;
    const valid = idnr(digits).status === 'valid';
    yield {
      kind,
      start: m.index,
      end: m.index + m[0].length,
      note: `${kind === 'dnr' ? 'D-number' : 'fødselsnummer'} shape with a plausible date (checksum ${valid ? 'valid' : 'not valid'})`,
    };
  }
}

function* cprSpans(text: string): Generator<SensitiveSpan> {
  for (const m of text.matchAll(/(?<!\d)(\d{6})[ -]?(\d{4})(?!\d)/g)) {
    const digits = `${m[1]}${m[2]}`;
    if (!validDayMonth(Number(digits.slice(0, 2)), Number(digits.slice(2, 4)))) continue;
    const valid = danishSsn.isValid(digits);
    yield {
      kind: 'cpr',
      start: m.index,
      end: m.index + m[0].length,
      note: `CPR shape with a plausible date (modulus 11 ${valid ? 'valid' : 'not valid'})`,
    };
  }
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
    const luhn = validator.isLuhnNumber(m[0].replace(/\D/g, ''));
    yield {
      kind: 'card',
      start: m.index,
      end: m.index + m[0].length,
      note: `payment card number (Luhn ${luhn ? 'valid' : 'not valid'})`,
    };
  }
}

const PHONE =
  /(?<![\d+])(?:(?:\+|00)\s?(?:47|45|46)\s?)?(?:\d{8}|\d{2} \d{2} \d{2} \d{2}|\d{3} \d{2} \d{3}|\d{4} \d{4}|\d{2} \d{3} \d{3}|\d{3} \d{3} \d{2})(?![\d])/g;
const MONEY_BEFORE = /(?:kr|nok|dkk|sek|kroner|kronor|€|\$|eur)\.?\s*$/i;
const MONEY_AFTER = /^\s*(?:kr\b|kroner|kronor|nok\b|dkk\b|sek\b|,-|,\d{2}|\.-|%|€)/i;

function* phoneSpans(text: string): Generator<SensitiveSpan> {
  for (const m of text.matchAll(PHONE)) {
    const end = m.index + m[0].length;
    if (MONEY_BEFORE.test(text.slice(Math.max(0, m.index - 8), m.index))) continue;
    if (MONEY_AFTER.test(text.slice(end, end + 8))) continue;
    yield { kind: 'phone', start: m.index, end, note: 'phone number' };
  }
}

function* emailSpans(text: string): Generator<SensitiveSpan> {
  for (const m of text.matchAll(/[\p{L}\d._%+-]+@[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.\p{L}{2,}/gu)) {
    yield { kind: 'email', start: m.index, end: m.index + m[0].length, note: 'e-mail address' };
  }
}

/** All sensitive spans, without overlaps (earlier detectors win), in text order. */
export function findSensitiveSpans(text: string): SensitiveSpan[] {
  const accepted: SensitiveSpan[] = [];
  const detectors = [emailSpans, fnrSpans, cprSpans, caseNumberSpans, cardSpans, phoneSpans];
  for (const detect of detectors) {
    for (const span of detect(text)) {
      if (accepted.some((a) => span.start < a.end && a.start < span.end)) continue;
      accepted.push(span);
    }
  }
  return accepted.sort((a, b) => a.start - b.start);
}

/**
 * Spans that make a message a `pii` handover: national IDs, case numbers and payment card numbers (not phones
 * or e-mail, which citizens give so that we can answer them).
 */
export function findIds(text: string): SensitiveSpan[] {
  return findSensitiveSpans(text).filter(
    (s) =>
      s.kind === 'fnr' || s.kind === 'dnr' || s.kind === 'cpr' || s.kind === 'case_no' || s.kind === 'card',
  );
}
