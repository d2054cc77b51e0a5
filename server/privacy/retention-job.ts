import type { Clock, TimerHandle } from '../handover/clock.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import { runRetention, type RetentionResult } from './retention.ts';

export interface RetentionJobOptions {
  store: Store;
  retention: { conversationTextDays: number; eventsDays: number };
  clock: Clock;
  log: Logger;
  /** Between runs; default six hours, so nothing outlives its period by more than that. */
  intervalMs?: number;
  /** Before the first run; default one minute, to keep start-up quick. */
  firstRunMs?: number;
  /** Several nodes: a scheduled run goes ahead only on the node that gets this lease (see server/cluster). */
  lease?: (name: string, ttlMs: number) => Promise<boolean>;
}

export interface RetentionJob {
  /** Runs now, outside the schedule (e.g. from an admin action). */
  runNow(): Promise<RetentionResult | undefined>;
  stop(): void;
}

/** The server's retention timer: runs `runRetention` shortly after start and then at a fixed interval. */
export function startRetentionJob(o: RetentionJobOptions): RetentionJob {
  const interval = o.intervalMs ?? 6 * 3_600_000;
  let timer: TimerHandle | undefined;
  let stopped = false;

  const runNow = async (): Promise<RetentionResult | undefined> => {
    try {
      return await runRetention(o.store, {
        conversationTextDays: o.retention.conversationTextDays,
        eventDays: o.retention.eventsDays,
        now: o.clock.now(),
        log: o.log,
      });
    } catch (error) {
      // A failed run (e.g. the database busy) is retried at the next tick rather than stopping the server.
      o.log.error('retention run failed', error);
      return undefined;
    }
  };
  // The lease outlives this run and most of the interval, so one run per interval happens in the cluster.
  const runScheduled = async (): Promise<void> => {
    try {
      if (o.lease && !(await o.lease('retention', interval * 0.9))) {
        o.log.info('retention: another node has this run');
        return;
      }
    } catch (error) {
      o.log.error('retention lease unavailable; run skipped', error);
      return;
    }
    await runNow();
  };
  const schedule = (ms: number) => {
    timer = o.clock.setTimeout(() => {
      timer = undefined;
      if (stopped) return;
      void runScheduled();
      schedule(interval);
    }, ms);
  };
  schedule(o.firstRunMs ?? 60_000);

  return {
    runNow,
    stop() {
      stopped = true;
      if (timer) o.clock.clearTimeout(timer);
      timer = undefined;
    },
  };
}
