import { ct } from '../console-texts/index.ts';
import type { StatsTexts } from '../console-texts/types.ts';
import { h, uid, type Child } from '../shared/dom.ts';
import { chartBlock, type ChartBlock, type ChartSpec } from './charts.ts';
import { duration, label, percent } from './format.ts';
import { hourOfWeekTable } from './heatmap.ts';
import type { Stats, StatsResponse, Summary } from './types.ts';

/** Charts are drawn only once their section is in the document, so the page collects them as it builds. */
export class Sections {
  readonly charts: ChartBlock[] = [];

  constructor(readonly names: StatsResponse['names'] = { queues: {}, files: {} }) {}

  queueName = (id: string): string => this.names.queues[id] ?? id;
  fileTitle = (id: string): string => this.names.files[id] ?? id;

  chart(spec: ChartSpec): HTMLElement {
    const block = chartBlock(spec);
    this.charts.push(block);
    return block.el;
  }

  recordChart(
    title: string,
    record: Record<string, number>,
    o: Partial<ChartSpec> & { labelOf?: (code: string) => string; largestFirst?: boolean } = {},
  ): HTMLElement {
    const { labelOf = label, largestFirst = false, ...spec } = o;
    const entries = Object.entries(record);
    if (largestFirst) entries.sort(([a, x], [b, y]) => y - x || labelOf(a).localeCompare(labelOf(b)));
    return this.chart({
      title,
      kind: 'bar',
      labels: entries.map(([k]) => labelOf(k)),
      series: [{ label: title, data: entries.map(([, v]) => v) }],
      ...spec,
    });
  }
}

export function section(title: string, ...content: Child[]): HTMLElement {
  const id = uid('sec');
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), ...content);
}

function facts(rows: [string, string | number][]): HTMLElement {
  return h(
    'dl',
    { class: 'facts stats-facts' },
    ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))]),
  );
}

const timeRow = (name: string, s: Summary): HTMLElement =>
  h(
    'tr',
    {},
    h('th', { scope: 'row' }, name),
    ...[String(s.count), duration(s.p50), duration(s.p90), duration(s.mean)].map((v) =>
      h('td', { class: 'num' }, v),
    ),
  );

function timeTable(caption: string, rows: HTMLElement[]): HTMLElement {
  return h(
    'table',
    {},
    h('caption', {}, caption),
    h(
      'thead',
      {},
      h('tr', {}, ...['', ...Object.values(ct().stats.tableHead)].map((c) => h('th', { scope: 'col' }, c))),
    ),
    h('tbody', {}, ...rows),
  );
}

interface KeyFigure {
  name: (t: StatsTexts['key']) => string;
  /** The figure as a number, for the comparison; null when there is none (no waits, no conversations). */
  value: (s: Stats) => number | null;
  show: (s: Stats) => string;
  /** A share: the change is given in percentage points. */
  share?: boolean;
  /** How the size of a change is written (default: a number). */
  size?: (n: number) => string;
}

const KEY_FIGURES: KeyFigure[] = [
  {
    name: (t) => t.conversations,
    value: (s) => s.conversations.total,
    show: (s) => String(s.conversations.total),
  },
  {
    name: (t) => t.containment,
    value: (s) => s.outcomes.containmentRate,
    show: (s) => percent(s.outcomes.containmentRate),
    share: true,
  },
  {
    name: (t) => t.outsideHours,
    value: (s) => s.conversations.outsideOfficeHours.count,
    show: (s) =>
      `${s.conversations.outsideOfficeHours.count} (${percent(s.conversations.outsideOfficeHours.share)})`,
  },
  {
    name: (t) => t.crisesOutsideHours,
    value: (s) => s.conversations.crisesOutsideOfficeHours,
    show: (s) => String(s.conversations.crisesOutsideOfficeHours),
  },
  {
    name: (t) => t.handoverRequests,
    value: (s) => s.queue.handoverRequests,
    show: (s) => String(s.queue.handoverRequests),
  },
  {
    name: (t) => t.medianWait,
    value: (s) => s.queue.waitSeconds.p50,
    show: (s) => duration(s.queue.waitSeconds.p50),
    size: duration,
  },
  {
    name: (t) => t.offlineMessages,
    value: (s) => s.tickets.created,
    show: (s) => `${s.tickets.created} (${s.tickets.open})`,
  },
  {
    name: (t) => t.satisfaction,
    value: (s) => s.feedback.afterHandover.satisfaction,
    show: (s) => percent(s.feedback.afterHandover.satisfaction),
    share: true,
  },
  {
    name: (t) => t.unanswered,
    value: (s) => s.knowledgeGaps.unanswered,
    show: (s) => String(s.knowledgeGaps.unanswered),
  },
];

