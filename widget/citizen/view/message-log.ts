import type { BotPayload, HistoryItem } from '../../../server/protocol.ts';
import { h } from '../../shared/dom.ts';
import type { I18n } from '../i18n.ts';
import type { WidgetTexts } from '../texts/index.ts';
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
    private readonly onAdded: () => void,
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
    this.onAdded();
  }

  private addHistoryItem(item: HistoryItem): void {
    if (item.role === 'citizen') this.addCitizen(item.text, undefined, item.messageId);
    else if (item.role === 'bot')
      this.addBot(item.bot ?? { text: item.text, kind: 'smalltalk', askFeedback: false }, item.messageId);
    else if (item.role === 'agent') this.addAgent(item.text, item.firstName ?? '', item.messageId);
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

  addSystem(pick: Pick): void {
    this.add(h('div', { class: 'msg msg-system' }, this.i18n.bind(h('p'), pick)));
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
    this.onAdded();
  }
}
