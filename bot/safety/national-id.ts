import { idnr } from '@navikt/fnrvalidator';
import danishSsn from 'danish-ssn';
// The one function used, without loading the package's hundred others at every start.
import luhn from 'validator/lib/isLuhnNumber.js';

/** CommonJS: module.exports is the function and carries itself as `default`, which is what the types see. */
const isLuhnNumber = luhn.default;

/**
 * Nordic national ID numbers in folded citizen text: Norwegian fødselsnummer, D-, H- and synthetic numbers (11
 * digits), Danish CPR (10), Swedish personnummer and samordningsnummer (10 or 12, `-` or `+`).
 *
 * Privacy comes first, so an ID is recognised by its length and a plausible date, never by its checksum: a
 * mistyped ID is still someone's ID. Separators may stand anywhere (spaces, dots, dashes, `+`, groups of any
 * size). An ID word right before a number (fnr, CPR, personnummer, …) makes any 9 to 13 digits an ID.
 * What stays a non-ID, because its form tells it apart:
 * - phone numbers: 8 digits (NO, DK) never have an ID's length; a Swedish 10-digit number written with its
 *   area code (`070-123 45 67`, `08-123 456 78`) or after a phone word (`tel 0701234567`) is a phone number,
 *   but a bare `0701234567` is taken as an ID (it is a plausible CPR: 7 January 2023);
 * - bank account numbers: `1234 56 78903`, or any number after an account word;
 * - dates and date ranges (`12.03.1994`, `12.03.94-14.03.94`): a dotted tail after the date is another date;
 * - prices and amounts: a currency word before or after;
 * - case numbers (`2024/1234`): `/` is never an ID separator.
 * The trade-off: a 10- or 11-digit number that happens to start with a plausible date and has none of those
 * forms is redacted and handed over as an ID. For privacy that is the right way to be wrong.
 */

export type NationalIdKind = 'fnr' | 'dnr' | 'cpr' | 'pnr';

export interface NationalIdSpan {
  kind: NationalIdKind;
  start: number;
  end: number;
  note: string;
}

interface Group {
  start: number;
  end: number;
  digits: string;
  /** The separator before this group ('' for the first). */
  sep: string;
}

