import { createHash } from 'node:crypto';
import { z } from 'zod';

export type Contact = { kind: 'email'; value: string } | { kind: 'phone'; value: string };

const email = z.email().max(254);
const phone = z.string().regex(/^\+?[0-9][0-9 ()-]{4,24}$/);

/** Digits only, without a 00/+ prefix or the Norwegian/Danish country code, so "+47 31 00 00 00" = "31000000". */
export function phoneDigits(text: string): string {
  let digits = text.replace(/\D/g, '');
  if (digits.startsWith('00')) digits = digits.slice(2);
  if (digits.length > 8 && /^(47|45)/.test(digits)) digits = digits.slice(2);
  return digits;
}

/** An e-mail address or phone number as an admin typed it, or undefined if it is neither. */
export function parseContact(input: string): Contact | undefined {
  const text = input.trim();
  if (email.safeParse(text).success) return { kind: 'email', value: text.toLowerCase() };
  if (phone.safeParse(text).success) {
    const digits = phoneDigits(text);
    return digits.length >= 5 ? { kind: 'phone', value: digits } : undefined;
  }
  return undefined;
}

/** Whether free text mentions the contact (an address anywhere, or a phone number written any usual way). */
export function mentions(text: string | null, contact: Contact): boolean {
  if (!text) return false;
  if (contact.kind === 'email') return text.toLowerCase().includes(contact.value);
  for (const m of text.matchAll(/\+?\d[\d ().-]{3,}\d/g))
    if (phoneDigits(m[0]) === contact.value) return true;
  return false;
}

/** How the audit log names a contact: a short hash, so the log itself holds no address or number. */
export const contactRef = (c: Contact): string =>
  `contact:${c.kind}:${createHash('sha256').update(c.value).digest('hex').slice(0, 16)}`;
