import type { ChatLang } from '../../server/protocol.ts';
import { isChatLang } from '../shared/langs.ts';
import { da } from './da.ts';
import { en } from './en.ts';
import { nb } from './nb.ts';
import { nn } from './nn.ts';
import type { ConsoleTexts } from './types.ts';

export type { ConsoleTexts, StaffTexts, StatsTexts } from './types.ts';

export const CONSOLE_TEXTS: Record<ChatLang, ConsoleTexts> = { nb, nn, da, en };

const KEY = 'svar-console-lang';

/** The browser's own preference among the console languages ("no" is Bokmål); English if none fits. */
export function browserLang(
  languages: readonly string[] = (globalThis.navigator as Navigator | undefined)?.languages ?? [],
): ChatLang {
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0] ?? '';
    const lang = base === 'no' || base === 'nob' ? 'nb' : base === 'nno' ? 'nn' : base;
    if (isChatLang(lang)) return lang;
  }
  return 'en';
}

/** Before login: the language last used in this browser, else the browser's own. */
function remembered(): ChatLang {
  try {
    const saved = localStorage.getItem(KEY);
    if (isChatLang(saved)) return saved;
  } catch {
    // storage blocked: the browser's language will do
  }
  return browserLang();
}

let current: ChatLang = remembered();
// The page's language is the texts' from the first paint (the login page too), for screen readers.
if (typeof document !== 'undefined') document.documentElement.lang = current;

export const consoleLang = (): ChatLang => current;

/** The texts in the console's current language. */
export const ct = (): ConsoleTexts => CONSOLE_TEXTS[current];

/** Uses `lang` from now on (the user's stored choice after login), and remembers it for the login page. */
export function useConsoleLang(lang: string | null | undefined): void {
  if (!isChatLang(lang)) return;
  current = lang;
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(KEY, lang);
  } catch {
    // private mode: the server still keeps the user's choice
  }
}

/** "4 min" / "1 h 05 min" since an ISO time, in the console's language. */
export function waitedSince(sinceIso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(sinceIso)) / 60_000));
  const t = ct().common;
  if (minutes < 60) return t.minutes(minutes);
  return t.hours(Math.floor(minutes / 60), String(minutes % 60).padStart(2, '0'));
}
