import type { Chart } from 'chart.js';
import { ct } from '../console-texts/index.ts';
import { api, ApiError, logout, type Me } from '../shared/api.ts';
import { h, uid } from '../shared/dom.ts';
import { languageSwitch } from '../shared/language-switch.ts';
import { privacyView } from './privacy-view.ts';
import * as view from './sections.ts';
import type { StatsResponse } from './types.ts';

const failure = (e: unknown): string =>
  e instanceof ApiError && e.code === 'forbidden'
    ? ct().stats.adminsOnly
    : e instanceof ApiError && e.code === 'unauthorized'
      ? ct().stats.sessionEnded
      : e instanceof ApiError && e.code === 'bad_frame'
        ? ct().stats.badPeriod
        : ct().stats.couldNotLoad;

function query(from: string, to: string, department: string, format?: string): string {
  const q = new URLSearchParams();
  if (from) q.set('from', from);
  if (to) q.set('to', to);
  if (department) q.set('department', department);
  if (format) q.set('format', format);
  return `/api/stats?${q.toString()}`;
}

/** The statistics page: a period, the figures as charts and tables, downloads, and data requests. */
export function createStatsApp(me: Me): HTMLElement {
  const t = ct().stats;
  const logoutButton = h('button', { type: 'button' }, ct().common.logOut);
  logoutButton.addEventListener('click', () => void logout().finally(() => location.reload()));
  const topbar = h(
    'header',
    { class: 'topbar' },
    h('h1', {}, t.title),
    h('span', {}, `${me.staff.firstName} (${ct().common.roles[me.staff.role]})`),
    languageSwitch({ loggedIn: true }),
    logoutButton,
  );
  if (me.staff.role !== 'admin') {
    return h(
      'div',
      { class: 'console stats' },
      topbar,
      h('main', {}, h('p', { class: 'card' }, t.adminsOnly)),
    );
  }

  const from = h('input', { type: 'date', id: uid('from'), required: true });
  const to = h('input', { type: 'date', id: uid('to'), required: true });
  const department = h('select', { id: uid('department') }, h('option', { value: '' }, t.allDepartments));
  const downloads = h('p', { class: 'downloads' });
  const status = h('p', { class: 'notice', role: 'status' });
  const figures = h('div', { class: 'figures', 'aria-live': 'polite', 'aria-busy': 'false' });
  let charts: Chart[] = [];

  const form = h(
    'form',
    { class: 'period card' },
    h(
      'div',
      { class: 'row' },
      h('div', { class: 'field' }, h('label', { for: from.id }, t.from), from),
      h('div', { class: 'field' }, h('label', { for: to.id }, t.to), to),
      h('div', { class: 'field' }, h('label', { for: department.id }, t.department), department),
      h('button', { type: 'submit', class: 'primary' }, t.show),
    ),
    downloads,
    status,
  );

  // The queues come with the figures; the list is filled once, keeping the choice.
  const fillDepartments = (names: Record<string, string>): void => {
    if (department.options.length > 1) return;
    for (const [id, name] of Object.entries(names).sort(([, a], [, b]) => a.localeCompare(b)))
      department.append(h('option', { value: id }, name));
  };

  const render = (s: StatsResponse): void => {
    for (const c of charts) c.destroy();
    from.value = s.period.from;
    to.value = s.period.to;
    fillDepartments(s.names.queues);
    department.value = s.department ?? '';
    const dept = s.department ?? '';
    downloads.replaceChildren(
      t.download,
      ...(['csv', 'md', 'json'] as const).flatMap((f, i) => [
        i > 0 ? ' · ' : '',
        h(
          'a',
          { href: query(s.period.from, s.period.to, dept, f), download: '' },
          f === 'md' ? 'Markdown' : f.toUpperCase(),
        ),
      ]),
    );
    const whose = s.department ? `${s.names.queues[s.department] ?? s.department}, ` : '';
    status.textContent = t.periodStatus(whose, s.period.from, s.period.to, s.period.timeZone);
    const x = new view.Sections(s.names);
    figures.replaceChildren(
      view.overview(s, s.previous),
      view.volume(s, x),
      view.outcomes(s, x),
      view.queue(s, x),
      view.feedback(s, x),
      view.languages(s, x),
      view.files(s, x),
      view.gaps(s),
      view.contactTypes(s, x),
    );
    charts = x.charts.map((c) => c.draw());
  };

  // Only the latest request may draw: an earlier one that answers late must not replace newer figures.
  let latest = 0;
  const load = (): void => {
    const mine = ++latest;
    status.textContent = t.loading;
    figures.setAttribute('aria-busy', 'true');
    api<StatsResponse>('GET', query(from.value, to.value, department.value))
      .then((s) => mine === latest && render(s))
      .catch((e: unknown) => mine === latest && (status.textContent = failure(e)))
      .finally(() => mine === latest && figures.setAttribute('aria-busy', 'false'));
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    load();
  });
  load();

  return h('div', { class: 'console stats' }, topbar, h('main', {}, form, figures, privacyView()));
}
