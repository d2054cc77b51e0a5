import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { ct } from '../console-texts/index.ts';
import { h, uid } from '../shared/dom.ts';

// Only the pieces used, so the bundle stays small; Chart.js draws on canvas and injects no stylesheet,
// which the strict CSP (no inline styles) needs.
Chart.register(
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
Chart.defaults.color = '#1b1b1b';
Chart.defaults.animation = false;

/** Distinct at a glance and dark enough for text contrast on white. */
export const PALETTE = [
  '#0b4f8a',
  '#c25400',
  '#1f7a3a',
  '#8a2b8f',
  '#a3121f',
  '#5b6770',
  '#8a6d00',
  '#00707a',
];

export interface Series {
  label: string;
  data: number[];
  color?: string;
  /** Drawn over the colour, so the series can be told apart without seeing colour. */
  pattern?: 'stripes';
}

/** White diagonal stripes on the series colour, as a canvas pattern Chart.js can fill bars with. */
function stripes(color: string): CanvasPattern | string {
  const tile = document.createElement('canvas');
  tile.width = 8;
  tile.height = 8;
  const ctx = tile.getContext('2d');
  if (!ctx) return color;
  ctx.fillStyle = color;
  ctx.fillRect(0, 0, 8, 8);
  ctx.strokeStyle = '#ffffff';
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(-2, 10);
  ctx.lineTo(10, -2);
  ctx.moveTo(-2, 2);
  ctx.lineTo(2, -2);
  ctx.moveTo(6, 10);
  ctx.lineTo(10, 6);
  ctx.stroke();
  return ctx.createPattern(tile, 'repeat') ?? color;
}

export interface ChartSpec {
  title: string;
  kind: 'bar' | 'line' | 'doughnut';
  labels: string[];
  series: Series[];
  horizontal?: boolean;
  stacked?: boolean;
}

/** A drawn chart and its element; `draw` runs once the element is in the document. */
export interface ChartBlock {
  el: HTMLElement;
  draw(): Chart;
}

/**
 * A chart with the same figures as a table under "Show as table": screen readers get the table, and the
 * canvas is labelled with the title.
 */
export function chartBlock(spec: ChartSpec): ChartBlock {
  const id = uid('chart');
  const canvas = h('canvas', {
    role: 'img',
    'aria-label': ct().stats.chartAria(spec.title),
  });
  const frame = h(
    'div',
    { class: `chart chart-${spec.kind}${spec.horizontal ? ' chart-tall' : ''}` },
    canvas,
  );
  const el = h(
    'figure',
    { class: 'chart-block', 'aria-labelledby': id },
    h('figcaption', { id }, spec.title),
    frame,
    h('details', {}, h('summary', {}, ct().stats.showAsTable), dataTable(spec)),
  );
  return { el, draw: () => new Chart(canvas, config(spec)) };
}

function config(spec: ChartSpec): ChartConfiguration {
  const many = spec.series.length > 1;
  const datasets = spec.series.map((s, i) => {
    const color = s.color ?? PALETTE[i % PALETTE.length]!;
    return spec.kind === 'doughnut'
      ? {
          label: s.label,
          data: s.data,
          backgroundColor: spec.labels.map((_, j) => PALETTE[j % PALETTE.length]!),
        }
      : {
          label: s.label,
          data: s.data,
          backgroundColor: s.pattern === 'stripes' ? stripes(color) : color,
          borderColor: color,
          pointRadius: 2,
          tension: 0.2,
        };
  });
  const scales =
    spec.kind === 'doughnut'
      ? {}
      : {
          x: { stacked: spec.stacked ?? false, beginAtZero: true, ticks: { precision: 0 } },
          y: { stacked: spec.stacked ?? false, beginAtZero: true, ticks: { precision: 0 } },
        };
  return {
    type: spec.kind,
    data: { labels: spec.labels, datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: spec.horizontal ? 'y' : 'x',
      scales,
      plugins: { legend: { display: many || spec.kind === 'doughnut', position: 'bottom' } },
    },
  } as ChartConfiguration;
}

function dataTable(spec: ChartSpec): HTMLTableElement {
  return h(
    'table',
    {},
    h('caption', { class: 'visually-hidden' }, spec.title),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, ''),
        ...spec.series.map((s) => h('th', { scope: 'col' }, s.label)),
      ),
    ),
    h(
      'tbody',
      {},
      ...spec.labels.map((l, i) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, l),
          ...spec.series.map((s) => h('td', { class: 'num' }, String(s.data[i] ?? 0))),
        ),
      ),
    ),
  );
}
