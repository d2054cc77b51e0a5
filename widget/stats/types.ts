/**
 * The JSON of GET /api/stats, as this page reads it. It mirrors server/analytics/stats-types.ts (the widget
 * may not import server code); only the fields shown here are listed.
 */
export interface Summary {
  count: number;
  p50: number | null;
  p90: number | null;
  mean: number | null;
}

export interface UpDown {
  up: number;
  down: number;
}

export interface Stats {
  period: { from: string; to: string; timeZone: string };
  conversations: {
    total: number;
    perDay: { date: string; count: number }[];
    perHourOfWeek: number[][];
    outsideOfficeHours: { count: number; share: number | null };
    crisesOutsideOfficeHours: number;
  };
  outcomes: {
    counts: Record<string, number>;
    withRequest: number;
    handedOverByReason: Record<string, number>;
    containmentRate: number | null;
    decisions: Record<string, number>;
    fallbackByReason: Record<string, number>;
  };
  queue: {
    handoverRequests: number;
    byQueue: Record<string, number>;
    assigned: number;
    abandoned: number;
    sentOffline: number;
    offlineOffered: Record<string, number>;
    waitSeconds: Summary;
    abandonedAfterSeconds: Summary;
    handlingSeconds: Summary;
  };
  tickets: {
    created: number;
    withEmail: number;
    withPhone: number;
    answered: number;
    open: number;
    answeredBy: { email: number; phone: number };
    secondsToAnswer: Summary;
  };
  feedback: {
    bot: UpDown;
    byFile: ({ fileId: string } & UpDown)[];
    afterHandover: UpDown & { satisfaction: number | null };
  };
  languages: { conversations: Record<string, number>; questions: Record<string, number> };
  files: {
    top: { fileId: string; title?: string; answers: number }[];
    neverUsed: { fileId: string; title?: string }[];
  };
  knowledgeGaps: { unanswered: number; groups: { size: number; terms: string[]; examples: string[] }[] };
  contactTypes: {
    byType: Record<string, { staff: number; bot: number; total: number }>;
    unclassified: number;
    byCategory: Record<string, number>;
  };
  skippedEvents: number;
}

/** GET /api/stats as JSON: the period's figures, the period before, and names for ids. */
export interface StatsResponse extends Stats {
  /** The queue the figures are filtered to, or null for all. */
  department: string | null;
  /** The same number of days just before the period. */
  previous: Stats;
  names: { queues: Record<string, string>; files: Record<string, string> };
}
