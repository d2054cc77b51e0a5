import { ApiError } from '../shared/api.ts';
import { h, uid } from '../shared/dom.ts';
import { renderMarkdown } from '../shared/markdown-dom.ts';
import {
  fileHistory,
  fileVersion,
  previewChange,
  type AnswerSummary,
  type ChangePreview,
  openFile,
  publishFile,
  retireFile,
  SaveError,
  saveFile,
  validateText,
  type FileIssue,
} from './files-api.ts';

/** The answer text of a knowledge file: what follows the front matter, as the bot shows it. */
export function bodyOf(text: string): string {
  const match = /^---\r?\n[\s\S]*?\r?\n---\r?\n?/.exec(text);
  return match ? text.slice(match[0].length) : text;
}

function issueList(issues: readonly FileIssue[]): HTMLElement {
  if (issues.length === 0) return h('p', { class: 'notice' }, 'No problems found.');
  return h(
    'ul',
    { class: 'issues' },
    ...issues.map((i) =>
      h('li', { class: i.severity }, `Line ${i.line}: ${i.message} `, h('code', {}, i.code)),
    ),
  );
}

const describe = (a: AnswerSummary): string =>
  a.kind === 'answer'
    ? `${a.title ?? a.fileId ?? ''}${a.confidence !== undefined ? ` (${a.confidence})` : ''}`
    : a.kind;

function effectView(p: ChangePreview): HTMLElement {
  const changed = p.rows.filter((r) => r.changed).length;
  return h(
    'section',
    { class: 'card', 'aria-label': 'Effect of the change' },
    h('h3', {}, `Effect: ${changed} of ${p.rows.length} questions answered differently`),
    p.confusable.length > 0
      ? h(
          'ul',
          { class: 'issues' },
          ...p.confusable.map((c) =>
            h('li', { class: 'warning' }, `"${c.question}" sits closer to "${c.title}" than to this file.`),
          ),
        )
      : null,
    h(
      'table',
      {},
      h(
        'caption',
        {},
        'Alternative questions, and citizens\u2019 questions that reached this file in 30 days',
      ),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['Question', 'From', 'Now', 'After the change', ''].map((t) => h('th', { scope: 'col' }, t)),
        ),
      ),
      h(
        'tbody',
        {},
        ...p.rows.map((r) =>
          h(
            'tr',
            { class: r.changed ? 'changed' : undefined },
            h('td', {}, r.question),
            h('td', {}, r.source === 'citizen' ? 'citizen' : 'file'),
            h('td', {}, describe(r.before)),
            h('td', {}, describe(r.after)),
            h('td', {}, r.changed ? h('strong', {}, 'Changed') : ''),
          ),
        ),
      ),
    ),
  );
}

/**
 * One file open for editing: the whole file (front matter and text) with a live preview rendered by the
 * widget's own Markdown renderer, validation as you type, save with the version it was opened at, a conflict
 * view when someone else saved first, history with restore, and publish or retire.
 */
