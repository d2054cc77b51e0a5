/**
 * The waiting-queue flood for `npm run bench` (issue 20): many citizens wait for a person and keep writing
 * while one staff console watches the list and other citizens ask the bot. Reports what the console has to
 * take in per second and what the flood does to everyone else's replies, against a baseline in the same run.
 */
import WebSocket from 'ws';
import { percentiles, type Percentiles } from './ws-load.ts';

export interface QueueLoadOptions {
  url: string;
  /** One staff account; its console only watches the queue. */
  staff: { username: string; password: string };
  /** Citizens waiting for a person (default 1000). */
  waiting?: number;
  /** Messages a second from the waiting citizens, all together (default 200). */
  messagesPerSecond?: number;
  /** Length of the flood (default 10 s). */
  seconds?: number;
  /** Citizens asking the bot meanwhile, and their questions (default 20 citizens, 10 questions a second). */
  normalCitizens?: number;
  normalQuestionsPerSecond?: number;
  questions: string[];
}

export interface QueueLoadResult {
  waiting: number;
  messagesSent: number;
  messagesPerSecond: number;
  /** What the staff console received during the flood. */
  staffBytesPerSecond: number;
  staffFramesPerSecond: number;
  /** Normal citizens' bot replies with nobody waiting, then during the flood. */
  normalReplyMsBaseline: Percentiles;
  normalReplyMsDuringFlood: Percentiles;
  errorFrames: Record<string, number>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Frame = { type: string; [k: string]: any };

function open(url: string, headers: Record<string, string>, onFrame: (f: Frame, bytes: number) => void) {
  return new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('message', (data: Buffer) => onFrame(JSON.parse(data.toString()) as Frame, data.length));
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

export async function runQueueLoad(o: QueueLoadOptions): Promise<QueueLoadResult> {
  const wsBase = o.url.replace(/^http/, 'ws');
  const origin = o.url;
  const waitingCount = o.waiting ?? 1000;
  const rate = o.messagesPerSecond ?? 200;
  const seconds = o.seconds ?? 10;
  const errors: Record<string, number> = {};
  const countError = (f: Frame) => {
    if (f.type === 'error') errors[f.code as string] = (errors[f.code as string] ?? 0) + 1;
  };

  const login = await fetch(`${o.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(o.staff),
  });
  if (!login.ok) throw new Error(`login: HTTP ${login.status}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  let staffBytes = 0;
  let staffFrames = 0;
  let counting = false;
  const console_ = await open(`${wsBase}/ws/staff`, { cookie, origin }, (f, bytes) => {
    countError(f);
    if (!counting) return;
    staffBytes += bytes;
    staffFrames += 1;
  });

  /** A citizen socket with a waiter per frame type. */
  const citizen = async () => {
    const waiters = new Map<string, ((f: Frame) => void)[]>();
    const ws = await open(`${wsBase}/ws/citizen`, { origin }, (f) => {
      countError(f);
      const list = waiters.get(f.type);
      const w = list?.shift();
      w?.(f);
    });
    const next = (type: string) =>
      new Promise<Frame>((resolve) => waiters.set(type, [...(waiters.get(type) ?? []), resolve]));
    const send = (frame: object) => ws.send(JSON.stringify(frame));
    const welcome = next('welcome');
    send({ type: 'start', v: 1, lang: 'nb' });
    await welcome;
    return { ws, next, send };
  };

  // The waiting list: citizens ask for a person, a hundred at a time.
  const waiting: Awaited<ReturnType<typeof citizen>>[] = [];
  for (let i = 0; i < waitingCount; i += 100) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(100, waitingCount - i) }, async () => {
        const c = await citizen();
        const queued = c.next('queue');
        c.send({ type: 'human' });
        await queued;
        return c;
      }),
    );
    waiting.push(...batch);
  }

  const normal = await Promise.all(Array.from({ length: o.normalCitizens ?? 20 }, () => citizen()));
  const askRate = o.normalQuestionsPerSecond ?? 10;
  let asked = 0;
  /** Normal citizens ask at a steady pace for `ms`; each reply's time from send to bot frame. */
  const ask = async (ms: number): Promise<number[]> => {
    const latencies: number[] = [];
    const start = performance.now();
    const total = Math.floor((ms / 1000) * askRate);
    await Promise.all(
      Array.from({ length: total }, async (_, k) => {
        await sleep(start + (k / askRate) * 1000 - performance.now());
        const c = normal[k % normal.length]!;
        const q = o.questions[asked++ % o.questions.length]!;
        const reply = c.next('bot');
        const t0 = performance.now();
        c.send({ type: 'message', clientId: `n${asked}`, text: q });
        await reply;
        latencies.push(performance.now() - t0);
      }),
    );
    return latencies;
  };

  // The bot's first answers are slow (cold caches): warm it up before the baseline is measured.
  await ask(2000);
  const baseline = await ask(Math.min(5, seconds) * 1000);

  counting = true;
  const floodStart = performance.now();
  let sent = 0;
  const total = Math.floor(seconds * rate);
  const flood = (async () => {
    for (let k = 0; k < total; k++) {
      await sleep(floodStart + (k / rate) * 1000 - performance.now());
      waiting[k % waiting.length]!.send({
        type: 'message',
        clientId: `w${k}`,
        text: `Jeg venter fortsatt ${k}`,
      });
      sent++;
    }
  })();
  const during = await ask(seconds * 1000);
  await flood;
  await sleep(500);
  counting = false;
  const floodSeconds = (performance.now() - floodStart) / 1000;

  for (const c of [...waiting, ...normal]) c.ws.terminate();
  console_.terminate();
  return {
    waiting: waiting.length,
    messagesSent: sent,
    messagesPerSecond: Math.round(sent / floodSeconds),
    staffBytesPerSecond: Math.round(staffBytes / floodSeconds),
    staffFramesPerSecond: Math.round((staffFrames / floodSeconds) * 10) / 10,
    normalReplyMsBaseline: percentiles(baseline),
    normalReplyMsDuringFlood: percentiles(during),
    errorFrames: errors,
  };
}
