import { ct } from '../console-texts/index.ts';
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
  const t = ct().editor.file;
  if (issues.length === 0) return h('p', { class: 'notice' }, t.noProblems);
  return h(
    'ul',
    { class: 'issues' },
    ...issues.map((i) => h('li', { class: i.severity }, t.line(i.line, i.message), h('code', {}, i.code))),
  );
}

const describe = (a: AnswerSummary): string =>
  a.kind === 'answer'
    ? `${a.title ?? a.fileId ?? ''}${a.confidence !== undefined ? ` (${a.confidence})` : ''}`
    : a.kind;

function effectView(p: ChangePreview): HTMLElement {
  const changed = p.rows.filter((r) => r.changed).length;
  const t = ct().editor.file;
  return h(
    'section',
    { class: 'card', 'aria-label': t.effectLabel },
    h('h3', {}, t.effect(changed, p.rows.length)),
    p.confusable.length > 0
      ? h(
          'ul',
          { class: 'issues' },
          ...p.confusable.map((c) => h('li', { class: 'warning' }, t.closer(c.question, c.title))),
        )
      : null,
    h(
      'table',
      {},
      h('caption', {}, t.effectCaption),
      h(
        'thead',
        {},
        h('tr', {}, ...[...Object.values(t.effectColumns), ''].map((c) => h('th', { scope: 'col' }, c))),
      ),
      h(
        'tbody',
        {},
        ...p.rows.map((r) =>
          h(
            'tr',
            { class: r.changed ? 'changed' : undefined },
            h('td', {}, r.question),
            h('td', {}, r.source === 'citizen' ? t.fromCitizen : t.fromFile),
            h('td', {}, describe(r.before)),
            h('td', {}, describe(r.after)),
            h('td', {}, r.changed ? h('strong', {}, t.changed) : ''),
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
  const t = ct().editor.file;
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
      .catch(() => issues.replaceChildren(h('p', { class: 'error' }, t.couldNotCheck)));
  };
  text.addEventListener('input', () => {
    showPreview();
    if (timer) clearTimeout(timer);
    timer = setTimeout(check, 400);
  });

  const save = h('button', { type: 'button', class: 'primary' }, t.save);
  save.addEventListener('click', () => {
    message.textContent = t.saving;
    saveFile(path, text.value, { ifMatch: etag })
      .then((r) => {
        etag = r.etag;
        conflict.replaceChildren();
        issues.replaceChildren(issueList(r.issues));
        message.textContent = t.saved(String(r.version));
        o.onChanged();
      })
      .catch((e: unknown) => {
        if (e instanceof SaveError && e.code === 'knowledge_invalid') {
          message.textContent = t.fixErrors;
          issues.replaceChildren(issueList(e.details.issues ?? []));
        } else if (e instanceof SaveError && e.code === 'edit_conflict' && e.details.current) {
          message.textContent = t.conflict;
          showConflict(e.details.current);
        } else if (e instanceof SaveError && e.code === 'save_busy') {
          message.textContent = t.busy;
        } else {
          message.textContent = t.notSaved;
        }
      });
  });

  const showConflict = (current: { text: string; etag: string }): void => {
    const theirsId = uid('theirs');
    const mineId = uid('mine');
    const keepMine = h('button', { type: 'button' }, t.keepMine);
    const takeTheirs = h('button', { type: 'button' }, t.takeTheirs);
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
        { class: 'card conflict', 'aria-label': t.conflictLabel },
        h('h3', {}, t.twoVersions),
        h(
          'div',
          { class: 'columns' },
          h(
            'div',
            {},
            h('label', { for: theirsId }, t.theirs),
            h('textarea', { id: theirsId, rows: 10, readonly: true }, current.text),
          ),
          h(
            'div',
            {},
            h('label', { for: mineId }, t.mine),
            h('textarea', { id: mineId, rows: 10, readonly: true }, text.value),
          ),
        ),
        keepMine,
        takeTheirs,
      ),
    );
  };

  const showHistory = h('button', { type: 'button' }, t.history);
  showHistory.addEventListener('click', () => {
    fileHistory(path)
      .then(({ kind, versions }) =>
        history.replaceChildren(
          h(
            'section',
            { class: 'card', 'aria-label': t.history },
            h('h3', {}, t.historyHeading(kind === 'git')),
            h(
              'ul',
              { class: 'versions' },
              ...versions.map((v) => {
                const restore = h('button', { type: 'button' }, t.loadVersion);
                const diff = h('pre', { class: 'diff' });
                const show = h('button', { type: 'button' }, t.changes);
                show.addEventListener('click', () => {
                  void fileVersion(path, v.id).then((r) => (diff.textContent = r.diff));
                });
                restore.addEventListener('click', () => {
                  void fileVersion(path, v.id).then((r) => {
                    if (r.text === null) return;
                    text.value = r.text;
                    showPreview();
                    check();
                    message.textContent = t.versionLoaded(v.at);
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
      .catch(() => (message.textContent = t.couldNotLoadHistory));
  });

  const effect = h('div', { 'aria-live': 'polite' });
  const actions = h('div', { class: 'actions' }, save, showHistory);
  if (isMarkdown && !path.startsWith('archive/')) {
    const showEffect = h('button', { type: 'button' }, t.showEffect);
    showEffect.addEventListener('click', () => {
      effect.textContent = t.askingEffect;
      previewChange(path, text.value)
        .then((p) => effect.replaceChildren(effectView(p)))
        .catch(() => (effect.textContent = t.couldNotShowEffect));
    });
    actions.append(showEffect);
  }
  if (path.startsWith('drafts/') || path.startsWith('archive/')) {
    const folder = h('input', { id: uid('folder'), maxlength: 40, pattern: '[a-z0-9_-]+', value: '' });
    const publish = h('button', { type: 'button' }, t.publish);
    publish.addEventListener('click', () => {
      publishFile(path, folder.value.trim())
        .then((r) => {
          o.onChanged();
          o.onOpen(r.path);
        })
        .catch(
          (e: unknown) =>
            (message.textContent = t.notPublished(e instanceof ApiError ? e.message : undefined)),
        );
    });
    actions.append(h('label', { for: folder.id }, t.folder), folder, publish);
  }
  if (!path.startsWith('archive/') && isMarkdown) {
    const retire = h('button', { type: 'button' }, t.retire);
    retire.addEventListener('click', () => {
      retireFile(path)
        .then((r) => {
          o.onChanged();
          o.onOpen(r.path);
        })
        .catch(() => (message.textContent = t.notRetired));
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
    .catch(() => (message.textContent = t.couldNotOpen));

  return h(
    'div',
    { class: 'file-editor' },
    h('h3', {}, path),
    h(
      'div',
      { class: 'columns' },
      h('div', {}, h('label', { for: textId }, t.fileLabel), text),
      h('div', {}, h('h4', {}, t.preview), preview),
    ),
    issues,
    actions,
    message,
    effect,
    conflict,
    history,
  );
}
