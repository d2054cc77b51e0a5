import type { ChatLang } from '../../server/protocol.ts';
import { LANG_NAMES } from '../citizen/texts/index.ts';
import { consoleLang, ct, useConsoleLang } from '../console-texts/index.ts';
import { api, ApiError } from './api.ts';
import { h, uid } from './dom.ts';
import { CHAT_LANG_LIST, isChatLang } from './langs.ts';

/** The staff member's stored console language, if they have chosen one. */
export async function storedConsoleLang(): Promise<ChatLang | undefined> {
  try {
    const { consoleLang: lang } = await api<{ consoleLang: string | null }>('GET', '/api/me/preferences');
    return isChatLang(lang) ? lang : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The console language switch: a list of the languages, each named in itself, and a button, so choosing in
 * the list alone does not reload the page under the user's keyboard (WCAG 3.2.2). Logged in, the choice is
 * stored for the user and follows them to other browsers; on the login page it is kept in this browser.
 */
export function languageSwitch(o: { loggedIn: boolean }): HTMLElement {
  const t = ct().common;
  const select = h(
    'select',
    { id: uid('console-lang') },
    ...CHAT_LANG_LIST.map((l) =>
      h('option', { value: l, lang: l, selected: l === consoleLang() }, LANG_NAMES[l]),
    ),
  );
  const error = h('span', { class: 'error', role: 'alert' });
  const form = h(
    'form',
    { class: 'language-switch' },
    h('label', { for: select.id }, t.language),
    select,
    h('button', { type: 'submit' }, t.switchLanguage),
    error,
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const lang = select.value;
    if (!isChatLang(lang)) return;
    const save = o.loggedIn ? api('POST', '/api/me/preferences', { lang }) : Promise.resolve();
    save
      .then(() => {
        useConsoleLang(lang);
        location.reload();
      })
      .catch((e: unknown) => {
        error.textContent =
          e instanceof ApiError
            ? (ct().staff.errors[e.code] ?? ct().staff.somethingWrong)
            : ct().staff.somethingWrong;
      });
  });
  return form;
}

/** After login: the user's stored language wins; without one, the one in use (this browser's) stays. */
export async function applyStoredConsoleLang(): Promise<void> {
  const stored = await storedConsoleLang();
  if (stored) useConsoleLang(stored);
  else document.documentElement.lang = consoleLang();
}
