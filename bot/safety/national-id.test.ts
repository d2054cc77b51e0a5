import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findIds, findSensitiveSpans } from './ids.ts';
import { redact } from './redact.ts';

/**
 * Property tests: every national ID, in every format and with separators anywhere, is found by the handover
 * decision and redacted at the boundary, by the same detector; phone, account and case numbers, dates and
 * prices are not IDs.
 */

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const daysIn = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const date = fc
  .record({ month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
  .map(({ month, day }) => ({ month, day: Math.min(day, daysIn[month - 1]!) }));
const yy = fc.integer({ min: 0, max: 99 });

function fnrChecksums(nine: string): string {
  const d = [...nine].map(Number);
  const mod = (ws: number[], ds: number[]) => (11 - (ws.reduce((s, w, i) => s + w * ds[i]!, 0) % 11)) % 11;
  const k1 = mod([3, 7, 6, 1, 8, 9, 4, 5, 2], d);
  const k2 = mod([5, 4, 3, 2, 7, 6, 5, 4, 3, 2], [...d, k1]);
  return `${nine}${k1 % 10}${k2 % 10}`; // a check digit of 10 makes a mistyped number: still an ID
}

/** Norwegian: fødselsnummer, D-number (day + 40), H-number (month + 40), synthetic (month + 80). */
const norwegian = fc
  .tuple(date, yy, fc.integer({ min: 0, max: 999 }), fc.constantFrom(0, 1, 2, 3), fc.boolean())
  .map(([d, y, individual, variant, checked]) => {
    const day = d.day + (variant === 1 ? 40 : 0);
    const month = d.month + (variant === 2 ? 40 : variant === 3 ? 80 : 0);
    const nine = `${pad(day)}${pad(month)}${pad(y)}${pad(individual, 3)}`;
    return checked ? fnrChecksums(nine) : `${nine}${pad(individual % 97)}`;
  });

/** Danish CPR: DDMMYY and four digits, no modulus 11 since 2007. */
const danish = fc
  .tuple(date, yy, fc.integer({ min: 0, max: 9999 }))
  .map(([d, y, serial]) => `${pad(d.day)}${pad(d.month)}${pad(y)}${pad(serial, 4)}`);

/** Swedish: YYMMDD or YYYYMMDD and four digits; samordningsnummer add 60 to the day. */
const swedish = fc
  .tuple(
    date,
    fc.integer({ min: 1900, max: 2025 }),
    fc.integer({ min: 0, max: 9999 }),
    fc.boolean(),
    fc.boolean(),
  )
  .map(([d, year, serial, samordning, long]) => {
    const ymd = `${pad(year % 100)}${pad(d.month)}${pad(d.day + (samordning ? 60 : 0))}`;
    return `${long ? String(year).slice(0, 2) : ''}${ymd}${pad(serial, 4)}`;
  });

const SEPARATORS = [' ', '.', '-', ' - ', '  ', '. ', ' -'];

/**
 * The digits cut into groups of one to six, joined by any separator. Carve-outs where the form tells
 * something else apart (national-id.ts documents the trade-off): after the date, a dotted `dd.mm` is another
 * date (12.03.94-14.03.94); `dd.mm.yyyy` with a four-digit year is a date; `070-123 45 67` is a Swedish phone
 * number; `1234 56 78903` is a Norwegian bank account number.
 */
function spelled(digits: string): fc.Arbitrary<string> {
  return (
    fc
      .array(fc.tuple(fc.integer({ min: 1, max: 6 }), fc.constantFrom(...SEPARATORS)), {
        minLength: 1,
        maxLength: 8,
      })
      .map((cuts) => {
        let out = '';
        let at = 0;
        for (const [size, sep] of cuts) {
          if (at >= digits.length) break;
          const piece = digits.slice(at, at + size);
          at += size;
          const afterDate = at > 6;
          out += piece + (at < digits.length ? (afterDate && sep.includes('.') ? ' ' : sep) : '');
        }
        if (at < digits.length) out += digits.slice(at);
        return out;
      })
      .filter((s) => !/^\d\d[.-]\s*\d\d[.-]\s*(?:18|19|20)\d\d(?:\D|$)/.test(s))
      // A Swedish phone number's form: an area code, a dash, and no other dash (070-123 45 67).
      .filter((s) => !(digits.length === 10 && /^0\d{1,3} ?- ?[^-]*$/.test(s)))
      // A Norwegian bank account number's form: 1234 56 78903.
      .filter((s) => !/^\d{4}\D+\d{2}\D+\d{5}$/.test(s))
  );
}

const sentence = (id: string) =>
  fc
    .tuple(
      fc.constantFrom(
        '',
        'fnr ',
        'Mitt personnummer är ',
        'cpr: ',
        'Her er nummeret: ',
        'my number is ',
        'Hei, ',
      ),
      fc.constantFrom('', '.', ', kan dere sjekke?', ' og jeg lurer på søknaden', '\n'),
    )
    .map(([before, after]) => `${before}${id}${after}`);

const anyId = fc.oneof(
  norwegian.map((d) => ({ digits: d, kinds: ['fnr', 'dnr'] })),
  danish.map((d) => ({ digits: d, kinds: ['cpr', 'pnr'] })),
  swedish.map((d) => ({ digits: d, kinds: ['pnr', 'cpr'] })),
);

const ID_KINDS = new Set(['fnr', 'dnr', 'cpr', 'pnr']);
const nationalIds = (text: string) => findIds(text).filter((s) => ID_KINDS.has(s.kind));

describe('national ID numbers in every format', () => {
  it('are found for the handover and redacted at the boundary, by the same detector', () => {
    fc.assert(
      fc.property(
        anyId.chain(({ digits, kinds }) =>
          spelled(digits).chain((written) =>
            sentence(written).map((text) => ({ text, written, digits, kinds })),
          ),
        ),
        ({ text, written, digits }) => {
          const ids = nationalIds(text);
          expect(ids.length, text).toBeGreaterThan(0);
          const out = redact(text);
          expect(out, text).not.toContain(written);
          // No trace of the ID's digits is left: at most a stray digit that was not part of it.
          expect(out.replace(/\D/g, '').length, `${text} → ${out}`).toBe(0);
          expect(text.replace(/\D/g, '')).toBe(digits);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['Mitt personnummer är 850412-3391', 'pnr'],
    ['pnr 19920701 2345', 'pnr'],
    ['Samordningsnummer: 910262-4431', 'pnr'],
    ['Pappa är född 1918, personnummer 180305+1234', 'pnr'],
    ['fnr er 1509 7622 813', 'fnr'],
    ['fødselsnummer: 19.11.56 - 402 11', 'fnr'],
    ['min fars fnr er 120932 - 11456', 'fnr'],
    ['010 190 123 45', 'fnr'],
    ['H-nummer 15437612345', 'fnr'],
    ['syntetisk 15837612345', 'fnr'],
    ['født 12.03.1994 12345', 'fnr'],
    ['cpr 12.03.1994-1234', 'cpr'],
    ['fnr 1234567890 1', 'fnr'], // no plausible date, but an ID word says what it is
  ])('%s is %s', (text, kind) => {
    expect(nationalIds(text).map((s) => s.kind)).toEqual([kind]);
  });
});

/** Eight-digit Nordic phone numbers, with country codes and the usual groupings; Swedish ones with area codes. */
const phone = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: 2, max: 9 }),
      fc.integer({ min: 0, max: 9_999_999 }),
      fc.constantFrom('', '+47 ', '+45 ', '0047 '),
    )
    .chain(([first, rest, cc]) => {
      const n = `${first}${pad(rest, 7)}`;
      return fc
        .constantFrom(
          n,
          `${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5)}`,
          `${n.slice(0, 2)} ${n.slice(2, 4)} ${n.slice(4, 6)} ${n.slice(6)}`,
          `${n.slice(0, 2)}.${n.slice(2, 4)}.${n.slice(4, 6)}.${n.slice(6)}`,
          `${n.slice(0, 4)} ${n.slice(4)}`,
          `${n.slice(0, 3)}-${n.slice(3, 5)}-${n.slice(5)}`,
        )
        .map((body) => `${cc}${body}`);
    }),
  fc
    .tuple(
      fc.constantFrom('070', '072', '073', '076', '079', '08', '031', '040'),
      fc.integer({ min: 0, max: 9_999_999 }),
    )
    .chain(([area, rest]) => {
      const n = pad(rest, 10 - area.length);
      return fc.constantFrom(
        `${area}-${n}`,
        `${area}-${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5)}`,
        `tel ${area}${n}`,
        `+46 ${area.slice(1)} ${n.slice(0, 3)} ${n.slice(3)}`,
      );
    }),
);

/** Norwegian account numbers 4-2-5 (a checksum that is not a fødselsnummer's), or any after an account word. */
const account = fc
  .tuple(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 0, max: 9_999_999 }))
  .chain(([a, b]) => {
    const n = `${a}${pad(b, 7)}`;
    return fc.constantFrom(
      `${n.slice(0, 4)} ${n.slice(4, 6)} ${n.slice(6)}`,
      `${n.slice(0, 4)}.${n.slice(4, 6)}.${n.slice(6)}`,
      `kontonummer ${n}`,
      `account ${n.slice(0, 4)} ${n.slice(4)}`,
    );
  });

