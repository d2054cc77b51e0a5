import { DateTime } from 'luxon';
import { FALLBACK_REASONS, HANDOVER_REASONS } from '../../bot/index.ts';
import { CONTACT_TYPES, OFFLINE_REASONS, type ContactType } from '../protocol.ts';
import { closedDays } from '../handover/closed-days.ts';
import { isOpen } from '../handover/office-hours.ts';
import { CONTACT_CATEGORY, impliedContactType } from './contact-types.ts';
import { classifyConversation } from './conversation-outcome.ts';
import { departmentOf } from './department.ts';
import type { ConversationLog, PeriodLog } from './event-log.ts';
import { sortedByFile } from './feedback-stats.ts';
import { fileUsageOf, type StatsFile } from './file-usage.ts';
import { gapQuestionsOf, groupGaps, type GapOptions, type GapQuestion } from './knowledge-gaps.ts';
import { sortByCount } from './language-stats.ts';
import type { Period } from './period.ts';
import { ticketFigures, type TicketAnswered, type TicketCreated } from './queue-stats.ts';
import type { ContactCategory, Outcome, Stats, UpDown } from './stats-types.ts';
import { bump, ratio, summarize, zeros } from './summary.ts';
import { crisisOutsideOfficeHours, type OfficeHours } from './volume.ts';

/**
 * The figures of one local day and one department, in a form that adds up: counts, and the raw values
 * where the result is a percentile (waits) or a grouping (knowledge gaps). Finalized, the sum of a period's
 * parts gives exactly what computeStats gives for the same conversations (rollups.test.ts checks it).
 */
export interface DayPart {
  conversations: number;
  /** Conversations started per local hour. */
  hours: number[];
  outside: number;
  crisesOutside: number;
  outcomes: Record<string, number>;
  handedOverByReason: Record<string, number>;
  decisions: Record<string, number>;
  fallbackByReason: Record<string, number>;
  handoverRequests: number;
  byQueue: Record<string, number>;
  offlineOffered: Record<string, number>;
  sentOffline: number;
  waits: number[];
  abandonedAfter: number[];
  handling: number[];
  ticketsCreated: TicketCreated[];
  ticketsAnswered: TicketAnswered[];
  feedbackBot: UpDown;
  feedbackByFile: Record<string, UpDown>;
  afterHandover: UpDown;
  langConversations: Record<string, number>;
  langQuestions: Record<string, number>;
  fileAnswers: Record<string, number>;
  /** Contact types staff chose. */
  staffTypes: Record<string, number>;
  /** Handed over about the citizen's own case, no staff type: existing_case_info by the bot. */
  personalHandovers: number;
  /** Answered by the bot with a self-service link in the log, no staff type. */
  answeredWithLink: number;
  /**
   * Answered by the bot without a logged link, no staff type, by the set of files answered with (joined
   * with a line feed): whether that is self-service help depends on the files' links when asked.
   */
  answeredFiles: Record<string, number>;
  /** Conversations no rule gives a type. */
  untyped: number;
  /** Unanswered questions per conversation, with the conversation's sort key. */
  gaps: { startedAt: string; id: string; questions: GapQuestion[] }[];
  /** Malformed events of the day's conversations (kept in the '' department whatever the filter). */
  skipped: number;
}

export interface PartContext {
  timeZone: string;
  officeHours: OfficeHours;
}

const OUTCOMES: readonly Outcome[] = [
  'resolved',
  'answered_not_helpful',
  'clarified',
  'handed_over',
  'fallback',
  'no_question',
];
const DECISION_KINDS = ['answer', 'clarify', 'handover', 'fallback', 'smalltalk'] as const;

export function emptyPart(): DayPart {
  return {
    conversations: 0,
    hours: Array<number>(24).fill(0),
    outside: 0,
    crisesOutside: 0,
    outcomes: {},
    handedOverByReason: {},
    decisions: {},
    fallbackByReason: {},
    handoverRequests: 0,
    byQueue: {},
    offlineOffered: {},
    sentOffline: 0,
    waits: [],
    abandonedAfter: [],
    handling: [],
    ticketsCreated: [],
    ticketsAnswered: [],
    feedbackBot: { up: 0, down: 0 },
    feedbackByFile: {},
    afterHandover: { up: 0, down: 0 },
    langConversations: {},
    langQuestions: {},
    fileAnswers: {},
    staffTypes: {},
    personalHandovers: 0,
    answeredWithLink: 0,
    answeredFiles: {},
    untyped: 0,
    gaps: [],
    skipped: 0,
  };
}