const daysIn = (month: number): number => [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
export const validDayMonth = (day: number, month: number): boolean =>
  month >= 1 && month <= 12 && day >= 1 && day <= daysIn(month);
const two = (digits: string, at: number): number => Number(digits.slice(at, at + 2));

/** Norwegian DDMMYY: D-numbers add 40 to the day, H-numbers 40 and synthetic numbers 80 to the month. */
function norwegianDate(digits: string): 'fnr' | 'dnr' | 'hnr' | 'synthetic' | undefined {
  const day = two(digits, 0);
  const rawMonth = two(digits, 2);
  const month = rawMonth > 80 ? rawMonth - 80 : rawMonth > 40 ? rawMonth - 40 : rawMonth;
  const variant = rawMonth > 80 ? 'synthetic' : rawMonth > 40 ? 'hnr' : 'fnr';
  if (validDayMonth(day, month)) return variant;
  if (day > 40 && validDayMonth(day - 40, month)) return 'dnr';
  return undefined;
}

const danishDate = (digits: string): boolean => validDayMonth(two(digits, 0), two(digits, 2));

/** Swedish YYMMDD (or the last six of YYYYMMDD): samordningsnummer add 60 to the day. */
function swedishDate(yymmdd: string): 'personnummer' | 'samordningsnummer' | undefined {
  const month = two(yymmdd, 2);
  const day = two(yymmdd, 4);
  if (validDayMonth(day, month)) return 'personnummer';
  if (day > 60 && validDayMonth(day - 60, month)) return 'samordningsnummer';
  return undefined;
}

const validity = (ok: boolean) => (ok ? 'valid' : 'not valid');

// A separator: spaces, a dot or a dash with spaces around it, or `+` (a Swede over 100).
const SEP = String.raw`(?: {0,3}[.-] {0,3}| {1,3}|\+)`;
const RUN = new RegExp(String.raw`(?<![\d+])\d+(?:${SEP}\d+)*(?!\d)`, 'g');

const ID_WORD =
  /(?:f(?:ø|o|oe)dsels?(?:nummer|nr)|f\.? ?nr|d-?(?:nummer|nr)|h-?nummer|person(?:nummer|numret|nummeret|nr)|p-?nr|samordningsnummer|syntetisk|cpr(?:-?(?:nummer|nr))?|personal (?:identity |id |identification )?(?:number|no)|national id(?:entity)?(?: number)?|social security(?: number)?|ssn|id-?nummer|id number)\b[^\d\n]{0,25}$/i;
const PHONE_WORD = /(?:tel|tlf|telefon\w*|mobil\w*|mob|ring\w*|call|phone|sms)\b[^\d\n]{0,20}$/i;
const ACCOUNT_WORD = /(?:konto\w*|account\w*|reg\.? ?nr|iban|bankgiro|plusgiro)\b[^\d\n]{0,20}$/i;
const MONEY_BEFORE = /(?:kr|nok|dkk|sek|kroner|kronor|€|\$|eur)\.?\s*$/i;
const MONEY_AFTER = /^\s*(?:kr\b|kroner|kronor|nok\b|dkk\b|sek\b|,-|,\d{2}|\.-|%|€)/i;

interface Candidate {
  kind: NationalIdKind;
  note: string;
}

/** The ID a window of whole groups spells, if its digits have an ID's length and a plausible date. */
function readWindow(window: Group[], idWord: boolean): Candidate | undefined {
  const digits = window.map((g) => g.digits).join('');
  const lengths = window.map((g) => g.digits.length);
  const seps = window.slice(1).map((g) => g.sep.trim());
  // What follows the date must not be another date (12.03.94-14.03.94 is a range, not a CPR).
  const tailIsDate = (dateDigits: number): boolean => {
    let count = 0;
    const k = window.findIndex((g) => (count += g.digits.length) === dateDigits);
    const [a, b] = [window[k + 1], window[k + 2]];
    if (k < 0 || !a || !b || b.sep.trim() !== '.' || a.digits.length > 2 || b.digits.length > 2) return false;
    return validDayMonth(Number(a.digits), Number(b.digits));
  };
  // dd.mm.yyyy is a date with the full year: an ID only when the personal digits follow, five for a Norwegian
  // and four after a dash for a Danish one. Grouped with spaces, it is read like any other run.
  const fullYear =
    lengths[0] === 2 && lengths[1] === 2 && lengths[2] === 4 && /^(?:18|19|20)/.test(window[2]!.digits);
  if (fullYear && seps[0] !== '' && seps[0] === seps[1] && /^[.-]$/.test(seps[0] ?? '')) {
    const rest = digits.length - 8;
    if (tailIsDate(8)) return undefined;
    const date = digits.slice(0, 4);
    if (rest === 5 && norwegianDate(date + '00'))
      return { kind: 'fnr', note: 'fødselsnummer written with the full year (date and five digits)' };
    if (rest === 4 && seps[2] === '-' && danishDate(date))
      return { kind: 'cpr', note: 'CPR written with the full year (date, dash, four digits)' };
    if (digits.length !== 11) return undefined;
  }
  if (tailIsDate(6)) return undefined;
  if (digits.length === 11) {
    const variant = norwegianDate(digits);
    const valid = idnr(digits).status === 'valid';
    if (!idWord && lengths.join('-') === '4-2-5') return undefined; // how a bank account number is written
    if (!variant && !idWord) return undefined;
    const name =
      { fnr: 'fødselsnummer', dnr: 'D-number', hnr: 'H-number', synthetic: 'synthetic number' }[
        variant ?? 'fnr'
      ] ?? 'fødselsnummer';
    const how = variant ? 'with a plausible date' : 'after an ID word';
    return {
      kind: variant === 'dnr' ? 'dnr' : 'fnr',
      note: `${name} shape ${how} (checksum ${validity(valid)})`,
    };
  }
  if (digits.length === 10) {
    // A Swedish number with its area code: 070-123 45 67, 08-123 456 78.
    const areaCode =
      digits.startsWith('0') && (lengths[0] ?? 0) >= 2 && (lengths[0] ?? 0) <= 4 && seps[0] === '-';
    if (!idWord && areaCode && !seps.slice(1).includes('-')) return undefined;
    const plus = seps.includes('+');
    const swedish = swedishDate(digits.slice(0, 6));
    const luhn = isLuhnNumber(digits);
    if (danishDate(digits) && !plus && !(swedish && luhn))
      return {
        kind: 'cpr',
        note: `CPR shape with a plausible date (modulus 11 ${validity(danishSsn.isValid(digits))}, not required since 2007)`,
      };
    if (swedish)
      return { kind: 'pnr', note: `Swedish ${swedish} shape with a plausible date (Luhn ${validity(luhn)})` };
    if (idWord) return { kind: 'cpr', note: 'ten digits after an ID word' };
    return undefined;
  }
  if (digits.length === 12) {
    const swedish = /^(?:18|19|20)/.test(digits) ? swedishDate(digits.slice(2, 8)) : undefined;
    if (swedish) {
      const luhn = isLuhnNumber(digits.slice(2));
      return { kind: 'pnr', note: `Swedish ${swedish} with the full year (Luhn ${validity(luhn)})` };
    }
    if (idWord) return { kind: 'pnr', note: 'twelve digits after an ID word' };
    return undefined;
  }
  if (idWord && digits.length >= 9 && digits.length <= 13)
    return { kind: digits.length === 11 ? 'fnr' : 'cpr', note: `${digits.length} digits after an ID word` };
  return undefined;
}

// An ID told in two parts: a birth date, and the personal digits named as such a few words away ("født
// 14.02.95, sidste fire 3441"; "born 14.02.1995, last five digits 34411"; "personnummer 34411, fødd 140295").
// The date needs a birth word or "first part" before it, the four or five digits a word that names them (last
// digits, the rest, the personal number): a date and a card's last four, or a postcode, are not an ID.
const BIRTH_CUE =
  /(?<!\p{L})(?:f(?:ø|o|oe|ö)(?:dt|dd|dselsdato|dselsdag|delsedatum|delsedag)|born|birth ?date|date of birth|dob|(?:første|forste|fyrste|första|forsta|first) (?:del|delen|part|seks|sex|six|halvdel|half))(?!\p{L})[^\d\n]{0,15}$/iu;
const TAIL_CUE =
  /(?<!\p{L})(?:siste|sidste|sista|last|final|resten|rest|andre del|anden del|andra delen|second part|siffer|sifre|siffr\p{L}*|cifre|digits|person(?:nummer|numret|nr|sifre|siffer)|kontrollsiffer|kontrolciffer|løbenummer|lobenummer|f(?:ø|o|oe|ö)dselsnummer|cpr|personal number|id number|national id)(?!\p{L})[^\d\n]{0,20}$/iu;
// dd.mm.yy(yy), the Swedish yyyy-mm-dd, or six digits in one piece (ddmmyy, or the Swedish yymmdd).
const SPLIT_DATE =
  /(?<![\d.,/:-])(?:(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})|(?:19|20)\d\d-(\d\d)-(\d\d)|(\d{6}))(?![\d]|[./:-]\d)/g;
