import type {
  BotPayload,
  ChatLang,
  CitizenNotice,
  HistoryItem,
  TopicButton,
} from '../../../server/protocol.ts';
import { h } from '../../shared/dom.ts';
import type { I18n } from '../i18n.ts';
import { TEXTS, type WidgetTexts } from '../texts/index.ts';
import { createBotCard, type BotCardActions } from './bot-card.ts';

type Pick = (t: WidgetTexts) => string;

/**
 * The conversation as an ARIA log: new turns are announced politely. Each turn starts with a visually hidden
 * speaker name so a screen reader says who wrote it; agent names are also shown.
 */
export class MessageLog {
  readonly el: HTMLElement;
  private readonly pending = new Map<string, HTMLElement>();
  private readonly shown = new Set<number>();

  constructor(
    private readonly i18n: I18n,
    private readonly actions: BotCardActions,
    /** Told of each new turn (or, after a history, the last one), to scroll it into view. */
    private readonly onAdded: (el: HTMLElement | undefined) => void,
  ) {
    this.el = h('div', { class: 'log', role: 'log', 'aria-live': 'polite' });
    i18n.bind(this.el, (t) => t.log, 'aria-label');
  }

  /** Replaces everything with the server's history, marked busy so it is not read out again. */
  showHistory(items: HistoryItem[], keepPending: boolean): void {
    this.el.setAttribute('aria-busy', 'true');
    const stillPending = keepPending ? [...this.pending.values()] : [];
    this.el.replaceChildren();
    this.shown.clear();
    if (!keepPending) this.pending.clear();
    for (const item of items) this.addHistoryItem(item);
    for (const el of stillPending) this.el.appendChild(el);
    this.el.setAttribute('aria-busy', 'false');
    this.onAdded((this.el.lastElementChild as HTMLElement | null) ?? undefined);
  }

  private addHistoryItem(item: HistoryItem): void {
    if (item.role === 'citizen') this.addCitizen(item.text, undefined, item.messageId);
    else if (item.role === 'bot')
      this.addBot(item.bot ?? { text: item.text, kind: 'smalltalk', askFeedback: false }, item.messageId);
    else if (item.role === 'agent') this.addAgent(item.text, item.firstName ?? '', item.messageId);
    else if (item.notice) this.addNotice(item.notice, item.messageId);
    else this.addSystem(() => item.text);
  }

  addCitizen(text: string, clientId?: string, messageId?: number): void {
    if (messageId !== undefined && !this.markShown(messageId)) return;
    const el = this.turn('citizen', (t) => t.you, h('p', { class: 'text' }, text));
    if (clientId) {
      el.classList.add('pending');
      el.appendChild(this.i18n.bind(h('p', { class: 'note' }), (t) => t.sending));
      this.pending.set(clientId, el);
    }
    this.add(el);
  }

  /** The server stored it. If the history already showed it (reconnect), the pending copy goes. */
  confirm(clientId: string, messageId: number): void {
    const el = this.pending.get(clientId);
    if (!el) return;
    this.pending.delete(clientId);
    if (!this.markShown(messageId)) {
      el.remove();
      return;
    }
    el.classList.remove('pending', 'failed');
    el.querySelector('.note')?.remove();
  }

  fail(clientId: string, reason: Pick, retry?: () => void): void {
    const el = this.pending.get(clientId);
    if (!el) return;
    el.classList.add('failed');
    el.querySelector('.note')?.remove();
    const note = h(
      'p',
      { class: 'note' },
      this.i18n.bind(h('span'), (t) => `${t.notSent} ${reason(t)} `),
    );
    if (retry) {
      const button = this.i18n.bind(h('button', { type: 'button', class: 'text-button' }), (t) => t.retry);
      button.addEventListener('click', () => {
        note.replaceWith(this.i18n.bind(h('p', { class: 'note' }), (t) => t.sending));
        el.classList.remove('failed');
        retry();
      });
      note.appendChild(button);
    }
    el.appendChild(note);
    if (!retry) this.pending.delete(clientId);
  }

