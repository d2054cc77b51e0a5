import { h } from '../shared/dom.ts';
import type { KnowledgeIssue, KnowledgeStatus } from './types.ts';

function issues(title: string, list: KnowledgeIssue[], empty: string): HTMLElement {
  return h(
    'section',
    { class: 'issues' },
    h('h3', {}, `${title} (${list.length})`),
    list.length
      ? h(
          'ul',
          {},
          ...list.map((i) =>
            h(
              'li',
              { class: i.severity },
              h('code', {}, `${i.path}:${i.line}`),
              ` ${i.message} `,
              h('span', { class: 'code' }, `[${i.code}]`),
            ),
          ),
        )
      : h('p', {}, empty),
  );
}

/** Knowledge status: mode, counts, and every problem with its file and line, then reviews that are due. */
export function renderStatus(s: KnowledgeStatus): HTMLElement {
  return h(
    'div',
    {},
    s.notice ? h('p', { class: 'notice warn' }, s.notice) : null,
    h(
      'dl',
      { class: 'facts' },
      ...[
        ['Retrieval mode', s.mode],
        ['Files', String(s.files)],
        ['Passages', String(s.passages)],
        ['Embedding model', s.modelId ?? 'none'],
        ['Loaded', new Date(s.loadedAt).toLocaleString()],
      ].flatMap(([k, v]) => [h('dt', {}, k ?? ''), h('dd', {}, v ?? '')]),
    ),
    issues('Errors', s.errors, 'No errors.'),
    issues('Warnings', s.warnings, 'No warnings.'),
    h(
      'section',
      {},
      h('h3', {}, `Reviews due (${s.reviewsDue.length})`),
      s.reviewsDue.length
        ? h(
            'ul',
            {},
            ...s.reviewsDue.map((r) => h('li', {}, h('code', {}, r.path), ` review date ${r.review}`)),
          )
        : h('p', {}, 'Nothing is due for review.'),
    ),
  );
}
