import { ChatController } from './controller.ts';
import { I18n } from './i18n.ts';
import type { WidgetOptions } from './options.ts';
import { isChatLang } from '../shared/langs.ts';
import { loadSaved, save } from './resume-store.ts';
import css from './styles.css';
import { FULL_SCREEN_QUERY, trapFocusWhenFullScreen } from './view/focus-trap.ts';
import { createLauncher } from './view/launcher.ts';

/**
 * `<svar-chat>`: the launcher button and the chat panel in a shadow root, so the host page's CSS cannot
 * reach in and ours cannot leak out. Styles are a constructed stylesheet, which strict CSPs allow.
 */
export class SvarChatElement extends HTMLElement {
  private controller: ChatController | undefined;
  private launcher: HTMLButtonElement | undefined;

  setup(options: WidgetOptions): void {
    if (this.controller) return;
    const saved = loadSaved();
    const i18n = new I18n(isChatLang(saved.lang) ? saved.lang : options.lang);
    const root = this.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];

    const controller = new ChatController(options, i18n);
    const { panel, closeButton } = controller.parts;
    const launcher = createLauncher(i18n, panel.id);
    launcher.addEventListener('click', () => this.open(true));
    closeButton.addEventListener('click', () => this.close());
    panel.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape' && !ev.defaultPrevented) {
        ev.preventDefault();
        if (!controller.closeMenu()) this.close();
      }
    });
    trapFocusWhenFullScreen(panel, window.matchMedia(FULL_SCREEN_QUERY));
    root.append(launcher, panel);
    this.controller = controller;
    this.launcher = launcher;

    if (controller.hasConversation) {
      controller.connect();
      if (saved.open) this.open(false);
    }
  }

  open(moveFocus: boolean): void {
    if (!this.controller || !this.launcher) return;
    this.controller.parts.panel.hidden = false;
    this.launcher.setAttribute('aria-expanded', 'true');
    this.launcher.hidden = true;
    this.controller.connect();
    save({ open: true });
    if (moveFocus) this.controller.focusInput();
  }

  close(): void {
    if (!this.controller || !this.launcher) return;
    this.controller.parts.panel.hidden = true;
    this.launcher.setAttribute('aria-expanded', 'false');
    this.launcher.hidden = false;
    save({ open: false });
    this.launcher.focus();
  }
}
