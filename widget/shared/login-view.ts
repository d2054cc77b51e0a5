import { ApiError, login, type Me } from './api.ts';
import { ct } from '../console-texts/index.ts';
import { h, uid } from './dom.ts';
import { languageSwitch } from './language-switch.ts';

/** The consoles' login form. Errors go to an alert; the password is cleared after a failure. */
export function createLoginView(o: {
  title: string;
  onLoggedIn(me: Me): void;
  /** Offer the console language switch (the consoles that have their texts in every language). */
  languages?: boolean;
}): HTMLElement {
  const t = ct().common;
  const user = h('input', { id: uid('user'), name: 'username', autocomplete: 'username', required: true });
  const pass = h('input', {
    id: uid('pass'),
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const error = h('p', { class: 'error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary' }, t.logIn);
  const form = h(
    'form',
    { class: 'login card', 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title' }, o.title),
    h('div', { class: 'field' }, h('label', { for: user.id }, t.username), user),
    h('div', { class: 'field' }, h('label', { for: pass.id }, t.password), pass),
    error,
    submit,
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    error.textContent = '';
    submit.disabled = true;
    login(user.value.trim(), pass.value)
      .then((me) => o.onLoggedIn(me))
      .catch((e: unknown) => {
        pass.value = '';
        error.textContent =
          e instanceof ApiError && e.code === 'login_failed'
            ? t.loginFailed
            : e instanceof ApiError && e.code === 'rate_limited'
              ? t.loginRateLimited
              : t.loginError;
        pass.focus();
      })
      .finally(() => (submit.disabled = false));
  });
  queueMicrotask(() => user.focus());
  return h('main', { class: 'login-page' }, form, o.languages ? languageSwitch({ loggedIn: false }) : null);
}
