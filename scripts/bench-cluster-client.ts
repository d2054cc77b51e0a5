/**
 * The load client of `npm run bench`'s cluster part, forked by scripts/bench-cluster.ts so it never shares a
 * process with the servers it measures. Each request gets one answer; `stop` ends it, and so does losing the
 * parent, so no client outlives the bench.
 */
import {
  ClusterLoad,
  type ClusterLoadPlan,
  type DeliveryStep,
  type DeliveryStepResult,
  type ResumeReport,
  type TrafficReport,
} from '../server/bench/cluster-load.ts';

export type ClusterClientRequest =
  | { plan: ClusterLoadPlan }
  | { step: DeliveryStep }
  | { traffic: number }
  | { nodeDown: number }
  | { resumedWithinMs: number }
  | { nodeUp: number; url: string }
  | { stopTraffic: number }
  | 'stop';

export type ClusterClientMessage =
  | { ready: { citizens: number; agents: number; chats: number } }
  | { result: DeliveryStepResult }
  | { resumed: ResumeReport }
  | { traffic: TrafficReport }
  | { ok: true }
  | { error: string };

let load: ClusterLoad | undefined;
const reply = (m: ClusterClientMessage) => process.send?.(m);

async function handle(m: Exclude<ClusterClientRequest, 'stop'>): Promise<ClusterClientMessage> {
  if ('plan' in m) {
    load = new ClusterLoad(m.plan);
    return { ready: await load.setup() };
  }
  if (!load) throw new Error('no plan yet');
  if ('step' in m) return { result: await load.runStep(m.step) };
  if ('traffic' in m) load.startTraffic(m.traffic);
  else if ('nodeDown' in m) load.nodeDown(m.nodeDown);
  else if ('resumedWithinMs' in m) return { resumed: await load.resumed(m.resumedWithinMs) };
  else if ('nodeUp' in m) load.nodeUp(m.nodeUp, m.url);
  else if ('stopTraffic' in m) return { traffic: await load.stopTraffic(m.stopTraffic) };
  return { ok: true };
}

process.on('message', (m: ClusterClientRequest) => {
  if (m === 'stop') {
    load?.close();
    process.disconnect?.();
    return;
  }
  handle(m).then(reply, (error: unknown) => reply({ error: String((error as Error)?.stack ?? error) }));
});
process.on('disconnect', () => {
  load?.close();
  process.exit(0);
});
