import { h, uid } from '../shared/dom.ts';
import { createFileEditor } from './file-editor.ts';
import { listFiles, saveFile, type FileSummary } from './files-api.ts';

const STATUS: Record<FileSummary['status'], string> = {
  live: 'Live',
  draft: 'Draft',
  retired: 'Retired',
  error: 'Has errors',
};

const NEW_FILE = (id: string) =>
  `---\nid: ${id}\ntitle: New answer\nlang: nb\ntags: []\nquestions:\n  - Write the question as a citizen would ask it?\n---\nWrite the answer here.\n`;

/** Every knowledge file with its status and last 30 days' use, a search box, and the open file's editor. */
export function createFilesView(): HTMLElement {
  const searchId = uid('search');
  const search = h('input', { id: searchId, type: 'search', maxlength: 200 });
  const table = h('div', {}, 'Loading…');
  const editor = h('div', {});
  const newId = h('input', { id: uid('new'), maxlength: 80, pattern: '[a-z0-9-]+' });
  const create = h('button', { type: 'button' }, 'New draft');
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
      h('td', {}, STATUS[f.status]),
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
            h('caption', {}, `${total} files`),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ...[
                  'Title',
                  'Id',
                  'Language',
                  'Owner',
                  'Review',
                  'Status',
                  'Answers (30 days)',
                  '👍 / 👎',
                ].map((t) => h('th', { scope: 'col' }, t)),
              ),
            ),
            h('tbody', {}, ...files.map(row)),
          ),
        ),
      )
      .catch(() => (table.textContent = 'Could not load the files.'));
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener('input', () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(load, 250);
  });
  create.addEventListener('click', () => {
    const id = newId.value.trim();
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) {
      note.textContent = 'Use lower-case letters, digits and hyphens for the id.';
      return;
    }
    // A new file starts as a draft: it is not live until it is published into a department folder.
    saveFile(`drafts/${id}.md`, NEW_FILE(id), { create: true })
      .then(() => {
        note.textContent = '';
        load();
        open(`drafts/${id}.md`);
      })
      .catch(() => (note.textContent = 'Could not create the draft (does it exist already?).'));
  });
  load();
  return h(
    'div',
    {},
    h('div', { class: 'field' }, h('label', { for: searchId }, 'Search files'), search),
    h('div', { class: 'field' }, h('label', { for: newId.id }, 'Id of a new file'), newId, create, note),
    table,
    editor,
  );
}
