import { ct } from '../console-texts/index.ts';
import { api, ApiError } from '../shared/api.ts';
import { h, uid } from '../shared/dom.ts';
import { CHAT_LANG_LIST } from '../shared/langs.ts';

const field = (label: string, control: HTMLElement, hint?: string): HTMLElement => {
  control.id ||= uid('f');
  const hintEl = hint ? h('p', { class: 'hint', id: uid('hint') }, hint) : undefined;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hintEl);
};

/**
 * "Draft an FAQ from this": writes <knowledgeDir>/drafts/<id>.md through the API. The draft is not live;
 * the confirmation says where it is so an editor can finish it and move it.
 */
export function createDraftForm(question: string, lang = 'nb'): HTMLElement {
  const t = ct().editor.draft;
  const title = h('input', { maxlength: 200 });
  title.value = question.slice(0, 200);
  const langSelect = h(
    'select',
    {},
    ...CHAT_LANG_LIST.map((l) => h('option', { value: l, selected: l === lang }, l)),
  );
  const owner = h('input', { maxlength: 40, pattern: '[a-z0-9_-]+' });
  const answer = h('textarea', { rows: 5, maxlength: 5000 });
  const result = h('p', { role: 'status', class: 'notice' });
  const submit = h('button', { type: 'submit', class: 'primary' }, t.write);
  const form = h(
    'form',
    { class: 'draft card' },
    h('p', {}, h('strong', {}, t.question), question),
    field(t.title, title),
    field(t.language, langSelect),
    field(t.owner, owner, t.ownerHint),
    field(t.answer, answer, t.answerHint),
    submit,
    result,
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    submit.disabled = true;
    api<{ draft: { id: string; path: string } }>('POST', '/api/editor/drafts', {
      question: question.slice(0, 300),
      ...(title.value.trim() ? { title: title.value.trim() } : {}),
      lang: langSelect.value,
      ...(owner.value.trim() ? { owner: owner.value.trim() } : {}),
      ...(answer.value.trim() ? { answer: answer.value.trim() } : {}),
    })
      .then(({ draft }) => {
        result.textContent = t.written(draft.path);
      })
      .catch((e: unknown) => {
        submit.disabled = false;
        result.textContent = e instanceof ApiError && e.code === 'bad_frame' ? t.badFields : t.failed;
      });
  });
  queueMicrotask(() => title.focus());
  return form;
}
