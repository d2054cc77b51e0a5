import { ct } from '../console-texts/index.ts';
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
  const t = ct().editor.status;
  return h(
    'div',
    {},
    s.notice ? h('p', { class: 'notice warn' }, s.notice) : null,
    h(
      'dl',
      { class: 'facts' },
      ...[
        [t.retrievalMode, s.mode],
        [t.files, String(s.files)],
        [t.passages, String(s.passages)],
        [t.model, s.modelId ?? t.none],
        [t.loaded, new Date(s.loadedAt).toLocaleString(ct().locale)],
      ].flatMap(([k, v]) => [h('dt', {}, k ?? ''), h('dd', {}, v ?? '')]),
    ),
    issues(t.errors, s.errors, t.noErrors),
    issues(t.warnings, s.warnings, t.noWarnings),
    h(
      'section',
      {},
      h('h3', {}, t.reviewsDue(s.reviewsDue.length)),
      s.reviewsDue.length
        ? h('ul', {}, ...s.reviewsDue.map((r) => h('li', {}, h('code', {}, r.path), t.reviewDate(r.review))))
        : h('p', {}, t.nothingDue),
    ),
  );
}
