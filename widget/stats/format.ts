import { ct } from '../console-texts/index.ts';

/** Numbers as people read them; the same rules as the server's Markdown report. */
export const percent = (share: number | null): string =>
  share === null ? '–' : `${(share * 100).toFixed(1).replace(/\.0$/, '')} %`;

export function duration(seconds: number | null): string {
  if (seconds === null) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}

/** Codes from the log (handover reasons, contact types, languages) in words, in the console's language. */
export function label(code: string): string {
  const t = ct();
  const tables: Record<string, string>[] = [t.stats.codes, t.komhen, t.common.langs];
  for (const table of tables) if (code in table) return table[code] ?? code;
  return code;
}
