import type { ChatLang } from '../../../server/protocol.ts';
import { h, uid } from '../../shared/dom.ts';
import type { I18n } from '../i18n.ts';
import { LANG_NAMES } from '../texts/index.ts';

export interface PanelParts {
  panel: HTMLElement;
  closeButton: HTMLButtonElement;
  humanButton: HTMLButtonElement;
  scroller: HTMLElement;
  /** Where the offline form or the "chat ended" block goes, below the log. */
  extra: HTMLElement;
  /** Adds the privacy link when the page did not give one (the server's configured page). */
  setPrivacyUrl(url: string): void;
}

/** The chat window's frame: title bar (language, menu, close), scrolling conversation, status and footer. */
export function createPanel(
  i18n: I18n,
  o: {
    id: string;
    privacyUrl: string | undefined;
    menu: { toggle: HTMLElement; region: HTMLElement };
    /** Stays in view above the conversation (the emergency numbers after a crisis). */
    pinned?: HTMLElement;
    log: HTMLElement;
    status: HTMLElement;
    composer: HTMLElement;
    onLang(lang: ChatLang): void;
    onHuman(): void;
  },
): PanelParts {
  const titleId = uid('svar-title');
  const langId = uid('svar-lang');
  const select = h(
    'select',
    { id: langId },
    ...(Object.keys(LANG_NAMES) as ChatLang[]).map((l) =>
      h('option', { value: l, lang: l, selected: l === i18n.lang }, LANG_NAMES[l]),
    ),
  );
  select.addEventListener('change', () => o.onLang(select.value as ChatLang));
  i18n.onChange((lang) => (select.value = lang));

  const closeButton = h(
    'button',
    { type: 'button', class: 'icon-button close' },
    h('span', { 'aria-hidden': 'true' }, '✕'),
    i18n.bind(h('span', { class: 'visually-hidden' }), (t) => t.close),
  );
  const human = i18n.bind(h('button', { type: 'button', class: 'human' }), (t) => t.talkToPerson);
  human.addEventListener('click', () => o.onHuman());

  // The greeting says it is a bot and what not to share (issue 19): above it, only the privacy page's link.
  const privacy = h('p', { class: 'privacy' });
  const intro = h('div', { class: 'intro', hidden: true }, privacy);
  let hasLink = false;
  const setPrivacyUrl = (url: string): void => {
    if (hasLink || !/^https:\/\//.test(url)) return;
    hasLink = true;
    intro.hidden = false;
    privacy.append(
      i18n.bind(h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }), (t) => t.privacyLink),
    );
  };
  if (o.privacyUrl) setPrivacyUrl(o.privacyUrl);

  const extra = h('div', { class: 'extra' });
  const scroller = h('div', { class: 'scroller', tabindex: 0 }, intro, o.log, extra);
  i18n.bind(scroller, (t) => t.log, 'aria-label');
  scroller.setAttribute('role', 'region');

  const panel = h(
    'section',
    { id: o.id, class: 'panel', role: 'dialog', 'aria-labelledby': titleId, hidden: true },
    // Plain divs, not header/footer: inside the host page they would add a second banner and contentinfo.
    h(
      'div',
      { class: 'header' },
      i18n.bind(h('h2', { id: titleId }), (t) => t.panelTitle),
      // Close sits top right and comes first in tab order; the tools row below leads straight into the menu.
      closeButton,
      h(
        'div',
        { class: 'tools' },
        i18n.bind(h('label', { for: langId, class: 'visually-hidden' }), (t) => t.language),
        select,
        o.menu.toggle,
      ),
    ),
    o.menu.region,
    o.pinned,
    scroller,
    o.status,
    h('div', { class: 'footer' }, o.composer, human),
  );
  i18n.onChange((lang) => panel.setAttribute('lang', lang));
  panel.setAttribute('lang', i18n.lang);
  return { panel, closeButton, humanButton: human, scroller, extra, setPrivacyUrl };
}
