import { ApiError, login, type Me } from './api.ts';
import { h, uid } from './dom.ts';

/** The consoles' login form. Errors go to an alert; the password is cleared after a failure. */
export function createLoginView(o: { title: string; onLoggedIn(me: Me): void }): HTMLElement {
  const user = h('input', { id: uid('user'), name: 'username', autocomplete: 'username', required: true });
  const pass = h('input', {
    id: uid('pass'),
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const error = h('p', { class: 'error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Log in');
  const form = h(
    'form',
    { class: 'login card', 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title' }, o.title),
    h('div', { class: 'field' }, h('label', { for: user.id }, 'Username'), user),
    h('div', { class: 'field' }, h('label', { for: pass.id }, 'Password'), pass),
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
            ? 'Wrong username or password.'
            : e instanceof ApiError && e.code === 'rate_limited'
              ? 'Too many attempts. Wait a few minutes and try again.'
              : 'Could not log in. Try again.';
        pass.focus();
      })
      .finally(() => (submit.disabled = false));
  });
  queueMicrotask(() => user.focus());
  return h('main', { class: 'login-page' }, form);
}
