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
      h(
        'tr',
        {},
        ...['', 'count', 'median', '90th percentile', 'mean'].map((c) => h('th', { scope: 'col' }, c)),
      ),
    ),
    h('tbody', {}, ...rows),
  );
}

interface KeyFigure {
  name: string;
  /** The figure as a number, for the comparison; null when there is none (no waits, no conversations). */
  value: (s: Stats) => number | null;
  show: (s: Stats) => string;
  /** A share: the change is given in percentage points. */
  share?: boolean;
  /** How the size of a change is written (default: a number). */
  size?: (n: number) => string;
}

const KEY_FIGURES: KeyFigure[] = [
  { name: 'Conversations', value: (s) => s.conversations.total, show: (s) => String(s.conversations.total) },
  {
    name: 'Containment rate (resolved by the bot)',
    value: (s) => s.outcomes.containmentRate,
    show: (s) => percent(s.outcomes.containmentRate),
    share: true,
  },
  {
    name: 'Outside office hours',
    value: (s) => s.conversations.outsideOfficeHours.count,
    show: (s) =>
      `${s.conversations.outsideOfficeHours.count} (${percent(s.conversations.outsideOfficeHours.share)})`,
  },
  {
    name: 'Crises outside office hours',
    value: (s) => s.conversations.crisesOutsideOfficeHours,
    show: (s) => String(s.conversations.crisesOutsideOfficeHours),
  },
  {
    name: 'Handover requests',
    value: (s) => s.queue.handoverRequests,
    show: (s) => String(s.queue.handoverRequests),
  },
  {
    name: 'Median wait for an agent',
    value: (s) => s.queue.waitSeconds.p50,
    show: (s) => duration(s.queue.waitSeconds.p50),
    size: duration,
  },
  {
    name: 'Offline messages (open)',
    value: (s) => s.tickets.created,
    show: (s) => `${s.tickets.created} (${s.tickets.open})`,
  },
  {
    name: 'Satisfaction after a handover',
    value: (s) => s.feedback.afterHandover.satisfaction,
    show: (s) => percent(s.feedback.afterHandover.satisfaction),
    share: true,
  },
  {
    name: 'Unanswered questions',
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
  if (now === null || before === null) return 'no comparison';
  const diff = now - before;
  if (Math.abs(diff) < 1e-9) return 'no change';
  const direction = diff > 0 ? '▲ up' : '▼ down';
  if (share)
    return `${direction} ${Math.abs(diff * 100)
      .toFixed(1)
      .replace(/\.0$/, '')} points`;
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
  return section(
    'Overview',
    previous
      ? h(
          'p',
          { class: 'hint' },
          `Each figure is compared with the ${previous.period.from} – ${previous.period.to} period just before (same number of days).`,
        )
      : null,
    h(
      'dl',
      { class: 'facts stats-facts key-figures' },
      ...KEY_FIGURES.flatMap((f) => [
        h('dt', {}, f.name),
        h(
          'dd',
          {},
          h('span', { class: 'figure' }, f.show(s)),
          ' ',
          previous
            ? h(
                'span',
                { class: 'compare' },
                `before: ${f.show(previous)} · ${change(f.value(s), f.value(previous), f.share, f.size)}`,
              )
            : null,
        ),
      ]),
    ),
    s.skippedEvents > 0
      ? h('p', { class: 'hint' }, `${s.skippedEvents} malformed log events were left out.`)
      : null,
  );
}

export function volume(s: Stats, x: Sections): HTMLElement {
  return section(
    'When citizens write',
    x.chart({
      title: 'Conversations per day',
      kind: 'bar',
      labels: s.conversations.perDay.map((d) => d.date),
      series: [{ label: 'Conversations', data: s.conversations.perDay.map((d) => d.count) }],
    }),
    h('div', { class: 'table-scroll' }, hourOfWeekTable(s.conversations.perHourOfWeek)),
  );
}

export function outcomes(s: Stats, x: Sections): HTMLElement {
  const o = s.outcomes;
  return section(
    'Outcomes',
    h(
      'p',
      { class: 'hint' },
      `One outcome per conversation. Containment = resolved by the bot / conversations with a question or a request for a person (${o.withRequest}).`,
    ),
    h(
      'div',
      { class: 'chart-grid' },
      x.recordChart('Conversations by outcome', o.counts, { kind: 'doughnut' }),
      x.recordChart('Handed over, by reason', o.handedOverByReason, { horizontal: true }),
      x.recordChart('Bot decisions', o.decisions),
      x.recordChart('Why the bot could not help', o.fallbackByReason, { horizontal: true }),
    ),
  );
}

export function queue(s: Stats, x: Sections): HTMLElement {
  const q = s.queue;
  const t = s.tickets;
  return section(
    'Queue and offline messages',
    facts([
      ['Taken by an agent', q.assigned],
      ['Abandoned while waiting', q.abandoned],
      ['Sent to the offline form from the queue', q.sentOffline],
      ['Offline messages left', `${t.created} (e-mail ${t.withEmail}, phone ${t.withPhone})`],
      ['Answered', `${t.answered} (e-mail ${t.answeredBy.email}, phone ${t.answeredBy.phone})`],
      ['Still open', t.open],
    ]),
    timeTable('Times', [
      timeRow('Waiting time (taken)', q.waitSeconds),
      timeRow('Waited before giving up', q.abandonedAfterSeconds),
      timeRow('Handling time per chat', q.handlingSeconds),
      timeRow('Time to answer an offline message', t.secondsToAnswer),
    ]),
    h(
      'div',
      { class: 'chart-grid' },
      x.recordChart('Handover requests by queue', q.byQueue, {
        horizontal: true,
        labelOf: x.queueName,
        largestFirst: true,
      }),
      x.recordChart('Offline form offered, by reason', q.offlineOffered),
    ),
  );
}

export function feedback(s: Stats, x: Sections): HTMLElement {
  const f = s.feedback;
  const top = f.byFile.slice(0, 15);
  return section(
    'Feedback',
    facts([
      ['Bot answers', upDown(f.bot)],
      ['After a handover', upDown(f.afterHandover)],
      ['Satisfaction after a handover', percent(f.afterHandover.satisfaction)],
    ]),
    top.length === 0
      ? h('p', { class: 'empty' }, 'No feedback on answers in this period.')
      : x.chart({
          title: `Feedback per knowledge file${f.byFile.length > top.length ? ` (${top.length} most rated)` : ''}`,
          kind: 'bar',
          horizontal: true,
          stacked: true,
          labels: top.map((r) => x.fileTitle(r.fileId)),
          // Colour is never the only carrier (WCAG 1.4.1): "not helpful" is also striped, the legend and
          // the table name both series, and each file's figures are written out in words below.
          series: [
            { label: 'Helpful (plain bars)', data: top.map((r) => r.up), color: '#1f7a3a' },
            {
              label: 'Not helpful (striped bars)',
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
  if (total === 0) return 'no ratings';
  return `${t.up} helpful (${percent(t.up / total)}), ${t.down} not helpful`;
}

export function languages(s: Stats, x: Sections): HTMLElement {
  return section(
    'Languages',
    h(
      'div',
      { class: 'chart-grid' },
      x.recordChart('Conversations by widget language', s.languages.conversations),
      x.recordChart('Questions by detected language', s.languages.questions),
    ),
  );
}

export function files(s: Stats, x: Sections): HTMLElement {
  const top = s.files.top.slice(0, 15);
  const never = s.files.neverUsed;
  return section(
    'Knowledge files',
    top.length === 0
      ? h('p', { class: 'empty' }, 'The bot answered nothing in this period.')
      : x.chart({
          title: `Most used files${s.files.top.length > top.length ? ` (top ${top.length})` : ''}`,
          kind: 'bar',
          horizontal: true,
          labels: top.map((f) => f.title ?? f.fileId),
          series: [{ label: 'Answers', data: top.map((f) => f.answers) }],
        }),
    h('h3', {}, `Never used in this period (${never.length})`),
    never.length === 0
      ? h('p', { class: 'empty' }, 'Every file was used.')
      : h(
          'ul',
          { class: 'never-used' },
          ...never.map((f) => h('li', {}, f.title ? `${f.title} (${f.fileId})` : f.fileId)),
        ),
  );
}

export function gaps(s: Stats): HTMLElement {
  const g = s.knowledgeGaps;
  return section(
    'Knowledge gaps',
    h(
      'p',
      { class: 'hint' },
      `${g.unanswered} questions the bot could not answer, grouped by similarity, largest group first.`,
    ),
    g.groups.length === 0
      ? h('p', { class: 'empty' }, 'No unanswered questions in this period.')
      : h(
          'ol',
          { class: 'gaps' },
          ...g.groups.map((group) =>
            h(
              'li',
              {},
              h('strong', {}, `${group.size} question${group.size === 1 ? '' : 's'}`),
              group.terms.length > 0
                ? h('span', { class: 'meta' }, ` · about: ${group.terms.join(', ')}`)
                : null,
              h('ul', {}, ...group.examples.map((e) => h('li', {}, h('q', {}, e)))),
            ),
          ),
        ),
  );
}

export function contactTypes(s: Stats, x: Sections): HTMLElement {
  const types = Object.entries(s.contactTypes.byType);
  return section(
    'Contact types (KOMHEN)',
    h(
      'p',
      { class: 'hint' },
      `Types staff chose when closing a chat, plus the types the bot's decisions imply. ${s.contactTypes.unclassified} conversations have no type.`,
    ),
    h(
      'div',
      { class: 'chart-grid' },
      x.chart({
        title: 'Contacts by type',
        kind: 'bar',
        horizontal: true,
        stacked: true,
        labels: types.map(([t]) => label(t)),
        series: [
          { label: 'Set by staff', data: types.map(([, n]) => n.staff) },
          { label: 'Implied by the bot', data: types.map(([, n]) => n.bot) },
        ],
      }),
      x.recordChart('Information, interaction, transaction', s.contactTypes.byCategory, { kind: 'doughnut' }),
    ),
  );
}
