import { CONTACT_CATEGORY } from './contact-types.ts';
import type { Stats, Summary } from './stats-types.ts';

export const REPORT_FORMATS = ['md', 'csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

export function formatStats(stats: Stats, format: ReportFormat): string {
  if (format === 'json') return `${JSON.stringify(stats, null, 2)}\n`;
  return format === 'csv' ? statsCsv(stats) : statsMarkdown(stats);
}

// ---- CSV: one figure per row, so a spreadsheet can filter and pivot ------------------------------------

type Cell = string | number | null;

/** RFC 4180 quoting; cells that a spreadsheet would run as a formula get a leading apostrophe. */
function csvCell(value: Cell): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function statsCsv(s: Stats): string {
  const rows: Cell[][] = [['section', 'figure', 'key', 'value']];
  const add = (section: string, figure: string, key: Cell, value: Cell) =>
    rows.push([section, figure, key, value]);
  const record = (section: string, figure: string, r: Record<string, number>) => {
    for (const [k, v] of Object.entries(r)) add(section, figure, k, v);
  };
  const summary = (section: string, figure: string, x: Summary) => {
    for (const k of ['count', 'p50', 'p90', 'mean'] as const) add(section, figure, k, x[k]);
  };
  add('period', 'from', null, s.period.from);
  add('period', 'to', null, s.period.to);
  add('period', 'time_zone', null, s.period.timeZone);
  add('conversations', 'total', null, s.conversations.total);
  for (const d of s.conversations.perDay) add('conversations', 'per_day', d.date, d.count);
  s.conversations.perHourOfWeek.forEach((row, day) =>
    row.forEach((n, hour) => add('conversations', 'per_hour_of_week', `${WEEKDAYS[day]} ${pad(hour)}`, n)),
  );
  add('conversations', 'outside_office_hours', 'count', s.conversations.outsideOfficeHours.count);
  add('conversations', 'outside_office_hours', 'share', s.conversations.outsideOfficeHours.share);
  add('conversations', 'crises_outside_office_hours', null, s.conversations.crisesOutsideOfficeHours);
  record('outcomes', 'conversations', s.outcomes.counts);
  add('outcomes', 'with_request', null, s.outcomes.withRequest);
  add('outcomes', 'containment_rate', null, s.outcomes.containmentRate);
  record('outcomes', 'handed_over_by_reason', s.outcomes.handedOverByReason);
  record('outcomes', 'decisions', s.outcomes.decisions);
  record('outcomes', 'fallback_by_reason', s.outcomes.fallbackByReason);
  const q = s.queue;
  add('queue', 'handover_requests', null, q.handoverRequests);
  record('queue', 'handover_requests_by_queue', q.byQueue);
  add('queue', 'assigned', null, q.assigned);
  add('queue', 'abandoned', null, q.abandoned);
  add('queue', 'sent_offline', null, q.sentOffline);
  record('queue', 'offline_offered', q.offlineOffered);
  summary('queue', 'wait_seconds', q.waitSeconds);
  summary('queue', 'abandoned_after_seconds', q.abandonedAfterSeconds);
  summary('queue', 'handling_seconds', q.handlingSeconds);
  const t = s.tickets;
  for (const k of ['created', 'withEmail', 'withPhone', 'answered', 'open'] as const)
    add('tickets', snake(k), null, t[k]);
  add('tickets', 'answered_by', 'email', t.answeredBy.email);
  add('tickets', 'answered_by', 'phone', t.answeredBy.phone);
  summary('tickets', 'seconds_to_answer', t.secondsToAnswer);
  add('feedback', 'bot', 'up', s.feedback.bot.up);
  add('feedback', 'bot', 'down', s.feedback.bot.down);
  for (const f of s.feedback.byFile) {
    add('feedback', 'file_up', f.fileId, f.up);
    add('feedback', 'file_down', f.fileId, f.down);
  }
  add('feedback', 'after_handover', 'up', s.feedback.afterHandover.up);
  add('feedback', 'after_handover', 'down', s.feedback.afterHandover.down);
  add('feedback', 'after_handover', 'satisfaction', s.feedback.afterHandover.satisfaction);
  record('languages', 'conversations', s.languages.conversations);
  record('languages', 'questions', s.languages.questions);
  for (const f of s.files.top) add('files', 'answers', f.fileId, f.answers);
  for (const f of s.files.neverUsed) add('files', 'never_used', f.fileId, f.title ?? '');
  add('knowledge_gaps', 'unanswered', null, s.knowledgeGaps.unanswered);
  s.knowledgeGaps.groups.forEach((g, i) => {
    add('knowledge_gaps', `group_${i + 1}`, 'size', g.size);
    add('knowledge_gaps', `group_${i + 1}`, 'terms', g.terms.join(' '));
    g.examples.forEach((e, j) => add('knowledge_gaps', `group_${i + 1}`, `example_${j + 1}`, e));
  });
  for (const [type, n] of Object.entries(s.contactTypes.byType)) {
    add('contact_types', 'staff', type, n.staff);
    add('contact_types', 'bot', type, n.bot);
    add('contact_types', 'total', type, n.total);
  }
  add('contact_types', 'unclassified', null, s.contactTypes.unclassified);
  record('contact_types', 'category', s.contactTypes.byCategory);
  add('meta', 'skipped_events', null, s.skippedEvents);
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const pad = (n: number) => String(n).padStart(2, '0');
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

// ---- Markdown: for reading ------------------------------------------------------------------------------

const mdCell = (v: Cell): string =>
  v === null
    ? '–'
    : String(v)
        .replace(/\\/g, '\\\\')
        .replace(/\|/g, '\\|')
        .replace(/[\r\n]+/g, ' ');

function table(head: string[], rows: Cell[][]): string {
  if (rows.length === 0) return '_None._\n';
  const line = (cells: Cell[]) => `| ${cells.map(mdCell).join(' | ')} |`;
  return [line(head), `|${head.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n') + '\n';
}

export const percent = (share: number | null): string =>
  share === null ? '–' : `${(share * 100).toFixed(1).replace(/\.0$/, '')} %`;

export function duration(seconds: number | null): string {
  if (seconds === null) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  const h = Math.floor(s / 3600);
  return `${h} h ${Math.round((s % 3600) / 60)} min`;
}

const summaryRow = (label: string, x: Summary): Cell[] => [
  label,
  x.count,
  duration(x.p50),
  duration(x.p90),
  duration(x.mean),
];
const recordRows = (r: Record<string, number>): Cell[][] => Object.entries(r).map(([k, v]) => [k, v]);

export function statsMarkdown(s: Stats): string {
  const out: string[] = [];
  const o = s.outcomes;
  const q = s.queue;
  const t = s.tickets;
  out.push(`# Svar statistics ${s.period.from} – ${s.period.to}\n`);
  out.push(`Times are local (${s.period.timeZone}). Conversations are counted by the day they started.\n`);
  out.push('## Conversations\n');
  out.push(
    table(
      ['figure', 'value'],
      [
        ['conversations', s.conversations.total],
        [
          'outside office hours',
          `${s.conversations.outsideOfficeHours.count} (${percent(s.conversations.outsideOfficeHours.share)})`,
        ],
        ['crises outside office hours', s.conversations.crisesOutsideOfficeHours],
        ['containment rate', percent(o.containmentRate)],
      ],
    ),
  );
  out.push('### Per day\n');
  out.push(
    table(
      ['date', 'conversations'],
      s.conversations.perDay.map((d) => [d.date, d.count]),
    ),
  );
  out.push('### Per hour of the week\n');
  out.push(
    table(
      ['', ...Array.from({ length: 24 }, (_, h) => pad(h))],
      s.conversations.perHourOfWeek.map((row, d) => [WEEKDAYS[d] ?? '', ...row]),
    ),
  );
  out.push('## Outcomes\n');
  out.push(
    `Each conversation has one outcome. Containment = resolved by the bot / conversations with a question or a request for a person (${o.withRequest}).\n`,
  );
  out.push(table(['outcome', 'conversations'], recordRows(o.counts)));
  out.push('### Handed over, by reason\n');
  out.push(table(['reason', 'conversations'], recordRows(o.handedOverByReason)));
  out.push('### Bot decisions\n');
  out.push(table(['decision', 'count'], recordRows(o.decisions)));
  out.push(table(['fallback reason', 'count'], recordRows(o.fallbackByReason)));
  out.push('## Queue\n');
  out.push(
    table(
      ['figure', 'value'],
      [
        ['handover requests', q.handoverRequests],
        ['taken by an agent', q.assigned],
        ['abandoned while waiting', q.abandoned],
        ['sent to the offline form from the queue', q.sentOffline],
        ...Object.entries(q.offlineOffered).map(([k, v]): Cell[] => [`offline form offered: ${k}`, v]),
      ],
    ),
  );
  out.push(table(['queue', 'handover requests'], recordRows(q.byQueue)));
  out.push(
    table(
      ['time', 'count', 'median', '90th percentile', 'mean'],
      [
        summaryRow('waiting time (taken)', q.waitSeconds),
        summaryRow('waited before giving up', q.abandonedAfterSeconds),
        summaryRow('handling time per chat', q.handlingSeconds),
      ],
    ),
  );
  out.push('## Offline messages\n');
  out.push(
    table(
      ['figure', 'value'],
      [
        ['left', t.created],
        ['with e-mail', t.withEmail],
        ['with phone', t.withPhone],
        ['answered', `${t.answered} (e-mail ${t.answeredBy.email}, phone ${t.answeredBy.phone})`],
        ['still open', t.open],
      ],
    ),
  );
  out.push(
    table(
      ['time', 'count', 'median', '90th percentile', 'mean'],
      [summaryRow('time to answer', t.secondsToAnswer)],
    ),
  );
  out.push('## Feedback\n');
  out.push(
    table(
      ['figure', 'helpful', 'not helpful'],
      [
        ['bot answers', s.feedback.bot.up, s.feedback.bot.down],
        [
          `after a handover (satisfaction ${percent(s.feedback.afterHandover.satisfaction)})`,
          s.feedback.afterHandover.up,
          s.feedback.afterHandover.down,
        ],
      ],
    ),
  );
  out.push(
    table(
      ['file', 'helpful', 'not helpful'],
      s.feedback.byFile.map((f) => [f.fileId, f.up, f.down]),
    ),
  );
  out.push('## Languages\n');
  out.push(table(['widget language', 'conversations'], recordRows(s.languages.conversations)));
  out.push(table(['detected language', 'questions'], recordRows(s.languages.questions)));
  out.push('## Knowledge files\n');
  out.push(
    table(
      ['file', 'title', 'answers'],
      s.files.top.map((f) => [f.fileId, f.title ?? null, f.answers]),
    ),
  );
  out.push('### Never used in the period\n');
  out.push(
    table(
      ['file', 'title'],
      s.files.neverUsed.map((f) => [f.fileId, f.title ?? null]),
    ),
  );
  out.push('## Knowledge gaps\n');
  out.push(
    `${s.knowledgeGaps.unanswered} questions the bot could not answer, grouped by similarity (largest first).\n`,
  );
  out.push(
    table(
      ['questions', 'shared terms', 'examples'],
      s.knowledgeGaps.groups.map((g) => [
        g.size,
        g.terms.join(', '),
        g.examples.map((e) => `“${e}”`).join(' · '),
      ]),
    ),
  );
  out.push('## Contact types (KOMHEN)\n');
  out.push(
    table(
      ['type', 'category', 'set by staff', 'implied by the bot', 'total'],
      Object.entries(s.contactTypes.byType).map(([type, n]) => [
        type,
        CONTACT_CATEGORY[type as keyof typeof CONTACT_CATEGORY],
        n.staff,
        n.bot,
        n.total,
      ]),
    ),
  );
  out.push(`Unclassified conversations: ${s.contactTypes.unclassified}.\n`);
  out.push(table(['category', 'contacts'], recordRows(s.contactTypes.byCategory)));
  if (s.skippedEvents > 0) out.push(`_${s.skippedEvents} malformed log events were left out._\n`);
  return out.join('\n');
}
