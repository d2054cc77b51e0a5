/**
 * fast-check generators of personal data in the many ways people write it: valid Norwegian fødselsnummer and
 * D-numbers, Danish CPR numbers, e-mail addresses and phone numbers. Test support only.
 */
import fc from 'fast-check';

export interface Pii {
  kind: 'fnr' | 'dnr' | 'cpr' | 'pnr' | 'email' | 'phone';
  /** As the citizen typed it. */
  written: string;
  /** The same in plain ASCII digits (or a lower-case address): what must not be found anywhere either. */
  canonical: string;
}

const FULLWIDTH_OFFSET = 0xff10 - 0x30;
/** `１５０３８７` for `150387`: digits (and @ . -) in their fullwidth forms. */
export const fullwidth = (s: string): string =>
  s.replace(/[0-9@.\-a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + FULLWIDTH_OFFSET));

const pad = (n: number): string => String(n).padStart(2, '0');

function fnrChecksums(nine: string): string | undefined {
  const d = [...nine].map(Number);
  const w1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
  const w2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const mod = (ws: number[], ds: number[]) => {
    const r = 11 - (ws.reduce((s, w, i) => s + w * ds[i]!, 0) % 11);
    return r === 11 ? 0 : r;
  };
  const k1 = mod(w1, d);
  if (k1 === 10) return undefined;
  const k2 = mod(w2, [...d, k1]);
  if (k2 === 10) return undefined;
  return `${nine}${k1}${k2}`;
}

const date = fc.record({
  day: fc.integer({ min: 1, max: 28 }),
  month: fc.integer({ min: 1, max: 12 }),
  year: fc.integer({ min: 0, max: 99 }),
});

/** A fødselsnummer (or, with 40 added to the day, a D-number) with valid check digits. */
const norwegianId = (dnr: boolean) =>
  fc
    .tuple(date, fc.integer({ min: 0, max: 999 }))
    .map(([d, individual]) =>
      fnrChecksums(
        `${pad(d.day + (dnr ? 40 : 0))}${pad(d.month)}${pad(d.year)}${String(individual).padStart(3, '0')}`,
      ),
    )
    .filter((id): id is string => id !== undefined);

const cprNumber = fc
  .tuple(date, fc.integer({ min: 0, max: 9999 }))
  .map(([d, serial]) => `${pad(d.day)}${pad(d.month)}${pad(d.year)}${String(serial).padStart(4, '0')}`);

/** The ways an 11- or 10-digit ID is written: 15038710041, 150387 10041, 15.03.87 10041, 150387 100 41, … */
function idSpellings(id: string): fc.Arbitrary<string> {
  const [dd, mm, yy, rest] = [id.slice(0, 2), id.slice(2, 4), id.slice(4, 6), id.slice(6)];
  const split = `${rest.slice(0, 3)} ${rest.slice(3)}`;
  return fc.constantFrom(
    id,
    `${dd}${mm}${yy} ${rest}`,
    `${dd}${mm}${yy}-${rest}`,
    `${dd}.${mm}.${yy} ${rest}`,
    `${dd}.${mm}.${yy}-${rest}`,
    `${dd} ${mm} ${yy} ${rest}`,
    `${dd}-${mm}-${yy}-${rest}`,
    `${dd}${mm}${yy} ${split}`,
    `${dd} ${mm} ${yy} ${split}`,
    fullwidth(id),
    fullwidth(`${dd}.${mm}.${yy} ${rest}`),
  );
}

/** A Swedish personnummer (or samordningsnummer, day + 60): YYMMDD-XXXX, YYMMDD+XXXX, YYYYMMDDXXXX, … */
const swedishId = fc
  .tuple(date, fc.integer({ min: 1900, max: 2025 }), fc.integer({ min: 0, max: 9999 }), fc.boolean())
  .chain(([d, year, serial, samordning]) => {
    const ymd = `${pad(year % 100)}${pad(d.month)}${pad(d.day + (samordning ? 60 : 0))}`;
    const last = String(serial).padStart(4, '0');
    return fc
      .constantFrom(
        `${ymd}-${last}`,
        `${ymd}+${last}`,
        `${ymd}${last}`,
        `${String(year).slice(0, 2)}${ymd}${last}`,
        `${String(year).slice(0, 2)}${ymd}-${last}`,
        fullwidth(`${ymd}-${last}`),
      )
      .map((written) => ({ written, canonical: `${ymd}${last}` }));
  });

const phoneNumber = fc
  .tuple(fc.integer({ min: 2, max: 9 }), fc.integer({ min: 0, max: 9_999_999 }))
  .map(([first, rest]) => `${first}${String(rest).padStart(7, '0')}`);

/** 93418281, 934 18 281, 934-18-281, 934.18.281, 93 41 82 81, 9341 8281, +47 934 18 281, 0045 93418281, … */
function phoneSpellings(n: string): fc.Arbitrary<string> {
  const g323 = (sep: string) => `${n.slice(0, 3)}${sep}${n.slice(3, 5)}${sep}${n.slice(5)}`;
  const g2222 = (sep: string) =>
    `${n.slice(0, 2)}${sep}${n.slice(2, 4)}${sep}${n.slice(4, 6)}${sep}${n.slice(6)}`;
  return fc
    .tuple(
      fc.constantFrom('', '+47 ', '+47', '0047 ', '+45 ', '0045'),
      fc.constantFrom(
        n,
        g323(' '),
        g323('-'),
        g323('.'),
        g2222(' '),
        g2222('.'),
        `${n.slice(0, 4)} ${n.slice(4)}`,
      ),
      fc.boolean(),
    )
    .map(([prefix, body, wide]) => (wide ? fullwidth(`${prefix}${body}`) : `${prefix}${body}`));
}

const label = fc.stringMatching(/^[a-z][a-z0-9]{1,9}$/);
const emailAddress = fc
  .tuple(
    fc.array(label, { minLength: 1, maxLength: 3 }),
    fc.constantFrom('.', '_', '-', '+'),
    label,
    fc.constantFrom('no', 'dk', 'com', 'kommune.no', 'example'),
  )
  .map(([parts, sep, domain, tld]) => `${parts.join(sep)}@${domain}.${tld}`);

function emailSpellings(address: string): fc.Arbitrary<string> {
  return fc.constantFrom(
    address,
    address.toUpperCase(),
    `${address[0]!.toUpperCase()}${address.slice(1)}`,
    fullwidth(address),
  );
}

export const piiArbitrary: fc.Arbitrary<Pii> = fc.oneof(
  norwegianId(false).chain((id) =>
    idSpellings(id).map((written) => ({ kind: 'fnr' as const, written, canonical: id })),
  ),
  norwegianId(true).chain((id) =>
    idSpellings(id).map((written) => ({ kind: 'dnr' as const, written, canonical: id })),
  ),
  cprNumber.chain((id) =>
    idSpellings(id).map((written) => ({ kind: 'cpr' as const, written, canonical: id })),
  ),
  swedishId.map(({ written, canonical }) => ({ kind: 'pnr' as const, written, canonical })),
  phoneNumber.chain((n) =>
    phoneSpellings(n).map((written) => ({ kind: 'phone' as const, written, canonical: n })),
  ),
  emailAddress.chain((a) =>
    emailSpellings(a).map((written) => ({ kind: 'email' as const, written, canonical: a })),
  ),
);

/** Strings that must not be found where personal data may not be: as written, canonical, and URL-encoded. */
export function needles(p: Pii): string[] {
  return [...new Set([p.written, p.canonical, encodeURIComponent(p.written)])].map((s) => s.toLowerCase());
}
