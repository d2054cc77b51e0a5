import { h, uid, type Child } from '../shared/dom.ts';
import { chartBlock, type ChartBlock, type ChartSpec } from './charts.ts';
import { duration, label, percent } from './format.ts';
import { hourOfWeekTable } from './heatmap.ts';
import type { Stats, Summary } from './types.ts';

/** Charts are drawn only once their section is in the document, so the page collects them as it builds. */
export class Sections {
  readonly charts: ChartBlock[] = [];

  chart(spec: ChartSpec): HTMLElement {
    const block = chartBlock(spec);
    this.charts.push(block);
    return block.el;
  }

  recordChart(title: string, record: Record<string, number>, o: Partial<ChartSpec> = {}): HTMLElement {
    const entries = Object.entries(record);
    return this.chart({
      title,
      kind: 'bar',
      labels: entries.map(([k]) => label(k)),
      series: [{ label: title, data: entries.map(([, v]) => v) }],
      ...o,
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

export function overview(s: Stats): HTMLElement {
  return section(
    'Overview',
    facts([
      ['Conversations', s.conversations.total],
      ['Containment rate (resolved by the bot)', percent(s.outcomes.containmentRate)],
      [
        'Outside office hours',
        `${s.conversations.outsideOfficeHours.count} (${percent(s.conversations.outsideOfficeHours.share)})`,
      ],
      ['Handover requests', s.queue.handoverRequests],
      ['Median wait for an agent', duration(s.queue.waitSeconds.p50)],
      ['Offline messages (open)', `${s.tickets.created} (${s.tickets.open})`],
      ['Unanswered questions', s.knowledgeGaps.unanswered],
    ]),
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
      x.recordChart('Handover requests by queue', q.byQueue, { horizontal: true }),
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
      ['Bot answers: helpful / not helpful', `${f.bot.up} / ${f.bot.down}`],
      ['After a handover: helpful / not helpful', `${f.afterHandover.up} / ${f.afterHandover.down}`],
      ['Satisfaction after a handover', percent(f.afterHandover.satisfaction)],
    ]),
    top.length === 0
      ? h('p', { class: 'empty' }, 'No feedback on answers in this period.')
      : x.chart({
          title: `Feedback per knowledge file${f.byFile.length > top.length ? ` (${top.length} most rated)` : ''}`,
          kind: 'bar',
          horizontal: true,
          stacked: true,
          labels: top.map((r) => r.fileId),
          series: [
            { label: 'Helpful', data: top.map((r) => r.up), color: '#1f7a3a' },
            { label: 'Not helpful', data: top.map((r) => r.down), color: '#a3121f' },
          ],
        }),
  );
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
