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

const failure = (e: unknown): string =>
  e instanceof ApiError && e.code === 'not_found'
    ? 'Nothing is held about that conversation.'
    : e instanceof ApiError && e.code === 'bad_frame'
      ? 'Enter a conversation id, an e-mail address or a phone number.'
      : e instanceof ApiError && e.code === 'csrf_invalid'
        ? 'Your session has changed. Reload the page and try again.'
        : 'That did not work. Try again.';

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
  const exportButton = h('button', { type: 'submit', class: 'primary' }, 'Export as JSON');
  const deleteButton = h('button', { type: 'button', class: 'danger' }, 'Delete…');
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
      h('legend', {}, 'Find by'),
      h('label', { for: byId.id }, byId, ' Conversation id'),
      h(
        'label',
        { for: byContact.id },
        byContact,
        ' E-mail address or phone number (from offline messages or chats)',
      ),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: input.id }, 'Conversation id, e-mail address or phone number'),
      input,
    ),
    h('div', { class: 'row' }, exportButton, deleteButton),
    plan,
    result,
  );

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const t = target();
    if (!t) return input.focus();
    busy(true);
    result.textContent = 'Exporting…';
    api<{ conversations?: unknown[] }>('POST', '/api/admin/privacy/export', t)
      .then((data) => {
        const stamp = new Date().toISOString().slice(0, 10);
        download(`svar-export-${stamp}.json`, data);
        const n = 'conversationId' in t ? 1 : (data.conversations?.length ?? 0);
        result.textContent = `Exported ${n} conversation${n === 1 ? '' : 's'}. The export is in the audit log.`;
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
    result.textContent = 'Looking up what would be deleted…';
    api<Preview>('POST', '/api/admin/privacy/delete/preview', t)
      .then((p) => {
        if (!p.confirmToken || p.conversations.length + (p.rows.tickets ?? 0) === 0) {
          result.textContent = 'Nothing is held that matches exactly. Nothing was deleted.';
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
    const confirmButton = h('button', { type: 'button', class: 'danger' }, 'Delete permanently');
    const cancelButton = h('button', { type: 'button' }, 'Cancel');
    plan.replaceChildren(
      h(
        'p',
        {},
        `This deletes ${n} conversation${n === 1 ? '' : 's'} and every row below. It cannot be undone.`,
      ),
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
      result.textContent = 'Nothing was deleted.';
      deleteButton.focus();
    });
    confirmButton.addEventListener('click', () => {
      confirmButton.disabled = true;
      result.textContent = 'Deleting…';
      api<{ conversations: string[]; deleted: Record<string, number> }>('POST', '/api/admin/privacy/delete', {
        confirmToken: p.confirmToken,
      })
        .then((r) => {
          const rows = Object.values(r.deleted).reduce((s, c) => s + c, 0);
          result.textContent = `Deleted ${r.conversations.length} conversation${r.conversations.length === 1 ? '' : 's'} (${rows} rows). The deletion is in the audit log.`;
        })
        .catch(
          (e: unknown) =>
            (result.textContent =
              e instanceof ApiError && e.code === 'invalid_state'
                ? 'The confirmation has expired. Delete again to see what would be deleted.'
                : failure(e)),
        )
        .finally(clearPlan);
    });
    confirmButton.focus();
  }

  return section(
    'Data requests (GDPR)',
    h(
      'p',
      { class: 'hint' },
      'Export or delete everything Svar holds about one conversation or one citizen.',
    ),
    form,
  );
}
