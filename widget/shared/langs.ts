import type { ChatLang } from '../../server/protocol.ts';

/** Mirrors CHAT_LANGS in server/protocol.ts without importing it (that module pulls zod into the bundle). */
export const CHAT_LANG_LIST = ['nb', 'nn', 'da', 'en'] as const satisfies readonly ChatLang[];

export const isChatLang = (value: unknown): value is ChatLang =>
  typeof value === 'string' && (CHAT_LANG_LIST as readonly string[]).includes(value);
