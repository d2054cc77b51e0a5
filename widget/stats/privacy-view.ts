import { ct } from '../console-texts/index.ts';
import { api, ApiError } from '../shared/api.ts';
import { h, uid } from '../shared/dom.ts';
import { section } from './sections.ts';

type Target = { conversationId: string } | { contact: string };

/** What the server would delete; `confirmToken` confirms exactly this, once, within ten minutes. */
interface Preview {
  conversations: string[];
  rows: Record<string, number>;
  confirmToken?: string;
}

const failure = (e: unknown): string => {
  const t = ct().stats.privacy;
  return e instanceof ApiError && e.code === 'not_found'
    ? t.nothingHeld
    : e instanceof ApiError && e.code === 'bad_frame'
      ? t.badTarget
      : e instanceof ApiError && e.code === 'csrf_invalid'
        ? t.sessionChanged
        : t.failed;
};

function download(name: string, data: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Data subject requests: export everything held about a conversation or an exact contact as a JSON file, or
 * delete it after a preview of what would go and an explicit confirmation. The server audit-logs every step
 * under the admin's name.
 */
export function privacyView(): HTMLElement {
  const w = ct().stats.privacy;
  const kindName = uid('kind');
  const byId = h('input', {
    type: 'radio',
    name: kindName,
    id: uid('k'),
    value: 'conversation',
    checked: true,
  });
  const byContact = h('input', { type: 'radio', name: kindName, id: uid('k'), value: 'contact' });
  const input = h('input', { id: uid('dsr'), required: true, maxlength: 254, autocomplete: 'off' });
  const exportButton = h('button', { type: 'submit', class: 'primary' }, w.export);
  const deleteButton = h('button', { type: 'button', class: 'danger' }, w.delete);
  const result = h('p', { class: 'notice', role: 'status' });
  const plan = h('div', { class: 'dsr-plan', hidden: true });
  const target = (): Target | undefined => {
    const value = input.value.trim();
    if (!value) return undefined;
    return byContact.checked ? { contact: value } : { conversationId: value };
  };
  const busy = (on: boolean) => {
    exportButton.disabled = on;
    deleteButton.disabled = on;
  };

  const form = h(
    'form',
    { class: 'dsr' },
    h(
      'fieldset',
      {},
      h('legend', {}, w.findBy),
      h('label', { for: byId.id }, byId, w.byId),
      h('label', { for: byContact.id }, byContact, w.byContact),
    ),
    h('div', { class: 'field' }, h('label', { for: input.id }, w.input), input),
    h('div', { class: 'row' }, exportButton, deleteButton),
    plan,
    result,
  );

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const t = target();
    if (!t) return input.focus();
    busy(true);
    result.textContent = w.exporting;
    api<{ conversations?: unknown[] }>('POST', '/api/admin/privacy/export', t)
      .then((data) => {
        const stamp = new Date().toISOString().slice(0, 10);
        download(`svar-export-${stamp}.json`, data);
        const n = 'conversationId' in t ? 1 : (data.conversations?.length ?? 0);
        result.textContent = w.exported(n);
      })
      .catch((e: unknown) => (result.textContent = failure(e)))
      .finally(() => busy(false));
  });

  // Deleting takes two steps: the server shows what would go, and only that is deleted on confirmation.
  const clearPlan = () => {
    plan.hidden = true;
    plan.replaceChildren();
  };
  input.addEventListener('input', clearPlan);

  deleteButton.addEventListener('click', () => {
    const t = target();
    if (!t) return input.focus();
    clearPlan();
    busy(true);
    result.textContent = w.lookingUp;
    api<Preview>('POST', '/api/admin/privacy/delete/preview', t)
      .then((p) => {
        if (!p.confirmToken || p.conversations.length + (p.rows.tickets ?? 0) === 0) {
          result.textContent = w.nothingMatches;
          return;
        }
        result.textContent = '';
        showPlan({ ...p, confirmToken: p.confirmToken });
      })
      .catch((e: unknown) => (result.textContent = failure(e)))
      .finally(() => busy(false));
  });

  function showPlan(p: Preview & { confirmToken: string }): void {
    const n = p.conversations.length;
    const confirmButton = h('button', { type: 'button', class: 'danger' }, w.deletePermanently);
    const cancelButton = h('button', { type: 'button' }, w.cancel);
    plan.replaceChildren(
      h('p', {}, w.willDelete(n)),
      h('ul', {}, ...p.conversations.map((id) => h('li', {}, h('code', {}, id)))),
      h(
        'ul',
        {},
        ...Object.entries(p.rows)
          .filter(([, count]) => count > 0)
          .map(([table, count]) => h('li', {}, `${table}: ${count}`)),
      ),
      h('div', { class: 'row' }, confirmButton, cancelButton),
    );
    plan.hidden = false;
    cancelButton.addEventListener('click', () => {
      clearPlan();
      result.textContent = w.notDeleted;
      deleteButton.focus();
    });
    confirmButton.addEventListener('click', () => {
      confirmButton.disabled = true;
      result.textContent = w.deleting;
      api<{ conversations: string[]; deleted: Record<string, number> }>('POST', '/api/admin/privacy/delete', {
        confirmToken: p.confirmToken,
      })
        .then((r) => {
          const rows = Object.values(r.deleted).reduce((s, c) => s + c, 0);
          result.textContent = w.deleted(r.conversations.length, rows);
        })
        .catch(
          (e: unknown) =>
            (result.textContent =
              e instanceof ApiError && e.code === 'invalid_state' ? w.expired : failure(e)),
        )
        .finally(clearPlan);
    });
    confirmButton.focus();
  }

  return section(w.heading, h('p', { class: 'hint' }, w.hint), form);
}
