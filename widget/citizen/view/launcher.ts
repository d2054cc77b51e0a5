import { h } from '../../shared/dom.ts';
import { icon } from '../../shared/icons.ts';
import type { I18n } from '../i18n.ts';

export function createLauncher(i18n: I18n, panelId: string): HTMLButtonElement {
  const label = i18n.bind(h('span'), (t) => t.launcher);
  return h(
    'button',
    { type: 'button', class: 'launcher', 'aria-expanded': 'false', 'aria-controls': panelId },
    icon('chat'),
    label,
  );
}
