import { ct } from '../console-texts/index.ts';
import { h, uid } from '../shared/dom.ts';
import { createFileEditor } from './file-editor.ts';
import { listFiles, saveFile, type FileSummary } from './files-api.ts';

const NEW_FILE = (id: string) =>
  `---\nid: ${id}\ntitle: New answer\nlang: nb\ntags: []\nquestions:\n  - Write the question as a citizen would ask it?\n---\nWrite the answer here.\n`;

/** Every knowledge file with its status and last 30 days' use, a search box, and the open file's editor. */
export function createFilesView(): HTMLElement {
  const t = ct().editor.files;
  const searchId = uid('search');
  const search = h('input', { id: searchId, type: 'search', maxlength: 200 });
  const table = h('div', {}, ct().editor.loading);
  const editor = h('div', {});
  const newId = h('input', { id: uid('new'), maxlength: 80, pattern: '[a-z0-9-]+' });
  const create = h('button', { type: 'button' }, t.newDraft);
  const note = h('p', { role: 'status', class: 'notice' });

  const open = (path: string): void => {
    editor.replaceChildren(createFileEditor(path, { onChanged: load, onOpen: open }));
  };
  const row = (f: FileSummary): HTMLElement => {
    const link = h('button', { type: 'button', class: 'link' }, f.title ?? f.path);
    link.addEventListener('click', () => open(f.path));
    return h(
      'tr',
      {},
      h('td', {}, link),
      h('td', {}, f.id ?? ''),
      h('td', {}, f.lang ?? ''),
      h('td', {}, f.owner ?? ''),
      h('td', {}, f.review ?? ''),
      h('td', {}, t.status[f.status]),
      h('td', {}, String(f.answers)),
      h('td', {}, `${f.up} / ${f.down}`),
    );
  };
  function load(): void {
    listFiles(search.value.trim())
      .then(({ files, total }) =>
        table.replaceChildren(
          h(
            'table',
            {},
            h('caption', {}, t.count(total)),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ...[...Object.values(t.columns), '👍 / 👎'].map((c) => h('th', { scope: 'col' }, c)),
              ),
            ),
            h('tbody', {}, ...files.map(row)),
          ),
        ),
      )
      .catch(() => (table.textContent = t.couldNotLoad));
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener('input', () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(load, 250);
  });
  create.addEventListener('click', () => {
    const id = newId.value.trim();
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) {
      note.textContent = t.badId;
      return;
    }
    // A new file starts as a draft: it is not live until it is published into a department folder.
    saveFile(`drafts/${id}.md`, NEW_FILE(id), { create: true })
      .then(() => {
        note.textContent = '';
        load();
        open(`drafts/${id}.md`);
      })
      .catch(() => (note.textContent = t.couldNotCreate));
  });
  load();
  return h(
    'div',
    {},
    h('div', { class: 'field' }, h('label', { for: searchId }, t.search), search),
    h('div', { class: 'field' }, h('label', { for: newId.id }, t.newId), newId, create, note),
    table,
    editor,
  );
}
