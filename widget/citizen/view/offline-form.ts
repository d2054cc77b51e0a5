import type { OfflineReason } from '../../../server/protocol.ts';
import { h, uid } from '../../shared/dom.ts';
import { MAX_MESSAGE_CHARS } from '../../shared/limits.ts';
import type { I18n } from '../i18n.ts';
import type { WidgetTexts } from '../texts/index.ts';

export interface OfflineMessage {
  question: string;
  email?: string;
  phone?: string;
}

// Same rules as the server's zod schema, so the citizen hears about a typo before sending.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9 ()-]{4,19}$/;

function field(i18n: I18n, label: (t: WidgetTexts) => string, input: HTMLInputElement | HTMLTextAreaElement) {
  input.id = uid('svar-field');
  return h('div', { class: 'field' }, i18n.bind(h('label', { for: input.id }), label), input);
}

/**
 * The "leave a message" form shown when nobody can take the chat. Errors are listed in an alert and the
 * first wrong field gets focus; after sending, the confirmation replaces the form and takes focus.
 */
export function createOfflineForm(
  i18n: I18n,
  o: { reason: OfflineReason; opensAt?: string; question: string; submit(msg: OfflineMessage): void },
) {
  const headingId = uid('svar-offline');
  const question = h('textarea', { rows: 3, maxlength: MAX_MESSAGE_CHARS, required: true });
  question.value = o.question;
  const email = h('input', { type: 'email', autocomplete: 'email', inputmode: 'email' });
  const phone = h('input', { type: 'tel', autocomplete: 'tel' });
  const consent = h('input', { type: 'checkbox', id: uid('svar-consent'), required: true });
  const errors = h('div', { class: 'form-errors', role: 'alert' });
  const when = o.opensAt ? new Date(o.opensAt) : undefined;
  const opens = (t: WidgetTexts): string =>
    when && !Number.isNaN(when.getTime())
      ? t.opensAt(when.toLocaleString(t.locale, { weekday: 'long', hour: '2-digit', minute: '2-digit' }))
      : '';

  const form = h(
    'form',
    { class: 'offline-form', 'aria-labelledby': headingId, novalidate: true },
    i18n.bind(h('h3', { id: headingId }), (t) => t.offlineTitle),
    i18n.bind(h('p'), (t) => `${t.offlineReason[o.reason]} ${opens(t)}`.trim()),
    field(i18n, (t) => t.offlineQuestion, question),
    i18n.bind(h('p', { class: 'hint' }), (t) => t.offlineContactHint),
    field(i18n, (t) => t.offlineEmail, email),
    field(i18n, (t) => t.offlinePhone, phone),
    h(
      'div',
      { class: 'field check' },
      consent,
      i18n.bind(h('label', { for: consent.id }), (t) => t.offlineConsent),
    ),
    errors,
    i18n.bind(h('button', { type: 'submit', class: 'button primary' }), (t) => t.offlineSubmit),
  );

  const validate = (): { pick: (t: WidgetTexts) => string; el: HTMLElement }[] => {
    const problems: { pick: (t: WidgetTexts) => string; el: HTMLElement }[] = [];
    const e = email.value.trim();
    const p = phone.value.trim();
    if (!question.value.trim()) problems.push({ pick: (t) => t.offlineQuestion, el: question });
    if (!e && !p) problems.push({ pick: (t) => t.offlineNeedContact, el: email });
    if (e && !EMAIL.test(e)) problems.push({ pick: (t) => t.offlineBadEmail, el: email });
    if (p && !PHONE.test(p)) problems.push({ pick: (t) => t.offlineBadPhone, el: phone });
    if (!consent.checked) problems.push({ pick: (t) => t.offlineNeedConsent, el: consent });
    return problems;
  };

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const problems = validate();
    for (const el of [question, email, phone, consent]) el.removeAttribute('aria-invalid');
    errors.replaceChildren(...problems.map((p) => i18n.bind(h('p'), p.pick)));
    if (problems.length) {
      for (const p of problems) p.el.setAttribute('aria-invalid', 'true');
      problems[0]?.el.focus();
      return;
    }
    const e = email.value.trim();
    const p = phone.value.trim();
    o.submit({ question: question.value.trim(), ...(e ? { email: e } : {}), ...(p ? { phone: p } : {}) });
  });

  return {
    el: form,
    focus: () => question.focus(),
    error(pick: (t: WidgetTexts) => string): void {
      errors.replaceChildren(i18n.bind(h('p'), pick));
    },
  };
}
