import type { HistoryItem } from '../../server/protocol.ts';
import { h } from '../shared/dom.ts';
import { renderMarkdown } from '../shared/markdown-dom.ts';
import { ct } from '../console-texts/index.ts';

const time = (iso: string): string =>
  new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** One turn as staff see it: who, when, and the text (bot Markdown rendered safely, with its source). */
export function renderHistoryItem(item: HistoryItem): HTMLElement {
  const t = ct().staff.history;
  const who = item.role === 'agent' && item.firstName ? t.agentName(item.firstName) : t.roles[item.role];
  const body =
    item.role === 'bot'
      ? h('div', { class: 'md' }, renderMarkdown(item.text))
      : h('p', { class: 'text' }, item.text);
  const el = h(
    'li',
    { class: `turn turn-${item.role}`, 'data-message-id': item.messageId },
    h('p', { class: 'meta' }, h('strong', {}, who), ' · ', h('time', { datetime: item.at }, time(item.at))),
    body,
  );
  const bot = item.bot;
  if (bot?.source) el.appendChild(h('p', { class: 'source' }, t.source(bot.source.title, bot.source.path)));
  // What the citizen was offered to choose from, so staff know what they did not pick.
  if (bot?.suggestions?.length)
    el.appendChild(
      h(
        'div',
        { class: 'suggestions' },
        h('p', { class: 'meta' }, t.suggestions),
        h('ul', {}, ...bot.suggestions.map((s) => h('li', {}, s.title))),
      ),
    );
  if (bot?.kind && bot.kind !== 'answer') el.classList.add(`kind-${bot.kind}`);
  if (bot?.emergency?.length) el.classList.add('crisis');
  return el;
}

/** An ordered list of turns that appends without duplicates. */
export class HistoryList {
  readonly el: HTMLOListElement;
  private readonly ids = new Set<number>();

  constructor(label: string) {
    this.el = h('ol', { class: 'history', 'aria-label': label });
  }

  replace(items: HistoryItem[]): void {
    this.el.replaceChildren();
    this.ids.clear();
    for (const item of items) this.add(item);
  }

  add(item: HistoryItem): void {
    if (this.ids.has(item.messageId)) return;
    this.ids.add(item.messageId);
    this.el.appendChild(renderHistoryItem(item));
    this.el.lastElementChild?.scrollIntoView({ block: 'nearest' });
  }
}