const addUpDown = (t: UpDown, helpful: boolean): void => {
  if (helpful) t.up++;
  else t.down++;
};

export const localDay = (iso: string, timeZone: string): string =>
  DateTime.fromJSDate(new Date(iso), { zone: timeZone }).toISODate() ?? '';

/** Adds one conversation to a part, as the figure modules of computeStats each count it. */
function addConversation(part: DayPart, c: ConversationLog, at: Date, hour: number, ctx: PartContext): void {
  const k = classifyConversation(c);
  const hours = {
    ...ctx.officeHours,
    holidays: closedDays(ctx.officeHours.holidays),
    timeZone: ctx.timeZone,
  };
  part.conversations++;
  part.hours[hour] = (part.hours[hour] ?? 0) + 1;
  if (!isOpen(hours, at)) part.outside++;
  if (crisisOutsideOfficeHours(c, hours)) part.crisesOutside++;

  bump(part.outcomes, k.outcome);
  if (k.outcome === 'handed_over') bump(part.handedOverByReason, k.handoverReason ?? 'unknown');
  const handedOver = k.outcome === 'handed_over';
  for (const e of c.events) {
    if (e.type === 'bot_decision') {
      bump(part.decisions, e.p.kind);
      if (e.p.kind === 'fallback') bump(part.fallbackByReason, e.p.fallbackReason ?? 'unknown');
      if (!e.p.choice) bump(part.langQuestions, e.p.detectedLang);
    } else if (e.type === 'handover_requested') {
      part.handoverRequests++;
      bump(part.byQueue, e.p.queue);
    } else if (e.type === 'offline_offered') {
      bump(part.offlineOffered, e.p.reason);
    } else if (e.type === 'queue_left') {
      if (e.p.outcome === 'assigned') part.waits.push(e.p.waitedSeconds);
      else if (e.p.outcome === 'abandoned') part.abandonedAfter.push(e.p.waitedSeconds);
      else part.sentOffline++;
    } else if (e.type === 'closed' && e.p.state === 'assigned' && e.p.handledSeconds !== undefined) {
      part.handling.push(e.p.handledSeconds);
    } else if (e.type === 'ticket_created') {
      part.ticketsCreated.push({ ticketId: e.p.ticketId, email: e.p.email, phone: e.p.phone });
    } else if (e.type === 'ticket_answered') {
      const { ticketId, channel, secondsToAnswer } = e.p;
      part.ticketsAnswered.push({ ticketId, channel, secondsToAnswer });
    } else if (e.type === 'feedback') {
      if (e.p.target === 'bot') {
        addUpDown(part.feedbackBot, e.p.helpful);
        if (e.p.fileId) {
          const t = (part.feedbackByFile[e.p.fileId] ??= { up: 0, down: 0 });
          addUpDown(t, e.p.helpful);
        }
      } else if (handedOver) {
        addUpDown(part.afterHandover, e.p.helpful);
      }
    }
  }
  bump(part.langConversations, c.lang);
  for (const id of k.answeredFiles) bump(part.fileAnswers, id);

  // Contact types with no file links known: a link-dependent answer is kept by its set of files.
  const typed = impliedContactType(c, k, new Map());
  if (typed?.by === 'staff') bump(part.staffTypes, typed.type);
  else if (typed?.type === 'existing_case_info') part.personalHandovers++;
  else if (typed?.type === 'self_service_help') part.answeredWithLink++;
  else if (typed?.type === 'general_advice')
    bump(part.answeredFiles, [...new Set(k.answeredFiles)].sort().join('\n'));
  else part.untyped++;

  const questions = gapQuestionsOf(c);
  if (questions.length > 0) part.gaps.push({ startedAt: c.startedAt, id: c.id, questions });
}

