import { api, ApiError } from '../shared/api.ts';
import { h, uid } from '../shared/dom.ts';
import { errorText, langLabel } from './texts.ts';

/** What GET /api/staff/tickets returns (server/store/tickets.ts). */
interface Ticket {
  id: number;
  lang: string;
  queue: string;
  question: string | null;
  questionRedacted: string;
  email: string | null;
  phone: string | null;
  createdAt: string;
}

/** Offline messages left when nobody was on duty: answer by e-mail, or note that you phoned. */
export class TicketsView {
  readonly el: HTMLElement;
  private readonly list: HTMLElement;
  private readonly status: HTMLElement;
  onCount: (open: number) => void = () => {};

  constructor() {
    this.list = h('div', { class: 'tickets' });
    this.status = h('p', { role: 'status', class: 'notice' });
    this.el = h('div', {}, h('h2', {}, 'Offline messages'), this.status, this.list);
  }

  async refresh(): Promise<void> {
    try {
      const { tickets } = await api<{ tickets: Ticket[] }>('GET', '/api/staff/tickets');
      this.onCount(tickets.length);
      this.list.replaceChildren(...tickets.map((t) => this.card(t)));
      if (!tickets.length) this.list.appendChild(h('p', { class: 'empty' }, 'No open messages.'));
    } catch (e) {
      this.status.textContent = e instanceof ApiError ? errorText(e.code) : 'Could not load the messages.';
    }
  }

  private card(t: Ticket): HTMLElement {
    const titleId = uid('ticket');
    const error = h('p', { class: 'error', role: 'alert' });
    const article = h(
      'article',
      { class: 'ticket card', 'aria-labelledby': titleId, 'data-ticket': t.id },
      h('h3', { id: titleId }, `Message ${t.id} · ${langLabel(t.lang)} · ${t.queue}`),
      h('p', { class: 'meta' }, `Received ${new Date(t.createdAt).toLocaleString()}`),
      h('blockquote', {}, t.question ?? t.questionRedacted),
      h(
        'p',
        {},
        t.email ? `E-mail: ${t.email}` : '',
        t.email && t.phone ? ' · ' : '',
        t.phone ? `Phone: ${t.phone}` : '',
      ),
    );
    if (t.email) {
      const text = h('textarea', { id: uid('answer'), rows: 4, maxlength: 4000, required: true });
      const form = h(
        'form',
        {},
        h('div', { class: 'field' }, h('label', { for: text.id }, 'Answer by e-mail'), text),
        h('button', { type: 'submit', class: 'primary' }, 'Send answer'),
      );
      form.addEventListener('submit', (ev) => {
        ev.preventDefault();
        if (!text.value.trim()) return text.focus();
        void this.answer(t.id, { channel: 'email', text: text.value.trim() }, error);
      });
      article.appendChild(form);
    }
    if (t.phone) {
      const note = h('input', { id: uid('note'), maxlength: 1000 });
      const form = h(
        'form',
        {},
        h('div', { class: 'field' }, h('label', { for: note.id }, 'Note about the call (optional)'), note),
        h('button', { type: 'submit' }, 'Mark phone call done'),
      );
      form.addEventListener('submit', (ev) => {
        ev.preventDefault();
        void this.answer(
          t.id,
          { channel: 'phone', ...(note.value.trim() ? { note: note.value.trim() } : {}) },
          error,
        );
      });
      article.appendChild(form);
    }
    article.appendChild(error);
    return article;
  }

  private async answer(id: number, body: object, error: HTMLElement): Promise<void> {
    error.textContent = '';
    try {
      await api('POST', `/api/staff/tickets/${id}/answer`, body);
      this.status.textContent = `Message ${id} is answered.`;
      await this.refresh();
    } catch (e) {
      error.textContent = e instanceof ApiError ? errorText(e.code) : 'Not saved. Try again.';
    }
  }
}
