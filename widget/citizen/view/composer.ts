import { MAX_MESSAGE_CHARS } from '../../shared/limits.ts';
import { h, uid } from '../../shared/dom.ts';
import type { I18n } from '../i18n.ts';

export interface ComposerHandlers {
  onSend(text: string): void;
  onTyping(active: boolean): void;
}

const TYPING_IDLE_MS = 3000;

/** The message box: Enter sends, Shift+Enter breaks the line; typing start/stop is reported, not every key. */
export function createComposer(i18n: I18n, handlers: ComposerHandlers) {
  const inputId = uid('svar-input');
  const hintId = uid('svar-hint');
  const input = h('textarea', {
    id: inputId,
    rows: 2,
    maxlength: MAX_MESSAGE_CHARS,
    'aria-describedby': hintId,
    autocomplete: 'off',
  });
  const send = i18n.bind(h('button', { type: 'submit', class: 'send' }), (t) => t.send);
  const form = h(
    'form',
    { class: 'composer' },
    i18n.bind(h('label', { for: inputId, class: 'visually-hidden' }), (t) => t.inputLabel),
    i18n.bind(h('span', { id: hintId, class: 'visually-hidden' }), (t) => t.inputHint),
    input,
    send,
  );
  i18n.bind(input, (t) => t.inputLabel, 'placeholder');

  let typing = false;
  let idle: ReturnType<typeof setTimeout> | undefined;
  const stopTyping = (): void => {
    clearTimeout(idle);
    if (typing) handlers.onTyping(false);
    typing = false;
  };

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const text = input.value.trim();
    if (!text || input.disabled) return;
    stopTyping();
    handlers.onSend(text);
    input.value = '';
  });
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) {
      ev.preventDefault();
      form.requestSubmit();
    }
  });
  input.addEventListener('input', () => {
    if (!typing && input.value.trim()) {
      typing = true;
      handlers.onTyping(true);
    }
    clearTimeout(idle);
    idle = setTimeout(stopTyping, TYPING_IDLE_MS);
  });

  return {
    el: form,
    focus: () => input.focus(),
    setEnabled(enabled: boolean): void {
      input.disabled = !enabled;
      send.disabled = !enabled;
    },
  };
}
