import { ct } from '../console-texts/index.ts';
import { api } from '../shared/api.ts';
import { h, uid } from '../shared/dom.ts';

interface KnowledgeFileItem {
  id: string;
  title: string;
  lang: string;
}

let files: Promise<KnowledgeFileItem[]> | undefined;

/**
 * "Send a knowledge answer": the agent sends a knowledge file's text into the chat, or only marks that the
 * file answers it. Either way the chat is labelled with the file for the editors' review inbox, so the bot
 * can learn to answer such questions itself.
 */
export function createKnowledgeAnswerForm(conversationId: string): HTMLElement {
  const t = ct().staff.knowledgeForm;
  const selectId = uid('kfile');
  const select = h('select', { id: selectId }, h('option', { value: '' }, t.chooseFile));
  const status = h('p', { class: 'notice', role: 'status' });
  files ??= api<{ files: KnowledgeFileItem[] }>('GET', '/api/staff/knowledge-files').then((r) => r.files);
  files
    .then((list) => select.append(...list.map((f) => h('option', { value: f.id }, `${f.title} (${f.lang})`))))
    .catch(() => {
      files = undefined;
      status.textContent = t.couldNotLoad;
    });
  const submit = (send: boolean) => {
    if (!select.value) {
      status.textContent = t.chooseFirst;
      return select.focus();
    }
    api('POST', '/api/staff/knowledge-answer', { conversationId, fileId: select.value, send })
      .then(() => {
        status.textContent = send ? t.sentAndNoted : t.noted;
        select.value = '';
      })
      .catch(() => (status.textContent = t.failed));
  };
  const sendButton = h('button', { type: 'submit' }, t.send);
  const markButton = h('button', { type: 'button' }, t.markOnly);
  markButton.addEventListener('click', () => submit(false));
  const form = h(
    'form',
    { class: 'knowledge-answer' },
    h('div', { class: 'field' }, h('label', { for: selectId }, t.fileLabel), select),
    h('div', { class: 'row' }, sendButton, markButton),
    status,
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    submit(true);
  });
  return form;
}
