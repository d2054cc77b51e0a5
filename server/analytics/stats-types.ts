import type { ContactType } from '../protocol.ts';

/** Count, median and 90th percentile (nearest rank) and mean of a set of durations in seconds. */
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

export type ContactCategory = 'information' | 'interaction' | 'transaction';

/** Where a conversation ended up; every conversation in the period has exactly one. */
export type Outcome =
  'resolved' | 'answered_not_helpful' | 'clarified' | 'handed_over' | 'fallback' | 'no_question';

export interface GapGroup {
  size: number;
  /** The content terms most of the group's questions share (stemmed and folded, as the index sees them). */
  terms: string[];
  /** Redacted questions, most frequent first. */
  examples: string[];
}

/** Figures for one period, read from the redacted interaction log only. */
export interface Stats {
  period: { from: string; to: string; timeZone: string };
  conversations: {
    total: number;
    /** Every local day of the period, zeros included. */
    perDay: { date: string; count: number }[];
    /** [weekday][hour] in local time, Monday = 0. */
    perHourOfWeek: number[][];
    outsideOfficeHours: { count: number; share: number | null };
    /** Conversations whose crisis handover was asked for while the office was closed. */
    crisesOutsideOfficeHours: number;
  };
  outcomes: {
    counts: Record<Outcome, number>;
    /** Conversations with at least one question to the bot, or a request for a person. */
    withRequest: number;
    handedOverByReason: Record<string, number>;
    /** resolved / withRequest. */
    containmentRate: number | null;
    /** Every bot decision, not per conversation. */
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
    /** Waiting time of those an agent took. */
    waitSeconds: Summary;
    /** How long those who gave up waited. */
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
    /** Feedback on agents or the whole chat, in conversations that were handed over. */
    afterHandover: UpDown & { satisfaction: number | null };
  };
  languages: {
    /** The language the citizen chose in the widget. */
    conversations: Record<string, number>;
    /** The language the bot detected, per typed question. */
    questions: Record<string, number>;
  };
  files: {
    /** Answers per knowledge file, most used first. */
    top: { fileId: string; title?: string; answers: number }[];
    neverUsed: { fileId: string; title?: string }[];
  };
  knowledgeGaps: { unanswered: number; groups: GapGroup[] };
  contactTypes: {
    byType: Record<ContactType, { staff: number; bot: number; total: number }>;
    /** Conversations neither staff nor the bot's decisions put a type on (e.g. a fallback and nothing more). */
    unclassified: number;
    byCategory: Record<ContactCategory, number>;
  };
  /** Malformed events that were left out. */
  skippedEvents: number;
}
