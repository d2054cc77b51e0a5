import { ct } from '../console-texts/index.ts';
import { currentStaff, type Me } from '../shared/api.ts';
import { applyStoredConsoleLang } from '../shared/language-switch.ts';
import { createLoginView } from '../shared/login-view.ts';
import { createStatsApp } from './app.ts';

const root = document.getElementById('app') ?? document.body;

async function start(me: Me): Promise<void> {
  await applyStoredConsoleLang();
  document.title = ct().stats.title;
  root.replaceChildren(createStatsApp(me));
}

currentStaff()
  .then((me) =>
    me
      ? start(me)
      : root.replaceChildren(
          createLoginView({
            title: ct().stats.loginTitle,
            languages: true,
            onLoggedIn: (m) => void start(m),
          }),
        ),
  )
  .catch(() => {
    root.textContent = ct().common.serverUnreachable;
  });
