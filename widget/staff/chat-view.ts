import type { CannedResponse, ContactType, ConversationInfo, HistoryItem } from '../../server/protocol.ts';
import { createKnowledgeAnswerForm } from './knowledge-answer.ts';
import { h, uid } from '../shared/dom.ts';
import { MAX_MESSAGE_CHARS } from '../shared/limits.ts';
import { HistoryList } from './history-view.ts';
import { CONTACT_TYPE_LABELS, CRISIS_GUIDANCE, langLabel, reasonLabel } from './texts.ts';

export interface ChatActions {
  send(text: string): void;
  typing(active: boolean): void;
  transfer(target: { toQueue: string } | { toAgentId: number }): void;
  close(contactType: ContactType, note: string | undefined): void;
  dismiss(): void;
}

const field = (label: string, control: HTMLElement): HTMLElement => {
  control.id ||= uid('f');
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control);
};

/** One claimed chat: the whole conversation (bot turns included), reply box, canned replies, transfer, close. */
export class ChatView {
  readonly el: HTMLElement;
  private readonly history = new HistoryList('Conversation');
  /** Replies sent but not yet stored by the server (e.g. typed while disconnected). */
  private readonly outbox: HTMLElement;
  private readonly outgoing = new Map<string, HTMLElement>();
  private readonly typing: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly canned: HTMLSelectElement;
  private readonly transferTo: HTMLSelectElement;
  private readonly notice: HTMLElement;
  private readonly work: HTMLElement;
  private cannedList: CannedResponse[] = [];
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private typingActive = false;

