import { ct } from '../console-texts/index.ts';
import { api, ApiError } from '../shared/api.ts';
import { h } from '../shared/dom.ts';
import { createDraftForm } from './draft-form.ts';

// The inbox as GET /api/editor/learning sends it (bot/learning/types.ts); the console imports no server code.
interface Counted {
  text: string;
  count: number;
  homes?: string[];
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
  likelyFileIds?: string[];
}
export interface LearningInbox {
  wordings: { fileId: string; title: string; wordings: Wording[] }[];
  downvoted: PerFile[];
  handedOver: PerFile[];
  unanswered: Cluster[];
  filtered: Record<string, number>;
}

/** A reason the texts do not know yet shows as the server names it, rather than not at all. */
const filterName = (why: string): string => {
  const names: Record<string, string> = ct().editor.learning.filters;
  return names[why] ?? why.replaceAll('_', ' ');
};

/**
 * The editors' review inbox (issue 17): wordings citizens and staff tied to a file, answers rated 👎, chats
 * that went to a person though a file answers them, and unanswered questions grouped. Approving adds the
 * wording to the file's alternative questions, as a saved and versioned edit; dismissing asks for a reason.
 */
export function createLearningView(): HTMLElement {
  const t = ct().editor.learning;
  const root = h('div', { class: 'learning' }, ct().editor.loading);
  const status = h('p', { role: 'status', class: 'notice' });
  const draftSlot = h('div', { class: 'draft-slot' });

  const act = (path: string, body: unknown, done: string): void => {
    status.textContent = t.saving;
    api('POST', path, body)
      .then(() => {
        status.textContent = done;
        load();
      })
      .catch((e: unknown) => {
        status.textContent =
          e instanceof ApiError && e.code === 'wording_refused'
            ? t.refused
            : e instanceof ApiError && e.code === 'knowledge_invalid'
              ? t.invalid
              : t.failed;
      });
  };
  const approve = (fileId: string, wordings: string[], label: string, lang?: string) => {
    const b = h('button', { type: 'button', class: 'primary', 'aria-label': label }, t.approve);
    b.addEventListener('click', () =>
      act('/api/editor/learning/approve', { fileId, wordings, ...(lang ? { lang } : {}) }, t.added(fileId)),
    );
    return b;
  };
  const dismiss = (keys: string[], label: string) => {
    const reason = h(
      'select',
      { 'aria-label': t.reasonLabel(label) },
      ...Object.entries(t.reasons).map(([value, text]) => h('option', { value }, text)),
    );
    const b = h('button', { type: 'button', 'aria-label': t.dismissLabel(label) }, t.dismiss);
    b.addEventListener('click', () =>
      act('/api/editor/learning/dismiss', { keys, reason: reason.value }, t.dismissed),
    );
    return h('span', { class: 'dismiss' }, reason, b);
  };
  // A 👎 question the bot answered from the wrong file, moved with one click to a file the search offers.
  const move = (fileId: string, question: string) => {
    const b = h('button', { type: 'button', 'aria-label': t.moveLabel(question, fileId) }, t.moveTo(fileId));
    b.addEventListener('click', () =>
      act('/api/editor/learning/approve', { fileId, wordings: [question] }, t.added(fileId)),
    );
    return b;
  };
  const movable = (list: Counted[]) =>
    h(
      'ul',
      {},
      ...list.map((q) =>
        h(
          'li',
          {},
          `${q.text} `,
          h('span', { class: 'hint' }, `(${q.count}×)`),
          ...(q.homes ?? []).map((id) => move(id, q.text)),
        ),
      ),
    );
  const questions = (list: Counted[]) =>
    h('ul', {}, ...list.map((q) => h('li', {}, `${q.text} `, h('span', { class: 'hint' }, `(${q.count}×)`))));

  const render = (inbox: LearningInbox): HTMLElement[] => {
    const out: HTMLElement[] = [];
    out.push(h('h3', {}, t.wordingsHeading));
    if (inbox.wordings.length === 0) out.push(h('p', {}, t.noWordings));
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
                h('span', { class: 'hint' }, t.times(w.count, w.conversations)),
                ' ',
                approve(w.fileId, [w.wording], t.approveWording(w.wording, group.title)),
                dismiss([w.key], t.wording(w.wording)),
              ),
            ),
          ),
        ),
      );
    }
    out.push(h('h3', {}, t.downvotedHeading));
    if (inbox.downvoted.length === 0) out.push(h('p', {}, t.noDownvoted));
    for (const d of inbox.downvoted) {
      out.push(
        h(
          'div',
          { class: 'learning-file' },
          h('h4', {}, t.notHelpful(d.title, d.count)),
          movable(d.questions),
          dismiss([d.key], t.theDownvotes(d.title)),
        ),
      );
    }
    out.push(h('h3', {}, t.handedOverHeading));
    if (inbox.handedOver.length === 0) out.push(h('p', {}, t.noHandedOver));
    for (const d of inbox.handedOver) {
      out.push(
        h(
          'div',
          { class: 'learning-file' },
          h('h4', {}, `${d.title}: ${t.times(d.count, d.conversations)}`),
          questions(d.questions),
          dismiss([d.key], t.theHandovers(d.title)),
        ),
      );
    }
    out.push(h('h3', {}, t.unansweredHeading));
    if (inbox.unanswered.length === 0) out.push(h('p', {}, t.noUnanswered));
    for (const c of inbox.unanswered) {
      const top = c.questions[0]?.text ?? '';
      const draft = h('button', { type: 'button', 'aria-label': t.draftLabel(top) }, t.draft);
      draft.addEventListener('click', () => draftSlot.replaceChildren(createDraftForm(top, c.lang)));
      out.push(
        h(
          'div',
          { class: 'learning-cluster' },
          h('h4', {}, `${c.lang}: ${t.times(c.count, c.conversations)}`),
          questions(c.questions),
          ...(c.likelyFileIds ?? (c.likelyFileId ? [c.likelyFileId] : [])).flatMap((id) => [
            approve(id, c.questions.map((q) => q.text).slice(0, 20), t.addQuestions(id), c.lang),
            h('span', { class: 'hint' }, t.toFile(id)),
          ]),
          draft,
          dismiss(c.keys.slice(0, 50), t.theGroup(top)),
        ),
      );
    }
    const filtered = Object.entries(inbox.filtered);
    if (filtered.length > 0) {
      out.push(
        h(
          'p',
          { class: 'hint' },
          t.keptOut(filtered.map(([why, n]) => `${n} ${filterName(why)}`).join(', ')),
        ),
      );
    }
    return out;
  };

  const load = (): void => {
    api<LearningInbox>('GET', '/api/editor/learning')
      .then((inbox) => root.replaceChildren(...render(inbox)))
      .catch(() => (root.textContent = t.couldNotLoad));
  };
  load();
  return h('div', {}, status, root, draftSlot);
}
