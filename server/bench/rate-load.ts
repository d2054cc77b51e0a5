/**
 * The load client of `npm run bench`, run in a process of its own: N citizen sockets, then steps at a fixed
 * rate of questions per second spread over all sockets (open loop: a question goes out when it is due,
 * whether or not earlier ones were answered, so a slow server cannot slow the load down and hide its own
 * latency). A reply's latency counts from when its question was due. The same client drives Svar and the
 * plain `ws` baseline, which speak the same frames.
 */
import WebSocket from 'ws';
import { percentiles, type Percentiles } from './ws-load.ts';

export interface RateStep {
  /** Questions per second asked. */
  rate: number;
  seconds: number;
  /** How long replies still count after the last question was due (default DRAIN_MS); a warm-up waits longer. */
  drainMs?: number;
}

export interface RateStepResult extends RateStep {
  sent: number;
  replied: number;
  /** Replies per second over the step (replies that came within the drain time after it). */
  repliesPerSecond: number;
  /** Absent for a failed step: the latencies of a server that cannot keep up are its queue, not its speed. */
  replyMs?: Percentiles;
  /** Why the step failed, when it did. */
  failed?: string;
  errorFrames: number;
}

/** After the last question is due, replies still count for this long. */
export const DRAIN_MS = 2_000;
/** A step keeps up when this share of its questions got their reply in the step plus the drain time. */
const KEEP_UP_SHARE = 0.99;
/** ...and its replies came this close to the rate asked. */
const KEEP_UP_RATE = 0.95;

let stepsRun = 0;

interface Citizen {
  ws: WebSocket;
  /** Due times of this socket's unanswered questions, oldest first (replies come in order per chat). */
  pending: number[];
}

export async function openCitizens(url: string, count: number, origin = url): Promise<Citizen[]> {
  const wsUrl = `${url.replace(/^http/, 'ws')}/ws/citizen`;
  const open = (): Promise<Citizen> =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(wsUrl, { headers: { origin } });
      const citizen: Citizen = { ws, pending: [] };
      const onWelcome = (data: WebSocket.RawData): void => {
        if ((JSON.parse(data.toString()) as { type: string }).type !== 'welcome') return;
        ws.off('message', onWelcome);
        resolve(citizen);
      };
      ws.on('message', onWelcome);
      ws.once('open', () => ws.send(JSON.stringify({ type: 'start', v: 1, lang: 'nb' })));
      ws.once('error', reject);
    });
  const out: Citizen[] = [];
  for (let i = 0; i < count; i += 100) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(100, count - i) }, open))));
  }
  return out;
}

export async function runRateStep(
  citizens: Citizen[],
  step: RateStep,
  questions: string[],
): Promise<RateStepResult> {
  const latencies: number[] = [];
  let errorFrames = 0;
  let replied = 0;
  const listeners = citizens.map((c) => {
    const listener = (data: WebSocket.RawData): void => {
      const frame = JSON.parse(data.toString()) as { type: string };
      if (frame.type === 'error') errorFrames += 1;
      if (frame.type !== 'bot') return;
      const due = c.pending.shift();
      if (due === undefined) return;
      replied += 1;
      latencies.push(performance.now() - due);
    };
    c.ws.on('message', listener);
    return listener;
  });
  const total = Math.round(step.rate * step.seconds);
  // Client ids unique across steps: the server stores a message once per client id, so a repeated one
  // would be acknowledged as a resend and get no reply.
  const stepNumber = ++stepsRun;
  const start = performance.now() + 50;
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const now = performance.now();
      while (sent < total && start + (sent / step.rate) * 1000 <= now) {
        const due = start + (sent / step.rate) * 1000;
        const c = citizens[sent % citizens.length] as Citizen;
        c.pending.push(due);
        c.ws.send(
          JSON.stringify({
            type: 'message',
            clientId: `r${stepNumber}-${sent}`,
            text: questions[sent % questions.length],
          }),
        );
        sent += 1;
      }
      if (sent < total) setTimeout(tick, 2);
      else resolve();
    };
    setTimeout(tick, 50);
  });
  const lastDue = start + ((total - 1) / step.rate) * 1000;
  while (replied < total && performance.now() < lastDue + (step.drainMs ?? DRAIN_MS)) {
    await new Promise((r) => setTimeout(r, 20));
  }
  const seconds = (performance.now() - start) / 1000;
  citizens.forEach((c, i) => {
    c.ws.off('message', listeners[i] as (data: WebSocket.RawData) => void);
    c.pending = [];
  });
  const repliesPerSecond = Math.round((replied / Math.max(seconds, step.seconds)) * 10) / 10;
  const failed = keepUpFailure({ total, done: replied, perSecond: repliesPerSecond, step, errorFrames });
  return {
    ...step,
    sent,
    replied,
    repliesPerSecond,
    ...(failed ? { failed } : { replyMs: percentiles(latencies) }),
    errorFrames,
  };
}

/**
 * Why a step did not keep up, or undefined when it did: the one rule for every load step of the bench, so a
 * server that falls behind is reported as failed and never as a latency.
 */
export function keepUpFailure(o: {
  total: number;
  done: number;
  perSecond: number;
  step: RateStep;
  errorFrames: number;
  noun?: string;
}): string | undefined {
  const noun = o.noun ?? 'replies';
  if (o.done < o.total * KEEP_UP_SHARE)
    return `${o.done} of ${o.total} ${noun} within ${DRAIN_MS / 1000} s after the step`;
  if (o.perSecond < o.step.rate * KEEP_UP_RATE) return `${o.perSecond} ${noun}/s of ${o.step.rate}`;
  if (o.errorFrames > 0) return `${o.errorFrames} error frames`;
  return undefined;
}

export function closeCitizens(citizens: Citizen[]): void {
  for (const c of citizens) c.ws.terminate();
}
