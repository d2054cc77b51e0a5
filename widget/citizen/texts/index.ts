import type { ChatLang } from '../../../server/protocol.ts';
import { da } from './da.ts';
import { en } from './en.ts';
import { nb } from './nb.ts';
import { nn } from './nn.ts';
import type { WidgetTexts } from './types.ts';

export type { WidgetTexts } from './types.ts';

export const TEXTS: Record<ChatLang, WidgetTexts> = { nb, nn, da, en };

/** Each language named in itself, for the language menu. */
export const LANG_NAMES: Record<ChatLang, string> = {
  nb: 'Norsk bokmål',
  nn: 'Norsk nynorsk',
  da: 'Dansk',
  en: 'English',
};