/** "up 3 (+12 %)", in words and signs, so the direction never depends on colour. */
export function change(
  now: number | null,
  before: number | null,
  share = false,
  sizeOf?: (n: number) => string,
): string {
  const t = ct().stats;
  if (now === null || before === null) return t.noComparison;
  const diff = now - before;
  if (Math.abs(diff) < 1e-9) return t.noChange;
  const direction = diff > 0 ? t.up : t.down;
  if (share)
    return `${direction} ${t.points(
      Math.abs(diff * 100)
        .toFixed(1)
        .replace(/\.0$/, ''),
    )}`;
  const size = sizeOf
    ? sizeOf(Math.abs(diff))
    : Number.isInteger(diff)
      ? String(Math.abs(diff))
      : Math.abs(diff).toFixed(1);
  const relative =
    before === 0 ? '' : ` (${diff > 0 ? '+' : '−'}${Math.round(Math.abs(diff / before) * 100)} %)`;
  return `${direction} ${size}${relative}`;
}

export function overview(s: Stats, previous?: Stats): HTMLElement {
  const t = ct().stats;
  return section(
    t.sections.overview,
    previous ? h('p', { class: 'hint' }, t.comparedWith(previous.period.from, previous.period.to)) : null,
    h(
      'dl',
      { class: 'facts stats-facts key-figures' },
      ...KEY_FIGURES.flatMap((f) => [
        h('dt', {}, f.name(t.key)),
        h(
          'dd',
          {},
          h('span', { class: 'figure' }, f.show(s)),
          ' ',
          previous
            ? h(
                'span',
                { class: 'compare' },
                t.compare(f.show(previous), change(f.value(s), f.value(previous), f.share, f.size)),
              )
            : null,
        ),
      ]),
    ),
    s.skippedEvents > 0 ? h('p', { class: 'hint' }, t.skipped(s.skippedEvents)) : null,
  );
}

export function volume(s: Stats, x: Sections): HTMLElement {
  const t = ct().stats.sections;
  return section(
    t.volume,
    x.chart({
      title: t.perDay,
      kind: 'bar',
      labels: s.conversations.perDay.map((d) => d.date),
      series: [{ label: t.conversations, data: s.conversations.perDay.map((d) => d.count) }],
    }),
    h('div', { class: 'table-scroll' }, hourOfWeekTable(s.conversations.perHourOfWeek)),
  );
}

export function outcomes(s: Stats, x: Sections): HTMLElement {
  const o = s.outcomes;
  const t = ct().stats.sections;
  return section(
    t.outcomes,
    h('p', { class: 'hint' }, t.outcomesHint(o.withRequest)),
    h(
      'div',
      { class: 'chart-grid' },
      x.recordChart(t.byOutcome, o.counts, { kind: 'doughnut' }),
      x.recordChart(t.byReason, o.handedOverByReason, { horizontal: true }),
      x.recordChart(t.decisions, o.decisions),
      x.recordChart(t.whyNot, o.fallbackByReason, { horizontal: true }),
    ),
  );
}

export function queue(s: Stats, x: Sections): HTMLElement {
  const q = s.queue;
  const t = s.tickets;
  const w = ct().stats.sections;
  return section(
    w.queue,
    facts([
      [w.taken, q.assigned],
      [w.abandoned, q.abandoned],
      [w.sentOffline, q.sentOffline],
      [w.ticketsLeftLabel, w.ticketsLeft(t.created, t.withEmail, t.withPhone)],
      [w.answered, w.answeredSplit(t.answered, t.answeredBy.email, t.answeredBy.phone)],
      [w.stillOpen, t.open],
    ]),
    timeTable(w.times, [
      timeRow(w.waitTaken, q.waitSeconds),
      timeRow(w.waitGaveUp, q.abandonedAfterSeconds),
      timeRow(w.handling, q.handlingSeconds),
      timeRow(w.ticketAnswer, t.secondsToAnswer),
    ]),
    h(
      'div',
      { class: 'chart-grid' },
      x.recordChart(w.byQueue, q.byQueue, {
        horizontal: true,
        labelOf: x.queueName,
        largestFirst: true,
      }),
      x.recordChart(w.offlineByReason, q.offlineOffered),
    ),
  );
}