const caseNumber = fc
  .tuple(
    fc.integer({ min: 2015, max: 2027 }),
    fc.integer({ min: 1, max: 99_999 }),
    fc.integer({ min: 1, max: 9 }),
  )
  .chain(([year, seq, doc]) =>
    fc.constantFrom(
      `saksnummer ${year}/${seq}`,
      `${year}/${pad(seq, 5)}-${doc}`,
      `sagsnr ${String(year).slice(2)}/${pad(seq, 5)}`,
      `ärende ${year}/${seq}`,
    ),
  );

const dateOrPrice = fc
  .tuple(date, fc.integer({ min: 1950, max: 2030 }), date, fc.integer({ min: 1, max: 9_999_999 }))
  .chain(([d, year, d2, amount]) =>
    fc.constantFrom(
      `${pad(d.day)}.${pad(d.month)}.${year}`,
      `${pad(d.day)}.${pad(d.month)}.${pad(year % 100)}-${pad(d2.day)}.${pad(d2.month)}.${pad(year % 100)}`,
      `${pad(d.day)}.${pad(d.month)}.${year} kl ${pad(d2.day % 24)}`,
      `${pad(d.day)}.${pad(d.month)}.${year}-${pad(d2.day)}.${pad(d2.month)}.${year}`,
      `${pad(d.day)}.${pad(d.month)}.${year} - ${pad(d2.day)}.${pad(d2.month)}.${year}`,
      `kr ${amount.toLocaleString('nb-NO')}`,
      `${amount.toLocaleString('sv-SE')} kronor`,
      `${year}-${pad(d.month)}-${pad(d.day)}`,
    ),
  );

