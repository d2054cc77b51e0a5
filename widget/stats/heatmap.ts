import { h } from '../shared/dom.ts';
import { ct } from '../console-texts/index.ts';

/**
 * Conversations per hour of the week as a table whose cells are shaded by count. The count is always
 * written in the cell, so the shading is never the only way to read it; shades are CSS classes because
 * the CSP forbids inline styles.
 */
export function hourOfWeekTable(grid: number[][]): HTMLTableElement {
  const max = Math.max(1, ...grid.flat());
  const level = (n: number): number => (n === 0 ? 0 : Math.min(4, Math.ceil((n / max) * 4)));
  return h(
    'table',
    { class: 'heatmap' },
    h('caption', {}, ct().stats.heatmapCaption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, ''),
        ...Array.from({ length: 24 }, (_, hour) => h('th', { scope: 'col' }, String(hour).padStart(2, '0'))),
      ),
    ),
    h(
      'tbody',
      {},
      ...grid.map((row, day) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, ct().stats.weekdays[day] ?? ''),
          ...row.map((n) => h('td', { class: `heat-${level(n)}` }, String(n))),
        ),
      ),
    ),
  );
}