export function feedback(s: Stats, x: Sections): HTMLElement {
  const f = s.feedback;
  const top = f.byFile.slice(0, 15);
  const t = ct().stats.sections;
  return section(
    t.feedback,
    facts([
      [t.botAnswers, upDown(f.bot)],
      [t.afterHandover, upDown(f.afterHandover)],
      [t.satisfaction, percent(f.afterHandover.satisfaction)],
    ]),
    top.length === 0
      ? h('p', { class: 'empty' }, t.noFeedback)
      : x.chart({
          title: t.perFile(f.byFile.length > top.length ? top.length : undefined),
          kind: 'bar',
          horizontal: true,
          stacked: true,
          labels: top.map((r) => x.fileTitle(r.fileId)),
          // Colour is never the only carrier (WCAG 1.4.1): "not helpful" is also striped, the legend and
          // the table name both series, and each file's figures are written out in words below.
          series: [
            { label: t.helpfulPlain, data: top.map((r) => r.up), color: '#1f7a3a' },
            {
              label: t.notHelpfulStriped,
              data: top.map((r) => r.down),
              color: '#a3121f',
              pattern: 'stripes',
            },
          ],
        }),
    top.length === 0
      ? null
      : h(
          'ul',
          { class: 'feedback-files' },
          ...top.map((r) => h('li', {}, `${x.fileTitle(r.fileId)}: ${upDown(r)}`)),
        ),
  );
}

function upDown(t: { up: number; down: number }): string {
  const total = t.up + t.down;
  if (total === 0) return ct().stats.sections.noRatings;
  return ct().stats.sections.upDown(t.up, percent(t.up / total), t.down);
}

export function languages(s: Stats, x: Sections): HTMLElement {
  const t = ct().stats.sections;
  return section(
    t.languages,
    h(
      'div',
      { class: 'chart-grid' },
      x.recordChart(t.byWidgetLang, s.languages.conversations),
      x.recordChart(t.byDetectedLang, s.languages.questions),
    ),
  );
}

export function files(s: Stats, x: Sections): HTMLElement {
  const top = s.files.top.slice(0, 15);
  const never = s.files.neverUsed;
  const t = ct().stats.sections;
  return section(
    t.files,
    top.length === 0
      ? h('p', { class: 'empty' }, t.nothingAnswered)
      : x.chart({
          title: t.mostUsed(s.files.top.length > top.length ? top.length : undefined),
          kind: 'bar',
          horizontal: true,
          labels: top.map((f) => f.title ?? f.fileId),
          series: [{ label: t.answers, data: top.map((f) => f.answers) }],
        }),
    h('h3', {}, t.neverUsed(never.length)),
    never.length === 0
      ? h('p', { class: 'empty' }, t.everyFileUsed)
      : h(
          'ul',
          { class: 'never-used' },
          ...never.map((f) => h('li', {}, f.title ? `${f.title} (${f.fileId})` : f.fileId)),
        ),
  );
}

export function gaps(s: Stats): HTMLElement {
  const g = s.knowledgeGaps;
  const t = ct().stats.sections;
  return section(
    t.gaps,
    h('p', { class: 'hint' }, t.gapsHint(g.unanswered)),
    g.groups.length === 0
      ? h('p', { class: 'empty' }, t.noGaps)
      : h(
          'ol',
          { class: 'gaps' },
          ...g.groups.map((group) =>
            h(
              'li',
              {},
              h('strong', {}, t.questions(group.size)),
              group.terms.length > 0 ? h('span', { class: 'meta' }, t.about(group.terms.join(', '))) : null,
              h('ul', {}, ...group.examples.map((e) => h('li', {}, h('q', {}, e)))),
            ),
          ),
        ),
  );
}

export function contactTypes(s: Stats, x: Sections): HTMLElement {
  const types = Object.entries(s.contactTypes.byType);
  const t = ct().stats.sections;
  return section(
    t.contactTypes,
    h('p', { class: 'hint' }, t.contactTypesHint(s.contactTypes.unclassified)),
    h(
      'div',
      { class: 'chart-grid' },
      x.chart({
        title: t.byType,
        kind: 'bar',
        horizontal: true,
        stacked: true,
        labels: types.map(([type]) => label(type)),
        series: [
          { label: t.byStaff, data: types.map(([, n]) => n.staff) },
          { label: t.byBot, data: types.map(([, n]) => n.bot) },
        ],
      }),
      x.recordChart(t.byCategory, s.contactTypes.byCategory, { kind: 'doughnut' }),
    ),
  );
}
