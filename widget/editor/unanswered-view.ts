import { ct } from '../console-texts/index.ts';
import { h } from '../shared/dom.ts';
import { createDraftForm } from './draft-form.ts';
import type { UnansweredQuestion } from './types.ts';

/** Questions the bot could not answer, most frequent first, each with "draft an FAQ from this". */
export function renderUnanswered(list: UnansweredQuestion[]): HTMLElement {
  const t = ct().editor.unanswered;
  if (!list.length) return h('p', {}, t.none);
  const draftSlot = h('div', { class: 'draft-slot' });
  const table = h(
    'table',
    {},
    h('caption', { class: 'visually-hidden' }, t.caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...[t.columns.asked, t.columns.question, t.columns.lastAsked, ''].map((c) =>
          h('th', { scope: 'col' }, c),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      ...list.map((q) => {
        const draft = h('button', { type: 'button', 'aria-label': t.draftLabel(q.text) }, t.draft);
        draft.addEventListener('click', () => draftSlot.replaceChildren(createDraftForm(q.text)));
        return h(
          'tr',
          {},
          h('td', { class: 'num' }, `${q.count}×`),
          h('td', {}, q.text),
          h('td', {}, new Date(q.lastAt).toLocaleString(ct().locale)),
          h('td', {}, draft),
        );
      }),
    ),
  );
  return h('div', {}, table, draftSlot);
}