describe('numbers that are not national IDs', () => {
  it.each([
    ['phone numbers', phone],
    ['bank account numbers', account],
    ['case numbers', caseNumber],
    ['dates and prices', dateOrPrice],
  ] as const)('%s', (_, arbitrary) => {
    fc.assert(
      fc.property(arbitrary, (text) => {
        expect(nationalIds(text), text).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it('phone numbers are still redacted as phone numbers', () => {
    fc.assert(
      fc.property(phone, (text) => {
        expect(
          findSensitiveSpans(text).map((s) => s.kind),
          text,
        ).toContain('phone');
      }),
      { numRuns: 500 },
    );
  });
});

describe('an ID told in two parts: a birth date, and the personal digits a few words away', () => {
  const birthDate = fc
    .tuple(
      date,
      fc.integer({ min: 1930, max: 2024 }),
      fc.constantFrom('dd.mm.yy', 'dd.mm.yyyy', 'ddmmyy', 'iso'),
    )
    .map(([d, year, form]) => {
      const yy2 = pad(year % 100);
      if (form === 'dd.mm.yy') return `${pad(d.day)}.${pad(d.month)}.${yy2}`;
      if (form === 'dd.mm.yyyy') return `${pad(d.day)}.${pad(d.month)}.${year}`;
      if (form === 'iso') return `${year}-${pad(d.month)}-${pad(d.day)}`;
      return `${pad(d.day)}${pad(d.month)}${yy2}`;
    });
  const birthWord = fc.constantFrom(
    'født',
    'fødd',
    'Född',
    'born',
    'jeg er født den',
    'date of birth:',
    'første del er',
  );
  const tailWord = fc.constantFrom(
    'siste fem',
    'sidste fire',
    'sista fyra siffrorna',
    'last five digits',
    'de fem siste sifrene er',
    'personnummer',
    'resten er',
    'andre del',
  );
  const tail = fc
    .integer({ min: 0, max: 99999 })
    .chain((n) => fc.constantFrom(pad(n, 4).slice(-4), pad(n, 5)));

  it('are found, both parts redacted, in either order', () => {
    fc.assert(
      fc.property(birthDate, birthWord, tailWord, tail, fc.boolean(), (d, bw, tw, t, dateFirst) => {
        const text = dateFirst ? `${bw} ${d}, ${tw} ${t}, kan dere sjekke?` : `${tw} ${t}, ${bw} ${d}`;
        const ids = nationalIds(text);
        expect(ids.length, text).toBe(2);
        const out = redact(text);
        expect(out, text).not.toContain(d);
        expect(out, text).not.toMatch(new RegExp(`(?<!\\d)${t}(?!\\d)`));
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    'født 14.02.95, bor i postnummer 0450',
    'født 14.02.1995, har 2 barn og betalte 3441 kr',
    'Født 14.02.1995 kl 1430, siste time',
    'paid 14.02.25 with my card, last four digits 1234',
    'møtet er 14.02.2025, siste frist er 1600',
    'born in 1995, last five years in Oslo',
  ])('a date and four or five digits that are not one: %s', (text) => {
    expect(nationalIds(text)).toEqual([]);
  });
});
