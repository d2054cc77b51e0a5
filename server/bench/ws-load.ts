/**
 * Websocket load for `npm run bench`: N citizens asking the bot, M agents taking handovers, against a
 * running Svar. Latencies are measured in this process from send to the matching frame.
 */
import WebSocket from 'ws';
import type { Config } from '../config/schema.ts';

export interface WsLoadOptions {
  /** http://host:port of the running app. */
  url: string;
  /** Origin header for citizen sockets; defaults to `url` (always allowed). */
  origin?: string;
  citizens: number;
  /** Staff accounts to log in with (agents or admins); one socket each. */
  staff: { username: string; password: string }[];
  /** Questions citizens ask, taken in turn. */
  questions: string[];
  /** Bot questions per citizen, one after another (default 3). */
  messagesPerCitizen?: number;
  /** Pace of the steady stream of bot questions across all citizens (default 200 a second). */
  questionsPerSecond?: number;
  /** Citizens who then ask for a person (default: as many as the agents can hold, at most a tenth). */
  handovers?: number;
  /** Pace at which citizens ask for a person (default 20 a second). */
  handoversPerSecond?: number;
  /** Messages each handed-over citizen sends to the agent (default 3). */
  messagesPerHandover?: number;
  /** Sockets opened at a time (default 100). */
  connectConcurrency?: number;
  /** Agents' concurrent chat limit as configured (default 4). */
  agentMaxChats?: number;
  timeoutMs?: number;
}

export interface Percentiles {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface WsLoadResult {
  citizensConnected: number;
  staffConnected: number;
  connectErrors: number;
  botReplyMs: Percentiles;
  agentMessageMs: Percentiles;
  /** Bot replies per second sustained during the bot phase (at most the requested pace). */
  botRepliesPerSecond: number;
  handoversClaimed: number;
  errorFrames: Record<string, number>;
  durationMs: number;
  /** Peak RSS of this process (includes the server when it runs in the same process). */
  peakRssMb: number;
}

/** Settings a benchmark app needs: no per-IP limits on loopback, every queue open all day. */
export function benchConfigPatch(config: Config): void {
  config.limits.maxConnectionsPerIp = 1_000_000;
  config.limits.framesPerMinutePerIp = 1_000_000_000;
  config.limits.frameBurstPerConnection = 1000;
  config.limits.framesPerSecondPerConnection = 1000;
  config.limits.loginAttemptsPer15Minutes = 10_000;
  config.limits.maxWaitingPerIp = 1_000_000;
  config.limits.maxWaitingTotal = 1_000_000;
  const allDay: [string, string][] = [['00:00', '24:00']];
  for (const name of Object.keys(config.schedules)) {
    config.schedules[name] = {
      mon: allDay,
      tue: allDay,
      wed: allDay,
      thu: allDay,
      fri: allDay,
      sat: allDay,
      sun: allDay,
    };
  }
  config.holidays = [];
  config.publicHolidays = false;
}

export function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  const round = (n: number): number => Math.round(n * 100) / 100;
  return {
    count: sorted.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    max: round(sorted.at(-1) ?? 0),
  };
}

// Frames are read loosely here: the benchmark only looks at a few fields and counts what it cannot use.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Frame = { type: string; [k: string]: any };

class Client {
  private listeners: ((f: Frame) => void)[] = [];
  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Frame;
      for (const l of [...this.listeners]) l(frame);
    });
  }
  on(fn: (f: Frame) => void): void {
    this.listeners.push(fn);
  }
  next(type: string, timeoutMs: number): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners = this.listeners.filter((l) => l !== listener);
        reject(new Error(`timed out waiting for ${type}`));
      }, timeoutMs);
      const listener = (f: Frame): void => {
        if (f.type !== type) return;
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== listener);
        resolve(f);
      };
      this.listeners.push(listener);
    });
  }
  send(frame: object): void {
    this.ws.send(JSON.stringify(frame));
  }
}

function open(url: string, headers: Record<string, string>): Promise<Client> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(new Client(ws)));
    ws.once('error', reject);
  });
}

async function inBatches<T>(
  count: number,
  size: number,
  fn: (i: number) => Promise<T>,
): Promise<PromiseSettledResult<T>[]> {
  const out: PromiseSettledResult<T>[] = [];
  for (let i = 0; i < count; i += size) {
    const batch = Array.from({ length: Math.min(size, count - i) }, (_, k) => fn(i + k));
    out.push(...(await Promise.allSettled(batch)));
  }
  return out;
}

async function login(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username}: HTTP ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

