/**
 * The load client of `npm run bench`'s rate steps, forked by scripts/bench.ts so it never shares a process
 * (or an event loop) with the server it measures. Receives `{ url, sockets, questions }`, opens the sockets
 * and says `connected`; then runs each `{ step }` it is sent and answers with its result; `stop` ends it.
 */
import {
  closeCitizens,
  openCitizens,
  runRateStep,
  type RateStep,
  type RateStepResult,
} from '../server/bench/rate-load.ts';

/** `url`: one server, or several nodes that share the sockets between them (interleaved, so each gets every other question). */
export type ClientRequest =
  { url: string | string[]; sockets: number; questions: string[] } | { step: RateStep } | 'stop';
export type ClientMessage = { connected: number } | { result: RateStepResult };

let citizens: Awaited<ReturnType<typeof openCitizens>> = [];
let questions: string[] = [];
process.on('message', (message: ClientRequest) => {
  void (async () => {
    if (message === 'stop') {
      closeCitizens(citizens);
      process.disconnect?.();
    } else if ('url' in message) {
      questions = message.questions;
      const urls = typeof message.url === 'string' ? [message.url] : message.url;
      const perNode = await Promise.all(
        urls.map((url, i) =>
          openCitizens(
            url,
            Math.floor(message.sockets / urls.length) + (i < message.sockets % urls.length ? 1 : 0),
          ),
        ),
      );
      citizens = Array.from({ length: Math.max(...perNode.map((l) => l.length)) }, (_, i) =>
        perNode.map((l) => l[i]),
      )
        .flat()
        .filter((c) => c !== undefined);
      process.send?.({ connected: citizens.length } satisfies ClientMessage);
    } else {
      process.send?.({
        result: await runRateStep(citizens, message.step, questions),
      } satisfies ClientMessage);
    }
  })();
});
