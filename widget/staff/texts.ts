import type { ContactType } from '../../server/protocol.ts';
import { ct, waitedSince } from '../console-texts/index.ts';

/**
 * The staff console's words in the user's language: the tables are in widget/console-texts/, one per
 * language; these helpers read codes (reasons, languages, error codes) in words.
 */
export const contactTypeLabel = (c: ContactType): string => ct().komhen[c];

export const reasonLabel = (reason: string | null): string =>
  reason ? ((ct().reasons as Record<string, string>)[reason] ?? reason) : '—';

export const langLabel = (lang: string): string =>
  (ct().common.langs as Record<string, string>)[lang] ?? lang;

export const errorText = (code: string, fallback?: string): string =>
  ct().staff.errors[code] ?? fallback ?? ct().staff.somethingWrong;

/** "4 min" / "1 h 05 min" since an ISO time. */
export const waited = (sinceIso: string, now = Date.now()): string => waitedSince(sinceIso, now);
