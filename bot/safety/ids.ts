import { idnr } from '@navikt/fnrvalidator';
import danishSsn from 'danish-ssn';
import validator from 'validator';
import { fold } from './fold.ts';

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

/** A number written in groups: `15.03.87 10041`, `150387 100 41`, `15 03 87 12 34`. */
interface Group {
  start: number;
  end: number;
  digits: string;
}

// Groups of digits joined by one separator (a dot or hyphen, perhaps with a space, or a space). Not right
// after a digit or a `+`, so a phone number's country code is never the start of an ID.
const DIGIT_RUN = /(?<![\d+])\d+(?:(?:[.-] ?| )\d+)*/g;

function groupsOf(run: string, offset: number): Group[] {
  return [...run.matchAll(/\d+/g)].map((g) => ({
    start: offset + g.index,
    end: offset + g.index + g[0].length,
    digits: g[0],
  }));
}

/**
 * The groups from `i` on that hold exactly `n` digits, as an ID writes them: in one piece, or with a break
 * right after the six-digit date (so `12.03.1994 12` is a date and a number, not a CPR).
 */
function idWindow(groups: Group[], i: number, n: number): Group[] | undefined {
  let count = 0;
  let breakAfterDate = false;
  for (let j = i; j < groups.length; j++) {
    count += groups[j]!.digits.length;
    if (count === 6) breakAfterDate = true;
    if (count === n) {
      const window = groups.slice(i, j + 1);
      const shape = window.map((g) => g.digits.length).join('-');
      // 1234 56 78903 is how a Norwegian bank account number is written.
      if (shape === '4-2-5') return undefined;
      return window.length === 1 || breakAfterDate ? window : undefined;
    }
    if (count > n) return undefined;
  }
  return undefined;
}

function idSpan(window: Group[], kind: SpanKind, note: string): SensitiveSpan {
  return { kind, start: window[0]!.start, end: window[window.length - 1]!.end, note };
}

/**
 * Norwegian fødselsnummer and D-number (11 digits) and Danish CPR (10 digits), however they are grouped,
 * also inside a longer run of numbers.
 */
function* nationalIdSpans(text: string): Generator<SensitiveSpan> {
  for (const run of text.matchAll(DIGIT_RUN)) {
    const groups = groupsOf(run[0], run.index);
    for (let i = 0; i < groups.length; i++) {
      const fnr = idWindow(groups, i, 11);
      const fnrDigits = fnr?.map((g) => g.digits).join('');
      const kind = fnrDigits ? norwegianDate(fnrDigits) : undefined;
      if (fnr && fnrDigits && kind) {
        const valid = idnr(fnrDigits).status === 'valid';
        yield idSpan(
          fnr,
          kind,
          `${kind === 'dnr' ? 'D-number' : 'fødselsnummer'} shape with a plausible date (checksum ${valid ? 'valid' : 'not valid'})`,
        );
        i += fnr.length - 1;
        continue;
      }
      const cpr = idWindow(groups, i, 10);
      const cprDigits = cpr?.map((g) => g.digits).join('');
      if (cpr && cprDigits && validDayMonth(Number(cprDigits.slice(0, 2)), Number(cprDigits.slice(2, 4)))) {
        const valid = danishSsn.isValid(cprDigits);
        yield idSpan(
          cpr,
          'cpr',
          `CPR shape with a plausible date (modulus 11 ${valid ? 'valid' : 'not valid'})`,
        );
        i += cpr.length - 1;
      }
    }
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

// Eight digits, in one piece or in the usual groups, joined by spaces, dots or hyphens (934-18-281).
const PHONE =
  /(?<![\d+])(?:(?:\+|00)\s?(?:47|45|46)[\s.-]?)?(?:\d{8}|\d{2}[ .-]\d{2}[ .-]\d{2}[ .-]\d{2}|\d{3}[ .-]\d{2}[ .-]\d{3}|\d{4}[ .-]\d{4}|\d{2}[ .-]\d{3}[ .-]\d{3}|\d{3}[ .-]\d{3}[ .-]\d{2})(?![\d])/g;
const MONEY_BEFORE = /(?:kr|nok|dkk|sek|kroner|kronor|€|\$|eur)\.?\s*$/i;
const MONEY_AFTER = /^\s*(?:kr\b|kroner|kronor|nok\b|dkk\b|sek\b|,-|,\d{2}|\.-|%|€)/i;

function* phoneSpans(text: string): Generator<SensitiveSpan> {
  for (const m of text.matchAll(PHONE)) {
    const end = m.index + m[0].length;
    if (MONEY_BEFORE.test(text.slice(Math.max(0, m.index - 8), m.index))) continue;
    if (MONEY_AFTER.test(text.slice(end, end + 8))) continue;
    // One separator throughout: 10.00-15.30 is opening hours, not a number to call.
    const number = m[0].replace(/^(?:\+|00)\s?(?:47|45|46)[\s.-]?/, '');
    if (new Set(number.match(/[ .-]/g) ?? []).size > 1) continue;
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
  const folded = fold(text);
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
 * Spans that make a message a `pii` handover: national IDs, case numbers and payment card numbers (not phones
 * or e-mail, which citizens give so that we can answer them).
 */
export function findIds(text: string): SensitiveSpan[] {
  return findSensitiveSpans(text).filter(
    (s) =>
      s.kind === 'fnr' || s.kind === 'dnr' || s.kind === 'cpr' || s.kind === 'case_no' || s.kind === 'card',
  );
}
