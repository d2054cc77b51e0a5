import { MAX_NOTE_CHARS } from '../../shared/limits.ts';
import { h, uid } from '../../shared/dom.ts';
import { icon } from '../../shared/icons.ts';
import type { I18n } from '../i18n.ts';

export interface RatingActions {
  rate(helpful: boolean, comment: string | undefined): void;
}

/**
 * After a chat with a person: good or not good, with an optional comment. It goes to the statistics'
 * "Satisfaction after a handover" as feedback on the conversation as a whole.
 */
export function createRating(i18n: I18n, actions: RatingActions): HTMLElement {
  const titleId = uid('svar-rate');
  const commentId = uid('svar-rate-comment');
  let choice: boolean | undefined;
  const choose = (helpful: boolean): HTMLButtonElement => {
    const b = h(
      'button',
      { type: 'button', class: 'feedback-button rate-button', 'aria-pressed': 'false' },
      icon(helpful ? 'thumbUp' : 'thumbDown'),
      i18n.bind(h('span'), (t) => (helpful ? t.rateGood : t.rateBad)),
    );
    b.addEventListener('click', () => {
      choice = helpful;
      for (const other of [good, bad]) other.setAttribute('aria-pressed', String(other === b));
      send.disabled = false;
    });
    return b;
  };
  const good = choose(true);
  const bad = choose(false);
  const comment = h('textarea', { id: commentId, rows: 2, maxlength: MAX_NOTE_CHARS });
  const send = i18n.bind(
    h('button', { type: 'submit', class: 'button primary', disabled: true }),
    (t) => t.rateSend,
  );
  const form = h(
    'form',
    { class: 'rating', 'aria-labelledby': titleId },
    i18n.bind(h('p', { id: titleId, class: 'rating-title' }), (t) => t.rateTitle),
    h('div', { class: 'row', role: 'group', 'aria-labelledby': titleId }, good, bad),
    h(
      'div',
      { class: 'field' },
      i18n.bind(h('label', { for: commentId }), (t) => t.rateComment),
      comment,
    ),
    send,
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (choice === undefined) return;
    const text = comment.value.trim();
    actions.rate(choice, text || undefined);
    const thanks = i18n.bind(
      h('p', { class: 'rating-thanks', role: 'status', tabindex: -1 }),
      (t) => t.rateThanks,
    );
    form.replaceWith(thanks);
    thanks.focus();
  });
  return form;
}