/** The parts of a stretch of the log, by local day and department. */
export function partsOf(log: PeriodLog, ctx: PartContext): Map<string, Map<string, DayPart>> {
  const days = new Map<string, Map<string, DayPart>>();
  const partFor = (day: string, department: string): DayPart => {
    let byDepartment = days.get(day);
    if (!byDepartment) days.set(day, (byDepartment = new Map()));
    let part = byDepartment.get(department);
    if (!part) byDepartment.set(department, (part = emptyPart()));
    return part;
  };
  for (const c of log.conversations) {
    const at = new Date(c.startedAt);
    const local = DateTime.fromJSDate(at, { zone: ctx.timeZone });
    addConversation(partFor(local.toISODate() ?? '', departmentOf(c)), c, at, local.hour, ctx);
  }
  for (const s of log.skippedByStart) partFor(localDay(s.startedAt, ctx.timeZone), '').skipped += s.count;
  return days;
}

const addRecord = (into: Record<string, number>, from: Record<string, number>): void => {
  for (const [key, n] of Object.entries(from)) bump(into, key, n);
};

export interface DayParts {
  day: string;
  department: string;
  part: DayPart;
}

export interface FinalizeOptions {
  period: Period;
  files: readonly StatsFile[];
  gaps?: GapOptions;
  department?: string;
}

