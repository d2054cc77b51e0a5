import { api, ApiError, logout, type Me } from '../shared/api.ts';
import { h, uid } from '../shared/dom.ts';
import { MAX_MESSAGE_CHARS } from '../shared/limits.ts';
import { renderDecision } from './decision-view.ts';
import { setEditorCsrf } from './files-api.ts';
import { createFilesView } from './files-view.ts';
import { renderStatus } from './status-view.ts';
import type { ExplainedDecision, KnowledgeStatus, UnansweredQuestion } from './types.ts';
import { renderUnanswered } from './unanswered-view.ts';
import { createLearningView } from './learning-view.ts';

const failure = (e: unknown): string =>
  e instanceof ApiError && e.code === 'forbidden'
    ? 'This page is for editors and admins.'
    : e instanceof ApiError && e.code === 'unauthorized'
      ? 'Your session has ended. Reload the page and log in.'
      : 'Could not load this. Try again.';

function section(title: string, ...content: HTMLElement[]): HTMLElement {
  const id = uid('sec');
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), ...content);
}

/** The editor console: try a question, knowledge status, unanswered questions and FAQ drafts. */
export function createEditorApp(me: Me): HTMLElement {
  setEditorCsrf(me.csrfToken);
  const question = h('textarea', { id: 'question', rows: 2, maxlength: MAX_MESSAGE_CHARS, required: true });
  const result = h('div', { class: 'result', 'aria-live': 'polite' });
  const ask = h(
    'form',
    { class: 'ask' },
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'question' }, 'Question, as a citizen would write it'),
      question,
    ),
    h('button', { type: 'submit', class: 'primary' }, 'Ask'),
  );
  ask.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = question.value.trim();
    if (!q) return question.focus();
    result.textContent = 'Asking…';
    api<{ decision: ExplainedDecision }>('POST', '/api/editor/ask', { question: q })
      .then(({ decision }) => result.replaceChildren(renderDecision(q, decision)))
      .catch((e: unknown) => (result.textContent = failure(e)));
  });

  const status = h('div', {}, 'Loading…');
  const unanswered = h('div', {}, 'Loading…');
  const refresh = h('button', { type: 'button' }, 'Refresh');
  const load = (): void => {
    api<KnowledgeStatus>('GET', '/api/editor/status')
      .then((s) => status.replaceChildren(renderStatus(s)))
      .catch((e: unknown) => (status.textContent = failure(e)));
    api<{ questions: UnansweredQuestion[] }>('GET', '/api/editor/unanswered?limit=100')
      .then(({ questions }) => unanswered.replaceChildren(renderUnanswered(questions)))
      .catch((e: unknown) => (unanswered.textContent = failure(e)));
  };
  refresh.addEventListener('click', load);
  load();

  const logoutButton = h('button', { type: 'button' }, 'Log out');
  logoutButton.addEventListener('click', () => void logout().finally(() => location.reload()));
  return h(
    'div',
    { class: 'console editor' },
    h(
      'header',
      { class: 'topbar' },
      h('h1', {}, 'Svar · Editor'),
      h('span', {}, `${me.staff.firstName} (${me.staff.role})`),
      refresh,
      logoutButton,
    ),
    h(
      'main',
      {},
      section('Knowledge files', createFilesView()),
      section('Try a question', ask, result),
      section('Knowledge status', status),
      section('Unanswered questions', unanswered),
      section('Learning inbox', createLearningView()),
    ),
  );
}
