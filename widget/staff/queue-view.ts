import type { ConversationInfo, HistoryItem, QueueItem } from '../../server/protocol.ts';
import { h } from '../shared/dom.ts';
import { HistoryList } from './history-view.ts';
import { langLabel, reasonLabel, waited } from './texts.ts';

export interface QueueActions {
  view(conversationId: string): void;
  claim(conversationId: string): void;
}

/**
 * The waiting list as a table (crisis rows first and marked in words, not only colour), with a preview of
 * the bot conversation before claiming.
 */
export class QueueView {
  readonly el: HTMLElement;
  private readonly body: HTMLTableSectionElement;
  private readonly empty: HTMLElement;
  private readonly preview: HTMLElement;
  private readonly previewList = new HistoryList('Conversation so far');
  private readonly previewTitle: HTMLElement;
  private readonly previewClaim: HTMLButtonElement;
  private previewId: string | undefined;
  private items: QueueItem[] = [];
  private queueNames = new Map<string, string>();

  constructor(private readonly actions: QueueActions) {
    this.body = h('tbody');
    this.empty = h('p', { class: 'empty' }, 'Nobody is waiting.');
    this.previewTitle = h('h3', { id: 'preview-title' }, 'Conversation so far');
    this.previewClaim = h('button', { type: 'button', class: 'primary' }, 'Claim this chat');
    this.previewClaim.addEventListener('click', () => this.previewId && actions.claim(this.previewId));
    this.preview = h(
      'section',
      { class: 'preview card', 'aria-labelledby': 'preview-title', hidden: true },
      this.previewTitle,
      this.previewList.el,
      this.previewClaim,
    );
    this.el = h(
      'div',
      { class: 'queue' },
      h('h2', {}, 'Waiting chats'),
      h(
        'table',
        {},
        h('caption', { class: 'visually-hidden' }, 'Citizens waiting for a person, most urgent first'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['Priority', 'Waiting', 'Reason', 'Language', 'Department', 'Last message', 'Actions'].map(
              (c) => h('th', { scope: 'col' }, c),
            ),
          ),
        ),
        this.body,
      ),
      this.empty,
      this.preview,
    );
    setInterval(() => this.render(), 30_000);
  }

  setQueueNames(queues: { id: string; name: string }[]): void {
    this.queueNames = new Map(queues.map((q) => [q.id, q.name]));
  }

  update(items: QueueItem[]): void {
    this.items = items;
    this.render();
    if (this.previewId && !items.some((i) => i.conversationId === this.previewId)) this.hidePreview();
  }

  /** New last messages for some rows; the rest of the list is as it was. */
  updatePreviews(changes: { conversationId: string; preview: string }[]): void {
    const byId = new Map(changes.map((c) => [c.conversationId, c.preview]));
    this.items = this.items.map((i) => {
      const preview = byId.get(i.conversationId);
      return preview === undefined ? i : { ...i, preview };
    });
    this.render();
  }

  showPreview(conversation: ConversationInfo, history: HistoryItem[]): void {
    this.previewId = conversation.conversationId;
    this.previewTitle.textContent = `Conversation so far (${langLabel(conversation.lang)}, ${reasonLabel(conversation.reason)})`;
    this.previewList.replace(history);
    this.preview.hidden = false;
    this.previewClaim.focus();
  }

  hidePreview(): void {
    this.previewId = undefined;
    this.preview.hidden = true;
  }

  private render(): void {
    this.empty.hidden = this.items.length > 0;
    this.body.replaceChildren(
      ...this.items.map((item) => {
        const urgent = item.priority === 'urgent';
        const view = h('button', { type: 'button' }, 'View');
        const claim = h('button', { type: 'button', class: 'primary' }, 'Claim');
        view.addEventListener('click', () => this.actions.view(item.conversationId));
        claim.addEventListener('click', () => this.actions.claim(item.conversationId));
        const label = `chat waiting ${waited(item.waitingSince)}`;
        view.setAttribute('aria-label', `View ${label}`);
        claim.setAttribute('aria-label', `Claim ${label}`);
        return h(
          'tr',
          { class: urgent ? 'urgent' : undefined, 'data-conversation': item.conversationId },
          h('td', {}, urgent ? h('strong', { class: 'badge crisis' }, 'Urgent') : 'Normal'),
          h('td', {}, waited(item.waitingSince)),
          h('td', {}, reasonLabel(item.reason)),
          h('td', {}, langLabel(item.lang)),
          h('td', {}, this.queueNames.get(item.queue) ?? item.queue),
          h('td', { class: 'preview-text' }, item.preview || '—'),
          h('td', { class: 'actions' }, view, claim),
        );
      }),
    );
  }
}
