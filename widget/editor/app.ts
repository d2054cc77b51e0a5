import { ct } from '../console-texts/index.ts';
import { api, ApiError, logout, type Me } from '../shared/api.ts';
import { h, uid } from '../shared/dom.ts';
import { languageSwitch } from '../shared/language-switch.ts';
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
    ? ct().editor.forEditors
    : e instanceof ApiError && e.code === 'unauthorized'
      ? ct().editor.sessionEnded
      : ct().editor.couldNotLoad;

function section(title: string, ...content: HTMLElement[]): HTMLElement {
  const id = uid('sec');
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), ...content);
}

/** The editor console: try a question, knowledge status, unanswered questions and FAQ drafts. */
export function createEditorApp(me: Me): HTMLElement {
  setEditorCsrf(me.csrfToken);
  const t = ct().editor;
  const question = h('textarea', { id: 'question', rows: 2, maxlength: MAX_MESSAGE_CHARS, required: true });
  const result = h('div', { class: 'result', 'aria-live': 'polite' });
  const ask = h(
    'form',
    { class: 'ask' },
    h('div', { class: 'field' }, h('label', { for: 'question' }, t.questionLabel), question),
    h('button', { type: 'submit', class: 'primary' }, t.ask),
  );
  ask.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = question.value.trim();
    if (!q) return question.focus();
    result.textContent = t.asking;
    api<{ decision: ExplainedDecision }>('POST', '/api/editor/ask', { question: q })
      .then(({ decision }) => result.replaceChildren(renderDecision(q, decision)))
      .catch((e: unknown) => (result.textContent = failure(e)));
  });

  const status = h('div', {}, t.loading);
  const unanswered = h('div', {}, t.loading);
  const refresh = h('button', { type: 'button' }, t.refresh);
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

  const logoutButton = h('button', { type: 'button' }, ct().common.logOut);
  logoutButton.addEventListener('click', () => void logout().finally(() => location.reload()));
  return h(
    'div',
    { class: 'console editor' },
    h(
      'header',
      { class: 'topbar' },
      h('h1', {}, t.title),
      h('span', {}, `${me.staff.firstName} (${ct().common.roles[me.staff.role]})`),
      refresh,
      languageSwitch({ loggedIn: true }),
      logoutButton,
    ),
    h(
      'main',
      {},
      section(t.sections.files, createFilesView()),
      section(t.sections.ask, ask, result),
      section(t.sections.status, status),
      section(t.sections.unanswered, unanswered),
      section(t.sections.learning, createLearningView()),
    ),
  );
}