const SPLIT_TAIL = /(?<![\d.,/:-])(\d{4,5})(?![\d]|[.,/:-]\d)/g;
/** How far apart the two parts may stand, in characters: one sentence, give or take. */
const SPLIT_REACH = 80;

function* splitIdSpans(text: string): Generator<NationalIdSpan> {
  const dates: { start: number; end: number }[] = [];
  for (const m of text.matchAll(SPLIT_DATE)) {
    const six = m[6];
    const plausible = six
      ? validDayMonth(two(six, 0), two(six, 2)) || swedishDate(six) !== undefined
      : m[1]
        ? validDayMonth(Number(m[1]), Number(m[2]))
        : validDayMonth(Number(m[5]), Number(m[4]));
    if (!plausible) continue;
    if (!BIRTH_CUE.test(text.slice(Math.max(0, m.index - 40), m.index))) continue;
    dates.push({ start: m.index, end: m.index + m[0].length });
  }
  if (dates.length === 0) return;
  for (const m of text.matchAll(SPLIT_TAIL)) {
    const tail = { start: m.index, end: m.index + m[0].length };
    if (!TAIL_CUE.test(text.slice(Math.max(0, tail.start - 40), tail.start))) continue;
    const date = dates.find((d) =>
      d.end <= tail.start ? tail.start - d.end <= SPLIT_REACH : d.start - tail.end <= SPLIT_REACH,
    );
    if (!date || (date.start < tail.end && tail.start < date.end)) continue;
    const five = m[0].length === 5;
    const kind: NationalIdKind = five ? 'fnr' : 'cpr';
    const note = `${five ? 'fødselsnummer' : 'CPR or personnummer'} in two parts: a birth date and the ${m[0].length} personal digits`;
    // Both parts are the ID: each is redacted, and the words between are left as written.
    for (const part of [date, tail].sort((a, b) => a.start - b.start)) yield { kind, note, ...part };
  }
}