export function createFileEditor(
  path: string,
  o: { onChanged: () => void; onOpen: (path: string) => void },
): HTMLElement {
  const textId = uid('text');
  const text = h('textarea', { id: textId, rows: 18, spellcheck: true, class: 'file-text' });
  const preview = h('div', { class: 'md preview', 'aria-live': 'off' });
  const issues = h('div', { role: 'status', 'aria-live': 'polite' });
  const message = h('p', { role: 'status', class: 'notice' });
  const conflict = h('div', {});
  const history = h('div', {});
  let etag = '';
  let isMarkdown = path.endsWith('.md');

  const showPreview = (): void => {
    preview.replaceChildren(isMarkdown ? renderMarkdown(bodyOf(text.value)) : h('pre', {}, text.value));
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = (): void => {
    validateText(path, text.value)
      .then((r) => issues.replaceChildren(issueList(r.issues)))
      .catch(() => issues.replaceChildren(h('p', { class: 'error' }, 'Could not check the file.')));
  };
  text.addEventListener('input', () => {
    showPreview();
    if (timer) clearTimeout(timer);
    timer = setTimeout(check, 400);
  });

  const save = h('button', { type: 'button', class: 'primary' }, 'Save');
  save.addEventListener('click', () => {
    message.textContent = 'Saving…';
    saveFile(path, text.value, { ifMatch: etag })
      .then((r) => {
        etag = r.etag;
        conflict.replaceChildren();
        issues.replaceChildren(issueList(r.issues));
        message.textContent = `Saved. Citizens get this version now (knowledge version ${r.version}).`;
        o.onChanged();
      })
      .catch((e: unknown) => {
        if (e instanceof SaveError && e.code === 'knowledge_invalid') {
          message.textContent = 'Not saved: fix the errors below first.';
          issues.replaceChildren(issueList(e.details.issues ?? []));
        } else if (e instanceof SaveError && e.code === 'edit_conflict' && e.details.current) {
          message.textContent = 'Not saved: someone else saved this file after you opened it.';
          showConflict(e.details.current);
        } else {
          message.textContent = 'Not saved. Try again.';
        }
      });
  });

  const showConflict = (current: { text: string; etag: string }): void => {
    const theirsId = uid('theirs');
    const mineId = uid('mine');
    const keepMine = h('button', { type: 'button' }, 'Save mine over theirs');
    const takeTheirs = h('button', { type: 'button' }, 'Take theirs');
    keepMine.addEventListener('click', () => {
      etag = current.etag;
      conflict.replaceChildren();
      save.click();
    });
    takeTheirs.addEventListener('click', () => {
      etag = current.etag;
      text.value = current.text;
      conflict.replaceChildren();
      showPreview();
    });
    conflict.replaceChildren(
      h(
        'section',
        { class: 'card conflict', 'aria-label': 'Conflict' },
        h('h3', {}, 'Two versions'),
        h(
          'div',
          { class: 'columns' },
          h(
            'div',
            {},
            h('label', { for: theirsId }, 'Saved by someone else'),
            h('textarea', { id: theirsId, rows: 10, readonly: true }, current.text),
          ),
          h(
            'div',
            {},
            h('label', { for: mineId }, 'Yours'),
            h('textarea', { id: mineId, rows: 10, readonly: true }, text.value),
          ),
        ),
        keepMine,
        takeTheirs,
      ),
    );
  };

  const showHistory = h('button', { type: 'button' }, 'History');
  showHistory.addEventListener('click', () => {
    fileHistory(path)
      .then(({ kind, versions }) =>
        history.replaceChildren(
          h(
            'section',
            { class: 'card', 'aria-label': 'History' },
            h('h3', {}, `History (${kind === 'git' ? 'git' : 'kept by Svar'})`),
            h(
              'ul',
              { class: 'versions' },
              ...versions.map((v) => {
                const restore = h('button', { type: 'button' }, 'Load into the editor');
                const diff = h('pre', { class: 'diff' });
                const show = h('button', { type: 'button' }, 'Changes');
                show.addEventListener('click', () => {
                  void fileVersion(path, v.id).then((r) => (diff.textContent = r.diff));
                });
                restore.addEventListener('click', () => {
                  void fileVersion(path, v.id).then((r) => {
                    if (r.text === null) return;
                    text.value = r.text;
                    showPreview();
                    check();
                    message.textContent = `Version from ${v.at} loaded. Save to restore it.`;
                  });
                });
                return h(
                  'li',
                  {},
                  `${v.at.slice(0, 16).replace('T', ' ')} · ${v.editor} · ${v.message} `,
                  show,
                  restore,
                  diff,
                );
              }),
            ),
          ),
        ),
      )
      .catch(() => (message.textContent = 'Could not load the history.'));
  });

  const effect = h('div', { 'aria-live': 'polite' });
  const actions = h('div', { class: 'actions' }, save, showHistory);
  if (isMarkdown && !path.startsWith('archive/')) {
    const showEffect = h('button', { type: 'button' }, 'Show the effect');
    showEffect.addEventListener('click', () => {
      effect.textContent = 'Asking the questions of the changed knowledge…';
      previewChange(path, text.value)
        .then((p) => effect.replaceChildren(effectView(p)))
        .catch(() => (effect.textContent = 'Could not show the effect.'));
    });
    actions.append(showEffect);
  }
  if (path.startsWith('drafts/') || path.startsWith('archive/')) {
    const folder = h('input', { id: uid('folder'), maxlength: 40, pattern: '[a-z0-9_-]+', value: '' });
    const publish = h('button', { type: 'button' }, 'Publish');
    publish.addEventListener('click', () => {
      publishFile(path, folder.value.trim())
        .then((r) => {
          o.onChanged();
          o.onOpen(r.path);
        })
        .catch(
          (e: unknown) =>
            (message.textContent = e instanceof ApiError ? `Not published: ${e.message}` : 'Not published.'),
        );
    });
    actions.append(h('label', { for: folder.id }, 'Department folder'), folder, publish);
  }
  if (!path.startsWith('archive/') && isMarkdown) {
    const retire = h('button', { type: 'button' }, 'Retire');
    retire.addEventListener('click', () => {
      retireFile(path)
        .then((r) => {
          o.onChanged();
          o.onOpen(r.path);
        })
        .catch(() => (message.textContent = 'Not retired. Try again.'));
    });
    actions.append(retire);
  }

  openFile(path)
    .then((file) => {
      etag = file.etag;
      isMarkdown = file.path.endsWith('.md');
      text.value = file.text;
      showPreview();
      issues.replaceChildren(issueList(file.issues));
    })
    .catch(() => (message.textContent = 'Could not open the file.'));

  return h(
    'div',
    { class: 'file-editor' },
    h('h3', {}, path),
    h(
      'div',
      { class: 'columns' },
      h('div', {}, h('label', { for: textId }, 'File (fields between the --- lines, then the answer)'), text),
      h('div', {}, h('h4', {}, 'Preview, as citizens see it'), preview),
    ),
    issues,
    actions,
    message,
    effect,
    conflict,
    history,
  );
}
