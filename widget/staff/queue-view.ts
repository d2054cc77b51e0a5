import type { ConversationInfo, HistoryItem, QueueItem, VisitorStatus } from '../../server/protocol.ts';
import { ct } from '../console-texts/index.ts';
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
  private readonly previewList = new HistoryList(ct().staff.queue.previewHeading);
  private readonly previewNote: HTMLElement;
  private readonly previewTitle: HTMLElement;
  private readonly previewClaim: HTMLButtonElement;
  private previewId: string | undefined;
  private items: QueueItem[] = [];
  private queueNames = new Map<string, string>();

  constructor(private readonly actions: QueueActions) {
    const t = ct().staff.queue;
    this.body = h('tbody');
    this.empty = h('p', { class: 'empty' }, t.nobody);
    this.previewTitle = h('h3', { id: 'preview-title' }, t.previewHeading);
    this.previewNote = h('div', { class: 'transfer-note', hidden: true });
    this.previewClaim = h('button', { type: 'button', class: 'primary' }, t.claimThis);
    this.previewClaim.addEventListener('click', () => this.previewId && actions.claim(this.previewId));
    this.preview = h(
      'section',
      { class: 'preview card', 'aria-labelledby': 'preview-title', hidden: true },
      this.previewTitle,
      this.previewNote,
      this.previewList.el,
      this.previewClaim,
    );
    this.el = h(
      'div',
      { class: 'queue' },
      h('h2', {}, t.heading),
      h(
        'table',
        {},
        h('caption', { class: 'visually-hidden' }, t.caption),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...[
              t.columns.priority,
              t.columns.waiting,
              t.columns.reason,
              t.columns.language,
              t.columns.department,
              t.columns.visitor,
              t.columns.lastMessage,
              t.columns.actions,
            ].map((c) => h('th', { scope: 'col' }, c)),
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

  /** A waiting citizen's page came or went: the row says so at once. */
  setVisitor(conversationId: string, visitor: VisitorStatus): void {
    if (!this.items.some((i) => i.conversationId === conversationId)) return;
    this.items = this.items.map((i) => (i.conversationId === conversationId ? { ...i, visitor } : i));
    this.render();
  }

  showPreview(conversation: ConversationInfo, history: HistoryItem[]): void {
    this.previewId = conversation.conversationId;
    this.previewTitle.textContent = ct().staff.queue.previewTitle(
      langLabel(conversation.lang),
      reasonLabel(conversation.reason),
    );
    const note = conversation.transferNote;
    this.previewNote.hidden = !note;
    this.previewNote.replaceChildren(
      ...(note
        ? [h('p', { class: 'meta' }, ct().staff.chatView.noteFrom(note.from)), h('p', {}, note.text)]
        : []),
    );
    this.previewList.replace(history);
    this.preview.hidden = false;
    this.previewClaim.focus();
  }

  hidePreview(): void {
    this.previewId = undefined;
    this.preview.hidden = true;
  }

  private render(): void {
    const t = ct().staff.queue;
    this.empty.hidden = this.items.length > 0;
    this.body.replaceChildren(
      ...this.items.map((item) => {
        const urgent = item.priority === 'urgent';
        const view = h('button', { type: 'button' }, t.view);
        const claim = h('button', { type: 'button', class: 'primary' }, t.claim);
        view.addEventListener('click', () => this.actions.view(item.conversationId));
        claim.addEventListener('click', () => this.actions.claim(item.conversationId));
        view.setAttribute('aria-label', t.viewLabel(waited(item.waitingSince)));
        claim.setAttribute('aria-label', t.claimLabel(waited(item.waitingSince)));
        return h(
          'tr',
          {
            class:
              [urgent ? 'urgent' : '', item.visitor?.online === false ? 'visitor-gone' : '']
                .join(' ')
                .trim() || undefined,
            'data-conversation': item.conversationId,
          },
          h('td', {}, urgent ? h('strong', { class: 'badge crisis' }, t.urgent) : t.normal),
          h('td', {}, waited(item.waitingSince)),
          h('td', {}, reasonLabel(item.reason)),
          h('td', {}, langLabel(item.lang)),
          h('td', {}, this.queueNames.get(item.queue) ?? item.queue),
          h('td', { class: 'visitor' }, visitorText(item.visitor)),
          h('td', { class: 'preview-text' }, item.preview || '—'),
          h('td', { class: 'actions' }, view, claim),
        );
      }),
    );
  }
}

/** "Online" or "Left 3 min ago", in words (a ghost chat is never told apart by colour alone). */
export function visitorText(visitor: VisitorStatus | undefined): string {
  if (!visitor) return '—';
  return visitor.online ? ct().staff.visitor.online : ct().staff.visitor.left(waited(visitor.since));
}