  hasCitizenTurns(): boolean {
    return this.el.querySelector('.msg-citizen') !== null;
  }

  addBot(bot: BotPayload, messageId: number): void {
    if (!this.markShown(messageId)) return;
    this.add(this.turn('bot', (t) => t.bot, createBotCard(bot, messageId, this.i18n, this.actions)));
  }

  addAgent(text: string, firstName: string, messageId: number): void {
    if (!this.markShown(messageId)) return;
    const el = this.turn('agent', (t) => t.agentName(firstName), h('p', { class: 'text' }, text));
    el.querySelector('.who')?.classList.remove('visually-hidden');
    this.add(el);
  }

  addSystem(pick: Pick): HTMLElement {
    const el = h('div', { class: 'msg msg-system' }, this.i18n.bind(h('p'), pick));
    this.add(el);
    return el;
  }

  // ---- issue 19 ----

  /** A stored system turn, said in the widget's language; a left message's reference can take focus. */
  addNotice(notice: CitizenNotice, messageId: number): HTMLElement | undefined {
    if (!this.markShown(messageId)) return undefined;
    const pick: Pick = (t) => {
      switch (notice.kind) {
        case 'agent_joined':
          return t.agentJoined(notice.firstName);
        case 'agent_left':
          return t.agentLeft;
        case 'queue_left':
          return t.queueLeft;
        case 'ticket_created':
          return t.offlineSent(notice.ticketId);
      }
    };
    if (notice.kind !== 'ticket_created') return this.addSystem(pick);
    const el = this.i18n.bind(h('div', { class: 'msg offline-sent', tabindex: -1 }), pick);
    this.add(el);
    return el;
  }

  hasAgentTurns(): boolean {
    return this.el.querySelector('.msg-agent') !== null;
  }

  /**
   * The widget followed the language the citizen wrote in: said in the new language, with a way back that
   * is said in the language it goes back to.
   */
  addLangNotice(back: ChatLang, onBack: () => void): void {
    const button = h('button', { type: 'button', class: 'text-button', lang: back }, TEXTS[back].switchBack);
    // Said once, in the language switched to: a later switch must not make it claim another language.
    const now = this.i18n.lang;
    const el = h(
      'div',
      { class: 'msg msg-system lang-notice' },
      h('p', { lang: now }, TEXTS[now].langFollowed),
    );
    button.addEventListener('click', () => {
      button.remove();
      onBack();
    });
    el.appendChild(button);
    this.add(el);
  }

  /** The configured topic buttons under the greeting, until the citizen has said something. */
  showTopics(topics: readonly TopicButton[]): void {
    this.el.querySelector('.topics')?.remove();
    const greeting = this.el.querySelector('.msg-bot');
    if (!greeting || topics.length === 0 || this.hasCitizenTurns()) return;
    const titleId = 'svar-topics';
    const group = h(
      'div',
      { class: 'suggestions topics', role: 'group', 'aria-labelledby': titleId },
      this.i18n.bind(h('span', { id: titleId, class: 'related-title' }), (t) => t.topics),
      ...topics.map((topic) => {
        const chip = h('button', { type: 'button', class: 'chip' }, topic.title);
        chip.addEventListener('click', () => this.actions.choose(topic.fileId, topic.title));
        return chip;
      }),
    );
    greeting.appendChild(group);
    this.onAdded(greeting as HTMLElement);
  }

  private markShown(messageId: number): boolean {
    if (this.shown.has(messageId)) return false;
    this.shown.add(messageId);
    return true;
  }

  private turn(role: 'citizen' | 'bot' | 'agent', who: Pick, body: HTMLElement): HTMLElement {
    return h(
      'div',
      { class: `msg msg-${role}` },
      this.i18n.bind(h('p', { class: 'who visually-hidden' }), (t) => `${who(t)}:`),
      body,
    );
  }

  private add(el: HTMLElement): void {
    this.el.appendChild(el);
    this.onAdded(el);
  }
}
