import type { ReplyLang } from '../types.ts';
import { DA } from './da.ts';
import { EN } from './en.ts';
import type { BotTexts, TextKey } from './keys.ts';
import { NB } from './nb.ts';
import { NN } from './nn.ts';

export { TEXT_KEYS } from './keys.ts';
export type { BotTexts, TextKey };

const ALL: Readonly<Record<ReplyLang, BotTexts>> = { nb: NB, nn: NN, da: DA, en: EN };

/** All citizen-facing bot strings in one language. */
export function texts(lang: ReplyLang): BotTexts {
  return ALL[lang];
}

/** Fills `{name}` placeholders; unknown ones are left as they are so a missing value is visible in tests. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    values[name] === undefined ? whole : String(values[name]),
  );
}
