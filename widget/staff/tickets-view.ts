import { CONTACT_TYPES, type ContactType, type HistoryItem } from '../../server/protocol.ts';
import { ct } from '../console-texts/index.ts';
import { api, ApiError } from '../shared/api.ts';
import { h, uid } from '../shared/dom.ts';
import { HistoryList } from './history-view.ts';
import { contactTypeLabel, errorText, langLabel } from './texts.ts';

/** What GET /api/staff/tickets returns (server/store/tickets.ts and server/http/ticket-routes.ts). */
interface Ticket {
  id: number;
  lang: string;
  queue: string;
  question: string | null;
  questionRedacted: string;
  email: string | null;
  phone: string | null;
  createdAt: string;
  channel: 'email' | 'phone' | null;
  answer: string | null;
  answeredAt: string | null;
  answeredByName: string | null;
  assignedTo: number | null;
  assignedName: string | null;
  contactType: ContactType | null;
  history: HistoryItem[];
}

type ListKind = 'open' | 'answered';

/**
 * Offline messages left when nobody was on duty: each with the bot conversation before it, who has taken
 * it, and a contact type; answer by e-mail or note that you phoned. The answered ones are a second list.
 */
export class TicketsView {
  readonly el: HTMLElement;
  private readonly list: HTMLElement;
  private readonly status: HTMLElement;
  private readonly department: HTMLSelectElement;
  private readonly kindButtons: Record<ListKind, HTMLButtonElement>;
  private kind: ListKind = 'open';
  private queueNames = new Map<string, string>();
  onCount: (open: number) => void = () => {};

  constructor(private readonly myId: number) {
    const t = ct().staff.tickets;
    this.list = h('div', { class: 'tickets' });
    this.status = h('p', { role: 'status', class: 'notice' });
    this.department = h('select', { id: uid('ticket-dept') }, h('option', { value: '' }, t.allDepartments));
    this.department.addEventListener('change', () => void this.refresh());
    const kindButton = (kind: ListKind, label: string): HTMLButtonElement => {
      const b = h('button', { type: 'button', 'aria-pressed': String(kind === this.kind) }, label);
      b.addEventListener('click', () => {
        this.kind = kind;
        for (const [k, button] of Object.entries(this.kindButtons))
          button.setAttribute('aria-pressed', String(k === kind));
        void this.refresh();
      });
      return b;
    };
    this.kindButtons = {
      open: kindButton('open', t.openList),
      answered: kindButton('answered', t.answeredList),
    };
    this.el = h(
      'div',
      {},
      h('h2', {}, t.heading),
      h(
        'div',
        { class: 'row ticket-filters' },
        h('div', { class: 'toggle' }, this.kindButtons.open, this.kindButtons.answered),
        h('div', { class: 'field' }, h('label', { for: this.department.id }, t.department), this.department),
      ),
      this.status,
      this.list,
    );
  }

  setQueues(queues: { id: string; name: string }[]): void {
    this.queueNames = new Map(queues.map((q) => [q.id, q.name]));
    const chosen = this.department.value;
    this.department.replaceChildren(
      h('option', { value: '' }, ct().staff.tickets.allDepartments),
      ...queues.map((q) => h('option', { value: q.id }, q.name)),
    );
    this.department.value = chosen;
  }

  async refresh(): Promise<void> {
    const t = ct().staff.tickets;
    const q = new URLSearchParams({ status: this.kind });
    if (this.department.value) q.set('department', this.department.value);
    try {
      const { tickets } = await api<{ tickets: Ticket[] }>('GET', `/api/staff/tickets?${q.toString()}`);
      if (this.kind === 'open' && !this.department.value) this.onCount(tickets.length);
      this.list.replaceChildren(...tickets.map((x) => this.card(x)));
      if (!tickets.length)
        this.list.appendChild(h('p', { class: 'empty' }, this.kind === 'open' ? t.none : t.noneAnswered));
    } catch (e) {
      this.status.textContent = e instanceof ApiError ? errorText(e.code) : t.couldNotLoad;
    }
  }

