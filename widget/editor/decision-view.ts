import { h } from '../shared/dom.ts';
import { renderMarkdown } from '../shared/markdown-dom.ts';
import { createDraftForm } from './draft-form.ts';
import type { ExplainedCandidate, ExplainedDecision } from './types.ts';

const score = (p: { score: number; rank: number } | undefined): string =>
  p ? `${p.score.toFixed(3)} (#${p.rank})` : '—';

function candidatesTable(list: ExplainedCandidate[]): HTMLElement {
  if (!list.length) return h('p', {}, 'No candidates: nothing in the knowledge matched.');
  return h(
    'table',
    { class: 'candidates' },
    h('caption', {}, 'Top candidates, best first'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['#', 'File', 'Confidence', 'Lexical (BM25)', 'Dense (cosine)', 'Why it matched'].map((c) =>
          h('th', { scope: 'col' }, c),
        ),
      ),
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
  const facts: [string, string | undefined][] = [
    ['Decision', d.kind],
    ['Handover reason', d.handoverReason],
    ['Fallback reason', d.fallbackReason],
    ['Answered file', d.fileId],
    ['Queue', d.queue],
    ['Priority', d.priority],
    ['Reply language', d.lang],
    ['Detected language', d.detectedLang],
    ['Retrieval mode', d.retrievalMode],
    ['Counts as unanswered', d.unanswered ? 'yes' : 'no'],
    ['Logged as', d.redacted],
  ];
  const draftSlot = h('div');
  const draft = h('button', { type: 'button' }, 'Draft an FAQ from this question');
  draft.addEventListener('click', () => {
    draftSlot.replaceChildren(createDraftForm(question, d.lang));
    draft.hidden = true;
  });
  return h(
    'div',
    { class: `decision kind-${d.kind}` },
    h('h3', {}, `Decision: ${d.kind}`),
    h(
      'dl',
      { class: 'facts' },
      ...facts.filter(([, v]) => v).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v ?? '')]),
    ),
    h('h4', {}, 'Reply the citizen would see'),
    h(
      'div',
      { class: 'reply card' },
      h('div', { class: 'md' }, renderMarkdown(d.reply.text)),
      d.reply.suggestions?.length
        ? h('p', {}, 'Suggestions: ', d.reply.suggestions.map((s) => s.title).join(' · '))
        : null,
      d.reply.source
        ? h('p', { class: 'source' }, `Source: ${d.reply.source.title} (${d.reply.source.path})`)
        : null,
      d.reply.link ? h('p', { class: 'source' }, `Self-service link: ${d.reply.link}`) : null,
      d.reply.emergency?.length
        ? h(
            'p',
            { class: 'error' },
            `Emergency numbers: ${d.reply.emergency.map((e) => `${e.label} ${e.number}`).join(', ')}`,
          )
        : null,
    ),
    h('h4', {}, 'Why'),
    h('ul', {}, ...d.why.map((w) => h('li', {}, w))),
    candidatesTable(d.candidates),
    draft,
    draftSlot,
  );
}
