import { createHash } from 'node:crypto';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { z } from 'zod';

export type Contact = { kind: 'email'; value: string } | { kind: 'phone'; value: string };

/** The municipality's country, for phone numbers written without a country code. */
export type PhoneCountry = 'no' | 'dk';

const email = z.email().max(254);
const phone = z.string().regex(/^\+?[0-9][0-9 ().-]{4,24}$/);
const COUNTRY: Record<PhoneCountry, CountryCode> = { no: 'NO', dk: 'DK' };

export const normaliseEmail = (text: string): string => text.trim().toLowerCase();

/**
 * A phone number in E.164 (+4741234567), however it was written: spaces, dashes, dots, brackets, a 00 or +
 * prefix, or no country code at all (then the municipality's country). Undefined if no number could be that.
 */
export function normalisePhone(text: string, country: PhoneCountry = 'no'): string | undefined {
  const n = parsePhoneNumberFromString(text.trim(), COUNTRY[country]);
  return n?.isPossible() ? n.number : undefined;
}

/** An e-mail address or phone number as an admin typed it, or undefined if it is neither. */
export function parseContact(input: string, country: PhoneCountry = 'no'): Contact | undefined {
  const text = input.trim();
  if (email.safeParse(text).success) return { kind: 'email', value: normaliseEmail(text) };
  if (phone.safeParse(text).success) {
    const value = normalisePhone(text, country);
    return value ? { kind: 'phone', value } : undefined;
  }
  return undefined;
}

/** Whether a stored e-mail or phone field holds exactly this contact (after normalising both). */
export function sameContact(field: unknown, contact: Contact, country: PhoneCountry = 'no'): boolean {
  if (typeof field !== 'string' || field.length === 0) return false;
  return contact.kind === 'email'
    ? normaliseEmail(field) === contact.value
    : normalisePhone(field, country) === contact.value;
}

const EMAILS = /[\p{L}\d._%+-]+@[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.\p{L}{2,}/gu;
const PHONES = /(?<![\d+])(?:\+|00)?\d[\d ().-]{3,}\d(?!\d)/g;

/**
 * Whether free text mentions exactly this contact: a whole e-mail address or a whole phone number equal to
 * it after normalising, never a part of a longer one (`a@example.no` is not in `ola@example.no`).
 */
export function mentions(text: string | null, contact: Contact, country: PhoneCountry = 'no'): boolean {
  if (!text) return false;
  const found = contact.kind === 'email' ? text.matchAll(EMAILS) : text.matchAll(PHONES);
  for (const m of found) if (sameContact(m[0], contact, country)) return true;
  return false;
}

/** How the audit log names a contact: a short hash, so the log itself holds no address or number. */
export const contactRef = (c: Contact): string =>
  `contact:${c.kind}:${createHash('sha256').update(c.value).digest('hex').slice(0, 16)}`;
