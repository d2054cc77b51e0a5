import type { Config } from '../config/schema.ts';
import { closedDaysSpec } from '../handover/closed-days.ts';
import type { Store } from '../store/store.ts';
import { contactTypeStats } from './contact-types.ts';
import { classifyConversation } from './conversation-outcome.ts';
import { departmentOf } from './department.ts';
import { readPeriodLog } from './event-log.ts';
import { feedbackStats } from './feedback-stats.ts';
import { fileUsage, type StatsFile } from './file-usage.ts';
import { knowledgeGaps, type GapOptions } from './knowledge-gaps.ts';
import { languageStats } from './language-stats.ts';
import { outcomeStats } from './outcomes.ts';
import { resolvePeriod } from './period.ts';
import { queueStats, ticketStats } from './queue-stats.ts';
import type { Stats } from './stats-types.ts';
import { volumeStats, type OfficeHours } from './volume.ts';

export interface StatsOptions {
  /** Local dates YYYY-MM-DD, both included. */
  from: string;
  to: string;
  /** The municipality's IANA zone: days, hours and office hours are local. */
  timeZone: string;
  officeHours: OfficeHours;
  /** The knowledge files as now loaded, for titles, self-service links and "never used". */
  files?: readonly StatsFile[];
  gaps?: GapOptions;
  /** Only conversations of this department (queue id; see department.ts). */
  department?: string;
}

/**
 * Statistics for the conversations that started in the period, from the interaction log alone. The log
 * holds redacted text only; the one piece of text that reaches the output (knowledge-gap examples) is
 * redacted once more on the way out.
 */
export async function computeStats(store: Store, o: StatsOptions): Promise<Stats> {
  const period = resolvePeriod(o, o.timeZone);
  const files = o.files ?? [];
  const log = await readPeriodLog(store, period);
  const { skippedEvents } = log;
  const conversations =
    o.department === undefined
      ? log.conversations
      : log.conversations.filter((c) => departmentOf(c) === o.department);
  const classified = conversations.map(classifyConversation);
  return {
    period: { from: period.from, to: period.to, timeZone: period.timeZone },
    conversations: volumeStats(conversations, period, o.officeHours),
    outcomes: outcomeStats(conversations, classified),
    queue: queueStats(conversations),
    tickets: ticketStats(conversations),
    feedback: feedbackStats(conversations, classified),
    languages: languageStats(conversations),
    files: fileUsage(classified, files),
    knowledgeGaps: knowledgeGaps(conversations, o.gaps),
    contactTypes: contactTypeStats(conversations, classified, files),
    skippedEvents,
  };
}

/**
 * "Office hours" for statistics are those of the default queue (the switchboard that answers general
 * questions), with the configured holidays.
 */
export function officeHoursFromConfig(config: Config, queueId = config.queues.default): OfficeHours {
  const queue = config.queues.list.find((q) => q.id === queueId);
  const schedule = queue ? config.schedules[queue.schedule] : undefined;
  if (!schedule) throw new Error(`no schedule for queue "${queueId}"`);
  return { schedule, holidays: closedDaysSpec(config) };
}