  private card(x: Ticket): HTMLElement {
    const t = ct().staff.tickets;
    const titleId = uid('ticket');
    const error = h('p', { class: 'error', role: 'alert' });
    const when = (iso: string): string => new Date(iso).toLocaleString(ct().locale);
    const history = new HistoryList(t.botHistory);
    history.replace(x.history.filter((i) => i.role !== 'system'));
    const article = h(
      'article',
      { class: 'ticket card', 'aria-labelledby': titleId, 'data-ticket': x.id },
      h('h3', { id: titleId }, t.title(x.id, langLabel(x.lang), this.queueNames.get(x.queue) ?? x.queue)),
      h('p', { class: 'meta' }, t.received(when(x.createdAt))),
      h('blockquote', {}, x.question ?? x.questionRedacted),
      h(
        'p',
        {},
        x.email ? t.email(x.email) : '',
        x.email && x.phone ? ' · ' : '',
        x.phone ? t.phone(x.phone) : '',
      ),
      h(
        'details',
        { class: 'ticket-history' },
        h('summary', {}, t.botHistory),
        x.history.length ? history.el : h('p', { class: 'empty' }, t.noHistory),
      ),
    );
    if (x.answeredAt) {
      article.append(
        h(
          'p',
          { class: 'meta' },
          t.answeredBy(x.answeredByName ?? '—', when(x.answeredAt), t.channels[x.channel ?? 'email']),
          x.contactType ? ` · ${contactTypeLabel(x.contactType)}` : '',
        ),
      );
      if (x.answer) article.append(h('p', { class: 'meta' }, t.answerText), h('blockquote', {}, x.answer));
      return article;
    }

    const mine = x.assignedTo === this.myId;
    if (mine) article.append(h('p', { class: 'assignee' }, t.takenByYou));
    else if (x.assignedName) article.append(h('p', { class: 'assignee' }, t.takenBy(x.assignedName)));
    else {
      const take = h('button', { type: 'button' }, t.take);
      take.addEventListener(
        'click',
        () => void this.post(`/api/staff/tickets/${x.id}/take`, {}, error, t.alreadyTaken),
      );
      article.append(take);
    }

    const contactType = h(
      'select',
      { id: uid('ticket-type'), required: true },
      h('option', { value: '' }, ct().staff.chatView.choose),
      ...CONTACT_TYPES.map((c) => h('option', { value: c }, contactTypeLabel(c))),
    );
    article.append(
      h('div', { class: 'field' }, h('label', { for: contactType.id }, t.contactType), contactType),
    );
    /** The type is asked for with every answer, as when a chat is closed. */
    const typed = (): ContactType | undefined => {
      if (contactType.value) {
        contactType.removeAttribute('aria-invalid');
        return contactType.value as ContactType;
      }
      error.textContent = t.needContactType;
      contactType.setAttribute('aria-invalid', 'true');
      contactType.focus();
      return undefined;
    };

    if (x.email) {
      const text = h('textarea', { id: uid('answer'), rows: 4, maxlength: 4000, required: true });
      const form = h(
        'form',
        { novalidate: true },
        h('div', { class: 'field' }, h('label', { for: text.id }, t.answerByEmail), text),
        h('button', { type: 'submit', class: 'primary' }, t.sendAnswer),
      );
      form.addEventListener('submit', (ev) => {
        ev.preventDefault();
        const type = typed();
        if (!type) return;
        if (!text.value.trim()) return text.focus();
        void this.answer(x.id, { channel: 'email', text: text.value.trim(), contactType: type }, error);
      });
      article.appendChild(form);
    }
    if (x.phone) {
      const note = h('input', { id: uid('note'), maxlength: 1000 });
      const form = h(
        'form',
        {},
        h('div', { class: 'field' }, h('label', { for: note.id }, t.callNote), note),
        h('button', { type: 'submit' }, t.markCalled),
      );
      form.addEventListener('submit', (ev) => {
        ev.preventDefault();
        const type = typed();
        if (!type) return;
        void this.answer(
          x.id,
          { channel: 'phone', contactType: type, ...(note.value.trim() ? { note: note.value.trim() } : {}) },
          error,
        );
      });
      article.appendChild(form);
    }
    article.appendChild(error);
    return article;
  }

  private async answer(id: number, body: object, error: HTMLElement): Promise<void> {
    if (await this.post(`/api/staff/tickets/${id}/answer`, body, error))
      this.status.textContent = ct().staff.tickets.answered(id);
  }

  /** `taken`: what to say when a colleague was first (the server's `already_claimed`). */
  private async post(path: string, body: object, error: HTMLElement, taken?: string): Promise<boolean> {
    error.textContent = '';
    try {
      await api('POST', path, body);
      await this.refresh();
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.code === 'already_claimed' && taken) {
        // A colleague was first: say so above the list, which now shows who took it.
        this.status.textContent = taken;
        await this.refresh();
        return false;
      }
      error.textContent = e instanceof ApiError ? errorText(e.code) : ct().staff.tickets.notSaved;
      return false;
    }
  }
}
