import { api, ApiError } from '../shared/api.ts';
import { h, uid } from '../shared/dom.ts';
import { section } from './sections.ts';

type Target = { conversationId: string } | { contact: string };

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
 * Data subject requests: export everything held about a conversation or a contact as a JSON file, or delete
 * it after a confirmation. The server audit-logs both under the admin's name.
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

  deleteButton.addEventListener('click', () => {
    const t = target();
    if (!t) return input.focus();
    const what =
      'conversationId' in t ? `conversation ${t.conversationId}` : `everything linked to ${t.contact}`;
    if (!window.confirm(`Delete ${what}? This cannot be undone.`)) return;
    busy(true);
    result.textContent = 'Deleting…';
    api<{ conversations: string[]; deleted: Record<string, number> }>('POST', '/api/admin/privacy/delete', t)
      .then((r) => {
        const rows = Object.values(r.deleted).reduce((s, n) => s + n, 0);
        result.textContent = `Deleted ${r.conversations.length} conversation${r.conversations.length === 1 ? '' : 's'} (${rows} rows). The deletion is in the audit log.`;
      })
      .catch((e: unknown) => (result.textContent = failure(e)))
      .finally(() => busy(false));
  });

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
