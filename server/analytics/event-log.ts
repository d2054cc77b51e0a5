import { z } from 'zod';
import type { Store } from '../store/store.ts';
import type { Period } from './period.ts';

/**
 * The parts of the interaction log (server/store/events.ts) that statistics read. Loose objects: fields added
 * later are ignored, and an event that lacks what is needed is skipped and counted rather than trusted.
 */
const SCHEMAS = {
  conversation_started: z.looseObject({ lang: z.string(), queue: z.string().nullish() }),
  bot_decision: z.looseObject({
    kind: z.string(),
    lang: z.string(),
    detectedLang: z.string(),
    fileId: z.string().optional(),
    handoverReason: z.string().optional(),
    fallbackReason: z.string().optional(),
    unanswered: z.boolean(),
    redacted: z.string(),
    choice: z.boolean().optional(),
    /** Not logged yet; honoured if the server starts logging the self-service link of an answer. */
    link: z.string().optional(),
  }),
  handover_requested: z.looseObject({
    reason: z.string(),
    queue: z.string(),
    priority: z.string().optional(),
  }),
  offline_offered: z.looseObject({ reason: z.string(), queue: z.string().nullish() }),
  queue_left: z.looseObject({
    queue: z.string().nullish(),
    outcome: z.enum(['assigned', 'offline', 'abandoned']),
    waitedSeconds: z.number().min(0),
  }),
  closed: z.looseObject({
    by: z.string(),
    state: z.string(),
    contactType: z.string().optional(),
    handledSeconds: z.number().min(0).optional(),
  }),
  feedback: z.looseObject({
    fileId: z.string().optional(),
    target: z.enum(['bot', 'agent', 'conversation']),
    helpful: z.boolean(),
  }),
  ticket_created: z.looseObject({
    ticketId: z.number(),
    queue: z.string(),
    email: z.boolean(),
    phone: z.boolean(),
  }),
  ticket_answered: z.looseObject({
    ticketId: z.number(),
    channel: z.enum(['email', 'phone']),
    secondsToAnswer: z.number().min(0),
    /** KOMHEN type staff chose when answering (issue 19). */
    contactType: z.string().optional(),
  }),
} as const;

type Schemas = typeof SCHEMAS;
export type ReadType = keyof Schemas;
export type LogEvent = { [K in ReadType]: { type: K; at: string; p: z.infer<Schemas[K]> } }[ReadType];
export type EventOf<K extends ReadType> = Extract<LogEvent, { type: K }>;

export interface ConversationLog {
  id: string;
  startedAt: string;
  lang: string;
  /** Every event read for the conversation, in the order it was logged (the start included). */
  events: LogEvent[];
}

export interface PeriodLog {
  conversations: ConversationLog[];
  /** Events of a known type whose payload did not have the expected shape. */
  skippedEvents: number;
  /** The same, per conversation start as logged (for daily rollups); sums to skippedEvents. */
  skippedByStart: { startedAt: string; count: number }[];
}

interface Row {
  type: string;
  conversation_id: string;
  payload: string;
  at: string;
}

const isReadType = (type: string): type is ReadType => Object.hasOwn(SCHEMAS, type);

function parse(row: Row): LogEvent | undefined | 'invalid' {
  if (!isReadType(row.type)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(row.payload);
  } catch {
    return 'invalid';
  }
  const parsed = SCHEMAS[row.type].safeParse(json);
  if (!parsed.success) return 'invalid';
  return { type: row.type, at: row.at, p: parsed.data } as LogEvent;
}

/**
 * The conversations that started in the period, each with everything logged about it — also what happened
 * after the period ended (a ticket answered the next week still belongs to that conversation's figures).
 */
export async function readPeriodLog(store: Store, period: Period): Promise<PeriodLog> {
  const rows: Row[] = await store.events.periodRows(period.startIso, period.endIso);
  const byId = new Map<string, LogEvent[]>();
  let skippedEvents = 0;
  const skippedOf = new Map<string, number>();
  const startOf = new Map<string, string>();
  for (const row of rows) {
    if (row.type === 'conversation_started' && row.at >= period.startIso && row.at < period.endIso)
      startOf.set(row.conversation_id, startOf.get(row.conversation_id) ?? row.at);
    const event = parse(row);
    if (event === 'invalid') {
      skippedEvents++;
      skippedOf.set(row.conversation_id, (skippedOf.get(row.conversation_id) ?? 0) + 1);
    }
    if (event === undefined || event === 'invalid') continue;
    let list = byId.get(row.conversation_id);
    if (!list) byId.set(row.conversation_id, (list = []));
    list.push(event);
  }
  const conversations: ConversationLog[] = [];
  for (const [id, events] of byId) {
    const start = events.find((e): e is EventOf<'conversation_started'> => e.type === 'conversation_started');
    // The start event chose the conversation, so it is only missing if its payload was malformed.
    if (!start || start.at < period.startIso || start.at >= period.endIso) continue;
    conversations.push({ id, startedAt: start.at, lang: start.p.lang, events });
  }
  conversations.sort((a, b) =>
    a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : a.id < b.id ? -1 : 1,
  );
  const skippedByStart = [...skippedOf].map(([id, count]) => ({ startedAt: startOf.get(id) ?? '', count }));
  return { conversations, skippedEvents, skippedByStart };
}

export function eventsOf<K extends ReadType>(c: ConversationLog, type: K): EventOf<K>[] {
  return c.events.filter((e): e is EventOf<K> => e.type === type);
}