export async function runWsLoad(o: WsLoadOptions): Promise<WsLoadResult> {
  const started = performance.now();
  const timeout = o.timeoutMs ?? 30_000;
  const wsBase = o.url.replace(/^http/, 'ws');
  const origin = o.origin ?? o.url;
  const perCitizen = o.messagesPerCitizen ?? 3;
  const maxChats = o.agentMaxChats ?? 4;
  const handovers = Math.min(
    o.handovers ?? Math.min(o.staff.length * maxChats, Math.floor(o.citizens / 10)),
    o.citizens,
  );
  const perHandover = o.messagesPerHandover ?? 3;
  const errors: Record<string, number> = {};
  const countError = (f: Frame): void => {
    if (f.type === 'error') errors[f.code as string] = (errors[f.code as string] ?? 0) + 1;
  };
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);

  // Agents: claim whatever waits, up to their limit, and time citizens' messages as they arrive.
  const sentAt = new Map<string, number>();
  const agentLatencies: number[] = [];
  const attempted = new Set<string>();
  let claimed = 0;
  const staffSockets = (
    await Promise.allSettled(
      o.staff.map(async (s) => {
        const cookie = await login(o.url, s.username, s.password);
        const client = await open(`${wsBase}/ws/staff`, { cookie, origin: o.url });
        // Held chats plus claims sent and not yet answered, so an agent never asks for more than its limit.
        let load = 0;
        client.on((f) => {
          countError(f);
          if (f.type === 'assigned') {
            claimed++;
          } else if (f.type === 'error' && (f.code === 'already_claimed' || f.code === 'chat_limit')) {
            load--;
            attempted.delete(f.conversationId as string);
          } else if (f.type === 'queue') {
            for (const item of f.items as { conversationId: string }[]) {
              if (load >= maxChats || attempted.has(item.conversationId)) continue;
              attempted.add(item.conversationId);
              load++;
              client.send({ type: 'claim', conversationId: item.conversationId });
            }
          } else if (f.type === 'message') {
            const t0 = sentAt.get(f.item.text as string);
            if (t0 !== undefined) agentLatencies.push(performance.now() - t0);
          }
        });
        return client;
      }),
    )
  ).flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));

  const opened = await inBatches(o.citizens, o.connectConcurrency ?? 100, async () => {
    const c = await open(`${wsBase}/ws/citizen`, { origin });
    c.on(countError);
    const welcome = c.next('welcome', timeout);
    c.send({ type: 'start', v: 1, lang: 'nb' });
    await welcome;
    return c;
  });
  const citizens = opened.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));

  // Bot phase: a steady stream; question k of citizen i is due at (k·N + i) / rate, once its previous
  // answer has arrived.
  const botLatencies: number[] = [];
  const rate = o.questionsPerSecond ?? 200;
  const botStart = performance.now();
  await Promise.allSettled(
    citizens.map(async (c, i) => {
      for (let k = 0; k < perCitizen; k++) {
        const g = k * citizens.length + i;
        const wait = botStart + (g / rate) * 1000 - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const text = o.questions[g % o.questions.length]!;
        const reply = c.next('bot', timeout);
        const t0 = performance.now();
        c.send({ type: 'message', clientId: `q${i}-${k}`, text });
        await reply;
        botLatencies.push(performance.now() - t0);
      }
    }),
  );
  const botSeconds = (performance.now() - botStart) / 1000;

  // Handover phase: some citizens ask for a person, then talk to the agent who claims them.
  const handoverStart = performance.now();
  const handoverRate = o.handoversPerSecond ?? 20;
  await Promise.allSettled(
    citizens.slice(0, handovers).map(async (c, i) => {
      const wait = handoverStart + (i / handoverRate) * 1000 - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const joined = c.next('agent_joined', timeout);
      c.send({ type: 'human' });
      await joined;
      for (let k = 0; k < perHandover; k++) {
        const text = `bench h${i}-${k}`;
        const ack = c.next('ack', timeout);
        sentAt.set(text, performance.now());
        c.send({ type: 'message', clientId: `h${i}-${k}`, text });
        await ack;
      }
    }),
  );
  // Let the last agent-side frames arrive.
  await new Promise((r) => setTimeout(r, 200));

  for (const s of [...citizens, ...staffSockets]) s.ws.terminate();
  clearInterval(sampler);
  return {
    citizensConnected: citizens.length,
    staffConnected: staffSockets.length,
    connectErrors: o.citizens - citizens.length + (o.staff.length - staffSockets.length),
    botReplyMs: percentiles(botLatencies),
    agentMessageMs: percentiles(agentLatencies),
    botRepliesPerSecond: Math.round((botLatencies.length / Math.max(botSeconds, 0.001)) * 10) / 10,
    handoversClaimed: claimed,
    errorFrames: errors,
    durationMs: Math.round(performance.now() - started),
    peakRssMb: Math.round(peakRss / 1_048_576),
  };
}
