import { h } from '../shared/dom.ts';
import { createDraftForm } from './draft-form.ts';
import type { UnansweredQuestion } from './types.ts';

/** Questions the bot could not answer, most frequent first, each with "draft an FAQ from this". */
export function renderUnanswered(list: UnansweredQuestion[]): HTMLElement {
  if (!list.length) return h('p', {}, 'No unanswered questions in the log.');
  const draftSlot = h('div', { class: 'draft-slot' });
  const table = h(
    'table',
    {},
    h('caption', { class: 'visually-hidden' }, 'Unanswered questions, most frequent first'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['Asked', 'Question (redacted)', 'Last asked', ''].map((c) => h('th', { scope: 'col' }, c)),
      ),
    ),
    h(
      'tbody',
      {},
      ...list.map((q) => {
        const draft = h(
          'button',
          { type: 'button', 'aria-label': `Draft an FAQ from: ${q.text}` },
          'Draft an FAQ',
        );
        draft.addEventListener('click', () => draftSlot.replaceChildren(createDraftForm(q.text)));
        return h(
          'tr',
          {},
          h('td', { class: 'num' }, `${q.count}×`),
          h('td', {}, q.text),
          h('td', {}, new Date(q.lastAt).toLocaleString()),
          h('td', {}, draft),
        );
      }),
    ),
  );
  return h('div', {}, table, draftSlot);
}
