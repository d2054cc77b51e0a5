import type { ChatLang, OfflineReason } from '../../server/protocol.ts';

/** What survives a page reload in this tab: the conversation to resume, the language, and whether it was open. */
export interface SavedChat {
  token?: string;
  lang?: ChatLang;
  open?: boolean;
  /** The offline form was offered (shown again after a reload until it is sent). */
  offline?: { reason: OfflineReason; opensAt?: string; urgent?: boolean };
  ticketId?: number;
  /** Issue 19: the citizen picked the language (the widget stops following the one they write in). */
  langChosen?: boolean;
  /** The resume token of the conversation the citizen rated. */
  rated?: string | undefined;
}

const KEY = 'svar-chat';

// sessionStorage can throw (blocked storage, sandboxed frames); the widget then simply forgets on reload.
export function loadSaved(): SavedChat {
  try {
    const raw = sessionStorage.getItem(KEY);
    const value: unknown = raw ? JSON.parse(raw) : {};
    return typeof value === 'object' && value !== null ? (value as SavedChat) : {};
  } catch {
    return {};
  }
}

export function save(patch: SavedChat): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ ...loadSaved(), ...patch }));
  } catch {
    // see above
  }
}