/** Statistics from the parts of a period's days, as computeStats gives them. */
export function finalizeParts(parts: readonly DayParts[], o: FinalizeOptions): Stats {
  const { period } = o;
  const perDay = new Map(period.days.map((d) => [d, 0]));
  const perHourOfWeek = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
  const sum = emptyPart();
  sum.outcomes = zeros(OUTCOMES);
  sum.handedOverByReason = zeros(HANDOVER_REASONS);
  sum.decisions = zeros(DECISION_KINDS);
  sum.fallbackByReason = zeros(FALLBACK_REASONS);
  sum.offlineOffered = zeros(OFFLINE_REASONS);
  const feedbackByFile = new Map<string, UpDown>();
  const fileAnswers = new Map<string, number>();
  const gaps: DayPart['gaps'] = [];
  // In order of day, so answered tickets and questions keep the order of the log.
  const ordered = [...parts].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  for (const { day, department, part: p } of ordered) {
    if (!perDay.has(day)) continue;
    sum.skipped += p.skipped;
    if (o.department !== undefined && department !== o.department) continue;
    perDay.set(day, (perDay.get(day) ?? 0) + p.conversations);
    const weekday = DateTime.fromISO(day, { zone: period.timeZone }).weekday - 1;
    const row = perHourOfWeek[weekday]!;
    p.hours.forEach((n, hour) => (row[hour] = (row[hour] ?? 0) + n));
    sum.conversations += p.conversations;
    sum.outside += p.outside;
    sum.crisesOutside += p.crisesOutside;
    addRecord(sum.outcomes, p.outcomes);
    addRecord(sum.handedOverByReason, p.handedOverByReason);
    addRecord(sum.decisions, p.decisions);
    addRecord(sum.fallbackByReason, p.fallbackByReason);
    sum.handoverRequests += p.handoverRequests;
    addRecord(sum.byQueue, p.byQueue);
    addRecord(sum.offlineOffered, p.offlineOffered);
    sum.sentOffline += p.sentOffline;
    sum.waits.push(...p.waits);
    sum.abandonedAfter.push(...p.abandonedAfter);
    sum.handling.push(...p.handling);
    sum.ticketsCreated.push(...p.ticketsCreated);
    sum.ticketsAnswered.push(...p.ticketsAnswered);
    sum.feedbackBot.up += p.feedbackBot.up;
    sum.feedbackBot.down += p.feedbackBot.down;
    for (const [fileId, t] of Object.entries(p.feedbackByFile)) {
      const into = feedbackByFile.get(fileId) ?? { up: 0, down: 0 };
      feedbackByFile.set(fileId, { up: into.up + t.up, down: into.down + t.down });
    }
    sum.afterHandover.up += p.afterHandover.up;
    sum.afterHandover.down += p.afterHandover.down;
    addRecord(sum.langConversations, p.langConversations);
    addRecord(sum.langQuestions, p.langQuestions);
    for (const [id, n] of Object.entries(p.fileAnswers)) fileAnswers.set(id, (fileAnswers.get(id) ?? 0) + n);
    addRecord(sum.staffTypes, p.staffTypes);
    sum.personalHandovers += p.personalHandovers;
    sum.answeredWithLink += p.answeredWithLink;
    addRecord(sum.answeredFiles, p.answeredFiles);
    sum.untyped += p.untyped;
    gaps.push(...p.gaps);
  }
  gaps.sort((a, b) =>
    a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  const withRequest = sum.conversations - (sum.outcomes.no_question ?? 0);
  return {
    period: { from: period.from, to: period.to, timeZone: period.timeZone },
    conversations: {
      total: sum.conversations,
      perDay: [...perDay].map(([date, count]) => ({ date, count })),
      perHourOfWeek,
      outsideOfficeHours: { count: sum.outside, share: ratio(sum.outside, sum.conversations) },
      crisesOutsideOfficeHours: sum.crisesOutside,
    },
    outcomes: {
      counts: sum.outcomes as Record<Outcome, number>,
      withRequest,
      handedOverByReason: sum.handedOverByReason,
      containmentRate: ratio(sum.outcomes.resolved ?? 0, withRequest),
      decisions: sum.decisions,
      fallbackByReason: sum.fallbackByReason,
    },
    queue: {
      handoverRequests: sum.handoverRequests,
      byQueue: sum.byQueue,
      assigned: sum.waits.length,
      abandoned: sum.abandonedAfter.length,
      sentOffline: sum.sentOffline,
      offlineOffered: sum.offlineOffered,
      waitSeconds: summarize(sum.waits),
      abandonedAfterSeconds: summarize(sum.abandonedAfter),
      handlingSeconds: summarize(sum.handling),
    },
    tickets: ticketFigures(sum.ticketsCreated, sum.ticketsAnswered),
    feedback: {
      bot: sum.feedbackBot,
      byFile: sortedByFile(feedbackByFile),
      afterHandover: {
        ...sum.afterHandover,
        satisfaction: ratio(sum.afterHandover.up, sum.afterHandover.up + sum.afterHandover.down),
      },
    },
    languages: {
      conversations: sortByCount(sum.langConversations),
      questions: sortByCount(sum.langQuestions),
    },
    files: fileUsageOf(fileAnswers, o.files),
    knowledgeGaps: groupGaps(
      gaps.flatMap((g) => g.questions),
      o.gaps,
    ),
    contactTypes: contactTypesOf(sum, o.files),
    skippedEvents: sum.skipped,
  };
}

function contactTypesOf(sum: DayPart, files: readonly StatsFile[]): Stats['contactTypes'] {
  const links = new Map(files.map((f) => [f.id, f.link]));
  const byType = Object.fromEntries(
    CONTACT_TYPES.map((t) => [t, { staff: 0, bot: 0, total: 0 }]),
  ) as Stats['contactTypes']['byType'];
  const byCategory: Record<ContactCategory, number> = { information: 0, interaction: 0, transaction: 0 };
  const add = (type: ContactType, by: 'staff' | 'bot', n: number): void => {
    byType[type][by] += n;
    byType[type].total += n;
    byCategory[CONTACT_CATEGORY[type]] += n;
  };
  for (const [type, n] of Object.entries(sum.staffTypes)) add(type as ContactType, 'staff', n);
  add('existing_case_info', 'bot', sum.personalHandovers);
  add('self_service_help', 'bot', sum.answeredWithLink);
  for (const [key, n] of Object.entries(sum.answeredFiles)) {
    const linked = key.split('\n').some((id) => links.get(id));
    add(linked ? 'self_service_help' : 'general_advice', 'bot', n);
  }
  return { byType, unclassified: sum.untyped, byCategory };
}

/** Parts for storing: JSON, and back. The shape is checked by its version in the fingerprint. */
export const partToJson = (p: DayPart): string => JSON.stringify(p);
export const partFromJson = (json: string): DayPart => ({ ...emptyPart(), ...(JSON.parse(json) as DayPart) });