  constructor(
    readonly info: ConversationInfo,
    private readonly actions: ChatActions,
    o: { queues: { id: string; name: string }[]; contactTypes: readonly ContactType[] },
  ) {
    this.typing = h('p', { class: 'typing', 'aria-live': 'polite' });
    this.outbox = h('ol', { class: 'history outbox', 'aria-label': 'Replies not yet sent' });
    this.notice = h('p', { class: 'notice', role: 'status' });
    this.input = h('textarea', { rows: 3, maxlength: MAX_MESSAGE_CHARS });
    this.canned = h('select', {}, h('option', { value: '' }, 'Choose a canned response…'));
    this.canned.addEventListener('change', () => this.insertCanned());
    this.transferTo = h('select', {});
    this.setTransferTargets(o.queues, []);

    const reply = h(
      'form',
      { class: 'reply' },
      field('Reply to the citizen', this.input),
      h(
        'div',
        { class: 'row' },
        field(`Canned responses (${langLabel(info.lang)})`, this.canned),
        h('button', { type: 'submit', class: 'primary' }, 'Send'),
      ),
    );
    reply.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const text = this.input.value.trim();
      if (!text) return;
      this.stopTyping();
      actions.send(text);
      this.input.value = '';
      this.input.focus();
    });
    this.input.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) {
        ev.preventDefault();
        reply.requestSubmit();
      }
    });
    this.input.addEventListener('input', () => this.onInput());

    const transfer = h(
      'form',
      { class: 'transfer' },
      field('Transfer to', this.transferTo),
      h('button', { type: 'submit' }, 'Transfer'),
    );
    transfer.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const [kind, value] = this.transferTo.value.split(':');
      if (kind === 'queue' && value) actions.transfer({ toQueue: value });
      if (kind === 'agent' && value) actions.transfer({ toAgentId: Number(value) });
    });

    const contactType = h(
      'select',
      { required: true },
      h('option', { value: '' }, 'Choose…'),
      ...o.contactTypes.map((c) => h('option', { value: c }, CONTACT_TYPE_LABELS[c])),
    );
    const note = h('textarea', { rows: 2, maxlength: 1000 });
    const closeError = h('p', { class: 'error', role: 'alert' });
    // novalidate: the browser's own check of the required select would block the submit, so the message
    // below (in words, announced, with aria-invalid) would never be shown.
    const close = h(
      'form',
      { class: 'close-form', novalidate: true },
      field('Contact type (KOMHEN)', contactType),
      field('Note (optional, kept in the log without personal data)', note),
      closeError,
      h('button', { type: 'submit' }, 'Close chat'),
    );
    close.addEventListener('submit', (ev) => {
      ev.preventDefault();
      if (!contactType.value) {
        closeError.textContent = 'Choose a contact type before closing.';
        contactType.setAttribute('aria-invalid', 'true');
        contactType.focus();
        return;
      }
      contactType.removeAttribute('aria-invalid');
      closeError.textContent = '';
      actions.close(contactType.value as ContactType, note.value.trim() || undefined);
    });

    this.work = h(
      'div',
      { class: 'chat-tools' },
      reply,
      h(
        'details',
        { class: 'more' },
        h('summary', {}, 'Knowledge answer'),
        createKnowledgeAnswerForm(info.conversationId),
      ),
      h('details', { class: 'more' }, h('summary', {}, 'Transfer or close'), transfer, close),
    );
    const titleId = uid('chat-title');
    this.el = h(
      'section',
      { class: `chat${info.priority === 'urgent' ? ' urgent' : ''}`, 'aria-labelledby': titleId },
      h(
        'h2',
        { id: titleId },
        `${info.priority === 'urgent' ? 'URGENT · ' : ''}${reasonLabel(info.reason)} · ${langLabel(info.lang)} · ${o.queues.find((q) => q.id === info.queue)?.name ?? info.queue ?? ''}`,
      ),
      ...(info.priority === 'urgent' || info.reason === 'crisis'
        ? [h('p', { class: 'crisis-guidance', role: 'note' }, CRISIS_GUIDANCE)]
        : []),
      this.history.el,
      this.outbox,
      this.typing,
      this.notice,
      this.work,
    );
  }

  get lang(): string {
    return this.info.lang;
  }

  setHistory(items: HistoryItem[]): void {
    this.history.replace(items);
  }

  /** Scrolls the conversation to its latest turn; called once the chat's tab is shown and laid out. */
  showLatest(): void {
    this.history.el.lastElementChild?.scrollIntoView({ block: 'end' });
  }

  add(item: HistoryItem): void {
    this.history.add(item);
    if (item.role === 'citizen') this.setTyping(false);
  }

  /** Shows a reply as waiting to be sent until `settle` is called for it. */
  pending(clientId: string, text: string): void {
    const el = h(
      'li',
      { class: 'turn pending' },
      h('p', { class: 'meta' }, 'Not sent yet'),
      h('p', { class: 'text' }, text),
    );
    this.outgoing.set(clientId, el);
    this.outbox.appendChild(el);
  }

  /** The reply was stored (it now shows in the history) or refused. */
  settle(clientId: string): void {
    this.outgoing.get(clientId)?.remove();
    this.outgoing.delete(clientId);
    if (this.outgoing.size === 0 && this.notice.textContent?.startsWith('Not connected')) this.showNotice('');
  }

  setTyping(active: boolean): void {
    this.typing.textContent = active ? 'The citizen is typing…' : '';
  }

  setCanned(list: CannedResponse[]): void {
    this.cannedList = list;
    this.canned.replaceChildren(
      h('option', { value: '' }, list.length ? 'Choose a canned response…' : 'No canned responses'),
      ...list.map((c) => h('option', { value: c.id }, c.title)),
    );
  }

  setTransferTargets(
    queues: { id: string; name: string }[],
    agents: { id: number; firstName: string }[],
  ): void {
    const chosen = this.transferTo.value;
    this.transferTo.replaceChildren(
      h(
        'optgroup',
        { label: 'Queues' },
        ...queues.map((q) => h('option', { value: `queue:${q.id}` }, q.name)),
      ),
      h(
        'optgroup',
        { label: 'Colleagues online' },
        ...agents.map((a) => h('option', { value: `agent:${a.id}` }, a.firstName)),
      ),
    );
    if (chosen) this.transferTo.value = chosen;
  }

  showNotice(text: string): void {
    this.notice.textContent = text;
  }

  /** The chat is over (closed by either side, or taken away): only reading and closing the tab remain. */
  ended(text: string): void {
    this.showNotice(text);
    this.setTyping(false);
    const dismiss = h('button', { type: 'button' }, 'Close tab');
    dismiss.addEventListener('click', () => this.actions.dismiss());
    this.work.replaceChildren(dismiss);
    dismiss.focus();
  }

  focus(): void {
    this.input.focus();
  }

  private insertCanned(): void {
    const c = this.cannedList.find((x) => x.id === this.canned.value);
    if (!c) return;
    this.input.value = this.input.value ? `${this.input.value}\n${c.text}` : c.text;
    this.canned.value = '';
    this.input.focus();
  }

  private onInput(): void {
    if (!this.typingActive) {
      this.typingActive = true;
      this.actions.typing(true);
    }
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.stopTyping(), 3000);
  }

  private stopTyping(): void {
    clearTimeout(this.typingTimer);
    if (this.typingActive) this.actions.typing(false);
    this.typingActive = false;
  }
}