/** Every national ID in the (folded) text, however it is grouped, also inside a longer run of numbers. */
export function* nationalIdSpans(text: string): Generator<NationalIdSpan> {
  yield* splitIdSpans(text);
  for (const run of text.matchAll(RUN)) {
    const groups: Group[] = [];
    let prevEnd = run.index;
    for (const g of run[0].matchAll(/\d+/g)) {
      const start = run.index + g.index;
      groups.push({ start, end: start + g[0].length, digits: g[0], sep: text.slice(prevEnd, start) });
      prevEnd = start + g[0].length;
    }
    const runEnd = run.index + run[0].length;
    const before = text.slice(Math.max(0, run.index - 40), run.index);
    const after = text.slice(runEnd, runEnd + 8);
    const idWord = ID_WORD.test(before);
    if (!idWord && (MONEY_BEFORE.test(before) || MONEY_AFTER.test(after))) continue;
    const phoneWord = !idWord && PHONE_WORD.test(before);
    const accountWord = !idWord && ACCOUNT_WORD.test(before);
    for (let i = 0; i < groups.length; i++) {
      // Never from the middle of a dotted number: in 01.02.2024-05.02.2024, "2024-05.02.2024" is no ID.
      if (groups[i]!.sep.trim() === '.') continue;
      let found: { candidate: Candidate; last: number } | undefined;
      let count = 0;
      // The longest ID that starts here: 12.03.1994 12345 before 12.03.19…, 19850412-3391 before 850412-3391.
      for (let j = i; j < groups.length && count <= 13; j++) {
        count += groups[j]!.digits.length;
        if (count < 9 || count > 13) continue;
        const candidate = readWindow(groups.slice(i, j + 1), idWord && i === 0);
        if (candidate) found = { candidate, last: j };
      }
      if (!found) continue;
      const { candidate, last } = found;
      const window = groups
        .slice(i, last + 1)
        .map((g) => g.digits)
        .join('');
      // `tel 0701234567`: after a phone word, ten digits in one piece starting with 0 are a Swedish phone number.
      if (phoneWord && last === i && window.length === 10 && window.startsWith('0')) continue;
      if (accountWord) continue;
      yield { ...candidate, start: groups[i]!.start, end: groups[last]!.end };
      i = last;
    }
  }
}
