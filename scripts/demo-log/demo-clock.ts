import { FakeClock } from '../../server/test-support/fake-clock.ts';

/**
 * The server's clock during the demo: it stands still while the demo's sockets talk to the server and moves
 * only when a citizen or the agent "takes their time". Timers due on the way (the queue's wait limit, the
 * retention job) fire in order, as they would have in real time.
 */
export class DemoClock extends FakeClock {
  /** Moves on to `at`; never backwards (a chat that starts while the last one runs starts right away). */
  advanceTo(at: Date): void {
    const ms = at.getTime() - this.now().getTime();
    if (ms > 0) this.advance(ms);
  }

  pass(seconds: number): void {
    this.advance(Math.round(seconds * 1000));
  }
}
