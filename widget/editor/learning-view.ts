import { api, ApiError } from '../shared/api.ts';
import { h } from '../shared/dom.ts';
import { createDraftForm } from './draft-form.ts';

// The inbox as GET /api/editor/learning sends it (bot/learning/types.ts); the console imports no server code.
interface Counted {
  text: string;
  count: number;
}
interface Wording {
  key: string;
  fileId: string;
  wording: string;
  lang: string;
  count: number;
  conversations: number;
}
interface PerFile {
  key: string;
  fileId: string;
  title: string;
  count: number;
  conversations: number;
  questions: Counted[];
}
interface Cluster {
  key: string;
  keys: string[];
  lang: string;
  questions: Counted[];
  count: number;
  conversations: number;
  likelyFileId?: string;
}
export interface LearningInbox {
  wordings: { fileId: string; title: string; wordings: Wording[] }[];
  downvoted: PerFile[];
  handedOver: PerFile[];
  unanswered: Cluster[];
  filtered: Record<string, number>;
}

const REASONS: [string, string][] = [
  ['noise', 'Noise'],
  ['wrong_file', 'Wrong file'],
  ['personal', 'Personal case'],
  ['not_a_question', 'Not a question'],
  ['covered', 'Already covered'],
  ['other', 'Other'],
];

const times = (count: number, conversations: number) =>
  `${count}× in ${conversations} conversation${conversations === 1 ? '' : 's'}`;

/**
 * The editors' review inbox (issue 17): wordings citizens and staff tied to a file, answers rated 👎, chats
 * that went to a person though a file answers them, and unanswered questions grouped. Approving adds the
 * wording to the file's alternative questions, as a saved and versioned edit; dismissing asks for a reason.
 */
export function createLearningView(): HTMLElement {
  const root = h('div', { class: 'learning' }, 'Loading…');
  const status = h('p', { role: 'status', class: 'notice' });
  const draftSlot = h('div', { class: 'draft-slot' });

  const act = (path: string, body: unknown, done: string): void => {
    status.textContent = 'Saving…';
    api('POST', path, body)
      .then(() => {
        status.textContent = done;
        load();
      })
      .catch((e: unknown) => {
        status.textContent =
          e instanceof ApiError && e.code === 'wording_refused'
            ? 'Refused: the wording holds personal data or is not a question.'
            : e instanceof ApiError && e.code === 'knowledge_invalid'
              ? 'Not saved: the file would have errors.'
              : 'Could not save this. Try again.';
      });
  };
  const approve = (fileId: string, wordings: string[], label: string, lang?: string) => {
    const b = h('button', { type: 'button', class: 'primary', 'aria-label': label }, 'Approve');
    b.addEventListener('click', () =>
      act(
        '/api/editor/learning/approve',
        { fileId, wordings, ...(lang ? { lang } : {}) },
        `Added to ${fileId}: live now.`,
      ),
    );
    return b;
  };
  const dismiss = (keys: string[], label: string) => {
    const reason = h(
      'select',
      { 'aria-label': `Reason to dismiss ${label}` },
      ...REASONS.map(([value, text]) => h('option', { value }, text)),
    );
    const b = h('button', { type: 'button', 'aria-label': `Dismiss ${label}` }, 'Dismiss');
    b.addEventListener('click', () =>
      act('/api/editor/learning/dismiss', { keys, reason: reason.value }, 'Dismissed.'),
    );
    return h('span', { class: 'dismiss' }, reason, b);
  };
  const questions = (list: Counted[]) =>
    h('ul', {}, ...list.map((q) => h('li', {}, `${q.text} `, h('span', { class: 'hint' }, `(${q.count}×)`))));

  const render = (inbox: LearningInbox): HTMLElement[] => {
    const out: HTMLElement[] = [];
    out.push(h('h3', {}, 'Add these wordings to a file'));
    if (inbox.wordings.length === 0) out.push(h('p', {}, 'No wordings to review.'));
    for (const group of inbox.wordings) {
      out.push(
        h(
          'div',
          { class: 'learning-file' },
          h('h4', {}, `${group.title} (${group.fileId})`),
          h(
            'ul',
            {},
            ...group.wordings.map((w) =>
              h(
                'li',
                { class: 'learning-wording' },
                h('q', {}, w.wording),
                ' ',
                h('span', { class: 'hint' }, times(w.count, w.conversations)),
                ' ',
                approve(w.fileId, [w.wording], `Approve “${w.wording}” for ${group.title}`),
                dismiss([w.key], `“${w.wording}”`),
              ),
            ),
          ),
        ),
      );
    }
    out.push(h('h3', {}, 'Answers rated not helpful'));
    if (inbox.downvoted.length === 0) out.push(h('p', {}, 'No answers rated down.'));
    for (const d of inbox.downvoted) {
      out.push(
        h(
          'div',
          { class: 'learning-file' },
          h('h4', {}, `${d.title}: not helpful ${d.count} time${d.count === 1 ? '' : 's'}`),
          questions(d.questions),
          dismiss([d.key], `the 👎 for ${d.title}`),
        ),
      );
    }
    out.push(h('h3', {}, 'Went to a person though a file answers them'));
    if (inbox.handedOver.length === 0) out.push(h('p', {}, 'None.'));
    for (const d of inbox.handedOver) {
      out.push(
        h(
          'div',
          { class: 'learning-file' },
          h('h4', {}, `${d.title}: ${times(d.count, d.conversations)}`),
          questions(d.questions),
          dismiss([d.key], `the handovers for ${d.title}`),
        ),
      );
    }
    out.push(h('h3', {}, 'Unanswered questions, grouped'));
    if (inbox.unanswered.length === 0) out.push(h('p', {}, 'No unanswered questions.'));
    for (const c of inbox.unanswered) {
      const top = c.questions[0]?.text ?? '';
      const draft = h(
        'button',
        { type: 'button', 'aria-label': `Draft a new file from: ${top}` },
        'Draft a new file',
      );
      draft.addEventListener('click', () => draftSlot.replaceChildren(createDraftForm(top, c.lang)));
      out.push(
        h(
          'div',
          { class: 'learning-cluster' },
          h('h4', {}, `${c.lang}: ${times(c.count, c.conversations)}`),
          questions(c.questions),
          c.likelyFileId
            ? approve(
                c.likelyFileId,
                c.questions.map((q) => q.text).slice(0, 20),
                `Add these questions to ${c.likelyFileId}`,
                c.lang,
              )
            : null,
          c.likelyFileId ? h('span', { class: 'hint' }, ` to ${c.likelyFileId} `) : null,
          draft,
          dismiss(c.keys.slice(0, 50), `the group “${top}”`),
        ),
      );
    }
    const filtered = Object.entries(inbox.filtered);
    if (filtered.length > 0) {
      out.push(
        h(
          'p',
          { class: 'hint' },
          `Kept out: ${filtered.map(([why, n]) => `${n} ${why.replace('_', ' ')}`).join(', ')}.`,
        ),
      );
    }
    return out;
  };

  const load = (): void => {
    api<LearningInbox>('GET', '/api/editor/learning')
      .then((inbox) => root.replaceChildren(...render(inbox)))
      .catch(() => (root.textContent = 'Could not load the inbox. Try again.'));
  };
  load();
  return h('div', {}, status, root, draftSlot);
}
