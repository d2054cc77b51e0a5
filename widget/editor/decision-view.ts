import { ct } from '../console-texts/index.ts';
import { h } from '../shared/dom.ts';
import { renderMarkdown } from '../shared/markdown-dom.ts';
import { createDraftForm } from './draft-form.ts';
import type { ExplainedCandidate, ExplainedDecision } from './types.ts';

const score = (p: { score: number; rank: number } | undefined): string =>
  p ? `${p.score.toFixed(3)} (#${p.rank})` : '—';

function candidatesTable(list: ExplainedCandidate[]): HTMLElement {
  const t = ct().editor.decision;
  if (!list.length) return h('p', {}, t.noCandidates);
  return h(
    'table',
    { class: 'candidates' },
    h('caption', {}, t.candidatesCaption),
    h(
      'thead',
      {},
      h('tr', {}, ...['#', ...Object.values(t.columns)].map((c) => h('th', { scope: 'col' }, c))),
    ),
    h(
      'tbody',
      {},
      ...list.map((c, i) =>
        h(
          'tr',
          {},
          h('td', {}, String(i + 1)),
          h('td', {}, h('strong', {}, c.title), h('br'), h('code', {}, c.path), ` · ${c.lang} · ${c.kind}`),
          h('td', { class: 'num' }, c.confidence.toFixed(3)),
          h('td', { class: 'num' }, score(c.lexical)),
          h('td', { class: 'num' }, score(c.dense)),
          h(
            'td',
            {},
            h('ul', {}, ...c.why.map((w) => h('li', {}, w))),
            h(
              'p',
              { class: 'passage' },
              `${c.passage.heading ? `${c.passage.heading}: ` : ''}${c.passage.text}`,
            ),
          ),
        ),
      ),
    ),
  );
}

/** What the bot would do with a question, and why: kind, reply, rules that fired, candidates and scores. */
export function renderDecision(question: string, d: ExplainedDecision): HTMLElement {
  const t = ct().editor.decision;
  const f = t.facts;
  const facts: [string, string | undefined][] = [
    [f.decision, d.kind],
    [f.handoverReason, d.handoverReason],
    [f.fallbackReason, d.fallbackReason],
    [f.answeredFile, d.fileId],
    [f.queue, d.queue],
    [f.priority, d.priority],
    [f.replyLang, d.lang],
    [f.detectedLang, d.detectedLang],
    [f.retrievalMode, d.retrievalMode],
    [f.unanswered, d.unanswered ? t.yes : t.no],
    [f.loggedAs, d.redacted],
  ];
  const draftSlot = h('div');
  const draft = h('button', { type: 'button' }, t.draft);
  draft.addEventListener('click', () => {
    draftSlot.replaceChildren(createDraftForm(question, d.lang));
    draft.hidden = true;
  });
  return h(
    'div',
    { class: `decision kind-${d.kind}` },
    h('h3', {}, t.heading(d.kind)),
    h(
      'dl',
      { class: 'facts' },
      ...facts.filter(([, v]) => v).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v ?? '')]),
    ),
    h('h4', {}, t.reply),
    h(
      'div',
      { class: 'reply card' },
      h('div', { class: 'md' }, renderMarkdown(d.reply.text)),
      d.reply.suggestions?.length
        ? h('p', {}, t.suggestions, d.reply.suggestions.map((s) => s.title).join(' · '))
        : null,
      d.reply.source
        ? h('p', { class: 'source' }, t.source(d.reply.source.title, d.reply.source.path))
        : null,
      d.reply.link ? h('p', { class: 'source' }, t.link(d.reply.link)) : null,
      d.reply.emergency?.length
        ? h(
            'p',
            { class: 'error' },
            t.emergency(d.reply.emergency.map((e) => `${e.label} ${e.number}`).join(', ')),
          )
        : null,
    ),
    h('h4', {}, t.why),
    h('ul', {}, ...d.why.map((w) => h('li', {}, w))),
    candidatesTable(d.candidates),
    draft,
    draftSlot,
  );
}
