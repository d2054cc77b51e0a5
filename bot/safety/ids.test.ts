import { describe, expect, it } from 'vitest';
import { findIds, findSensitiveSpans } from './ids.ts';
import { redact, stripSensitive } from './redact.ts';

describe('findIds', () => {
  it.each([
    // [text, kind, checksum note]
    ['Fødselsnummeret mitt er 12039412345', 'fnr', 'checksum not valid'], // mistyped: still an ID
    ['fnr: 120394 12345', 'fnr', 'checksum not valid'],
    ['Mitt D-nummer er 52039412345', 'dnr', 'checksum not valid'], // day + 40
    ['CPR 120394-1234', 'cpr', 'modulus 11 not valid'],
    ['cpr-nummer 1203941234', 'cpr', 'modulus 11'],
    ['mit cpr er 120394 1234', 'cpr', 'modulus 11'],
    ['Min sag har nummer 2026/1234', 'case_no', 'year/sequence'],
    ['saksnummer 24/01234-3', 'case_no', 'case keyword'],
    ['Det gjelder sak 2025/998', 'case_no', 'case keyword'],
    ['Vår referanse: 2024/00123-4', 'case_no', 'case keyword'],
    ['Case no. AB-12345', 'case_no', 'case keyword'],
    ['sagsnr. 22-1234', 'case_no', 'case keyword'],
    ['kortnr 4925 1234 5678 9012 utløper 08/27', 'card', 'Luhn not valid'], // mistyped: still a card
    ['betal med 4111-1111-1111-1111', 'card', 'Luhn valid'],
    ['my amex is 3782 822463 10005', 'card', 'Luhn valid'],
    ['kortet mitt: 5555555555554444', 'card', 'Luhn valid'],
  ])('"%s" is %s', (text, kind, note) => {
    const ids = findIds(text);
    expect(ids).toHaveLength(1);
    expect(ids[0]!.kind).toBe(kind);
    expect(ids[0]!.note).toContain(note);
  });

  it('reports a valid checksum when there is one', () => {
    // A synthetic fødselsnummer from the validator's own test data (not a real person).
    const [id] = findIds('13097248022');
    expect(id?.note).toContain('checksum valid');
  });

  it.each([
    'Oppvekstkontoret har telefon 31 00 01 00',
    'Ring 31000100',
    'Mobil +47 912 34 567',
    'ring 0047 91234567',
    'Dansk nummer +45 12 34 56 78',
    'Livslinien 70 201 201',
    'Fødselsdato 12.03.1994',
    'Født 12031994',
    'Det koster kr 12 000 000',
    'Prisen er 3 450 kr i måneden',
    'Skoleåret 2025/2026 starter i august',
    'skoleåret 2025/26',
    'Faktura for 12/2024',
    'in case 100 people come',
    'Saken fra 2024 er ikke ferdig',
    'Tallet 12345678901 har ingen gyldig dato', // 11 digits, month 34: no ID shape
    'Kontonummer 1234 56 78903',
  ])('"%s" has no ID', (text) => {
    expect(findIds(text)).toEqual([]);
  });
});

describe('redact', () => {
  it.each([
    ['Mitt fnr er 12039412345, ring meg på 912 34 567', 'Mitt fnr er [FNR], ring meg på [PHONE]'],
    ['CPR 120394-1234 og mail ole@example.dk', 'CPR [CPR] og mail [EMAIL]'],
    ['sak 2025/998 og saksnummer 24/01234-3', 'sak [CASE_NO] og saksnummer [CASE_NO]'],
    ['Send til post@fjordvik.kommune.example', 'Send til [EMAIL]'],
    ['Ring +47 31 00 00 00 eller 70 201 201', 'Ring [PHONE] eller [PHONE]'],
    ['D-nummer 520394 12345', 'D-nummer [FNR]'],
    ['Hva koster barnehage i 2025?', 'Hva koster barnehage i 2025?'],
    ['Prisen er kr 3 450 000 for tomten', 'Prisen er kr 3 450 000 for tomten'],
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it('never leaves the digits of an ID behind', () => {
    const text = 'nr 12039412345 / 120394-1234 / 2026/1234';
    const out = redact(text);
    expect(out).not.toMatch(/\d{4}/);
  });

  it('strips sensitive spans for searching', () => {
    expect(stripSensitive('Mitt fnr er 12039412345, hva koster SFO?')).toBe('Mitt fnr er , hva koster SFO?');
  });

  it('lists spans in text order without overlaps', () => {
    const spans = findSensitiveSpans('a@b.no 12039412345 31 00 01 00');
    expect(spans.map((s) => s.kind)).toEqual(['email', 'fnr', 'phone']);
  });
});

describe('payment card numbers', () => {
  it.each([
    ['KID 4925123456789012', 'a payment reference named as such'],
    ['kontonummer 1503 1234 5678 9012', 'an account number named as such'],
    ['Ring 4925 1234', 'a phone number'],
    ['Fakturanummer 123456789012', 'twelve digits'],
  ])('"%s" is not a card number (%s)', (text) => {
    expect(findSensitiveSpans(text).filter((s) => s.kind === 'card')).toEqual([]);
  });

  it('redacts the whole card number, not two phone numbers', () => {
    expect(redact('kortnr 4925 1234 5678 9012 utløper 08/27')).toBe('kortnr [CARD] utløper 08/27');
  });
});
