import { currentStaff, type Me } from '../shared/api.ts';
import { createLoginView } from '../shared/login-view.ts';
import { createStatsApp } from './app.ts';

const root = document.getElementById('app') ?? document.body;

function start(me: Me): void {
  root.replaceChildren(createStatsApp(me));
}

currentStaff()
  .then((me) =>
    me
      ? start(me)
      : root.replaceChildren(createLoginView({ title: 'Svar · Statistics login', onLoggedIn: start })),
  )
  .catch(() => {
    root.textContent = 'The server could not be reached. Reload the page to try again.';
  });
