import type {
  CannedResponse,
  ContactType,
  ConversationInfo,
  HistoryItem,
  VisitorStatus,
} from '../../server/protocol.ts';
import { ct } from '../console-texts/index.ts';
import { createKnowledgeAnswerForm } from './knowledge-answer.ts';
import { h, uid } from '../shared/dom.ts';
import { MAX_MESSAGE_CHARS } from '../shared/limits.ts';
import { HistoryList } from './history-view.ts';
import { contactTypeLabel, langLabel, reasonLabel, waited } from './texts.ts';

export interface ChatActions {
  send(text: string): void;
  typing(active: boolean): void;
  transfer(target: { toQueue: string } | { toAgentId: number }, note: string | undefined): void;
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
  private readonly history = new HistoryList(ct().staff.chatView.conversation);
  /** Whether the citizen's page is open (ghost chats). */
  private readonly visitor: HTMLElement;
  private visitorStatus: VisitorStatus | undefined;
  private readonly visitorTimer: ReturnType<typeof setInterval>;
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
    const t = ct().staff.chatView;
    this.visitor = h('p', { class: 'visitor-status', role: 'status' });
    this.setVisitor(info.visitor);
    // "Gone for 3 min" keeps counting.
    this.visitorTimer = setInterval(() => this.renderVisitor(), 30_000);
    this.typing = h('p', { class: 'typing', 'aria-live': 'polite' });
    this.outbox = h('ol', { class: 'history outbox', 'aria-label': t.notSentList });
    this.notice = h('p', { class: 'notice', role: 'status' });
    this.input = h('textarea', { rows: 3, maxlength: MAX_MESSAGE_CHARS });
    this.canned = h('select', {}, h('option', { value: '' }, t.chooseCanned));
    this.canned.addEventListener('change', () => this.insertCanned());
    this.transferTo = h('select', {});
    this.setTransferTargets(o.queues, []);

    const reply = h(
      'form',
      { class: 'reply' },
      field(t.reply, this.input),
      h(
        'div',
        { class: 'row' },
        field(t.canned(langLabel(info.lang)), this.canned),
        h('button', { type: 'submit', class: 'primary' }, t.send),
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

    const transferNote = h('textarea', { rows: 2, maxlength: 1000 });
    const transfer = h(
      'form',
      { class: 'transfer' },
      field(t.transferTo, this.transferTo),
      field(t.transferNote, transferNote),
      h('button', { type: 'submit' }, t.transfer),
    );
    transfer.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const [kind, value] = this.transferTo.value.split(':');
      const note = transferNote.value.trim() || undefined;
      if (kind === 'queue' && value) actions.transfer({ toQueue: value }, note);
      if (kind === 'agent' && value) actions.transfer({ toAgentId: Number(value) }, note);
    });

    const contactType = h(
      'select',
      { required: true },
      h('option', { value: '' }, t.choose),
      ...o.contactTypes.map((c) => h('option', { value: c }, contactTypeLabel(c))),
    );
    const note = h('textarea', { rows: 2, maxlength: 1000 });
    const closeError = h('p', { class: 'error', role: 'alert' });
    // novalidate: the browser's own check of the required select would block the submit, so the message
    // below (in words, announced, with aria-invalid) would never be shown.
    const close = h(
      'form',
      { class: 'close-form', novalidate: true },
      field(t.contactType, contactType),
      field(t.closeNote, note),
      closeError,
      h('button', { type: 'submit' }, t.closeChat),
    );
    close.addEventListener('submit', (ev) => {
      ev.preventDefault();
      if (!contactType.value) {
        closeError.textContent = t.needContactType;
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
        h('summary', {}, t.knowledgeAnswer),
        createKnowledgeAnswerForm(info.conversationId),
      ),
      h('details', { class: 'more' }, h('summary', {}, t.transferOrClose), transfer, close),
    );
    const titleId = uid('chat-title');
    this.el = h(
      'section',
      { class: `chat${info.priority === 'urgent' ? ' urgent' : ''}`, 'aria-labelledby': titleId },
      h(
        'h2',
        { id: titleId },
        `${info.priority === 'urgent' ? t.urgentHeading : ''}${reasonLabel(info.reason)} · ${langLabel(info.lang)} · ${o.queues.find((q) => q.id === info.queue)?.name ?? info.queue ?? ''}`,
      ),
      this.visitor,
      ...(info.priority === 'urgent' || info.reason === 'crisis'
        ? [h('p', { class: 'crisis-guidance', role: 'note' }, t.crisisGuidance)]
        : []),
      ...(info.transferNote
        ? [
            h(
              'div',
              { class: 'transfer-note', role: 'note' },
              h('p', { class: 'meta' }, t.noteFrom(info.transferNote.from)),
              h('p', {}, info.transferNote.text),
            ),
          ]
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
      h('p', { class: 'meta' }, ct().staff.chatView.notSentYet),
      h('p', { class: 'text' }, text),
    );
    this.outgoing.set(clientId, el);
    this.outbox.appendChild(el);
  }

  /** The reply was stored (it now shows in the history) or refused. */
  settle(clientId: string): void {
    this.outgoing.get(clientId)?.remove();
    this.outgoing.delete(clientId);
    if (this.outgoing.size === 0 && this.notice.textContent === ct().staff.sendLater) this.showNotice('');
  }

  setTyping(active: boolean): void {
    this.typing.textContent = active ? ct().staff.chatView.citizenTyping : '';
  }

  setCanned(list: CannedResponse[]): void {
    this.cannedList = list;
    this.canned.replaceChildren(
      h(
        'option',
        { value: '' },
        list.length ? ct().staff.chatView.chooseCanned : ct().staff.chatView.noCanned,
      ),
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
        { label: ct().staff.chatView.queues },
        ...queues.map((q) => h('option', { value: `queue:${q.id}` }, q.name)),
      ),
      h(
        'optgroup',
        { label: ct().staff.chatView.colleagues },
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
    clearInterval(this.visitorTimer);
    this.visitor.hidden = true;
    const dismiss = h('button', { type: 'button' }, ct().staff.chatView.closeTab);
    dismiss.addEventListener('click', () => this.actions.dismiss());
    this.work.replaceChildren(dismiss);
    dismiss.focus();
  }

  focus(): void {
    this.input.focus();
  }

  setVisitor(visitor: VisitorStatus | undefined): void {
    this.visitorStatus = visitor;
    this.renderVisitor();
  }

  private renderVisitor(): void {
    const v = this.visitorStatus;
    const t = ct().staff.visitor;
    this.visitor.hidden = !v;
    this.visitor.classList.toggle('gone', v?.online === false);
    this.visitor.textContent = !v ? '' : v.online ? t.onlineLong : t.goneLong(waited(v.since));
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
