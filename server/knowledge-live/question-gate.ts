/**
 * Lets questions run side by side while a knowledge swap waits for those in flight, and holds new ones back
 * for the moment of the swap. A question spans several searches, so this is what makes every question see
 * one index version even though the lexical index is edited in place.
 */
export class QuestionGate {
  private inFlight = 0;
  private closed: { promise: Promise<void>; open: () => void } | undefined;
  private drained: (() => void) | undefined;

  async run<T>(question: () => Promise<T>): Promise<T> {
    while (this.closed) await this.closed.promise;
    this.inFlight += 1;
    try {
      return await question();
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0) this.drained?.();
    }
  }

  /**
   * Holds new questions back and resolves when none is in flight, or after `maxWaitMs` (a question that
   * hangs must not stop knowledge from going live). Returns the function that lets questions through again.
   */
  async close(maxWaitMs: number): Promise<() => void> {
    let open = (): void => {};
    const promise = new Promise<void>((resolve) => {
      open = resolve;
    });
    const gate = { promise, open };
    this.closed = gate;
    if (this.inFlight > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, maxWaitMs);
        this.drained = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.drained = undefined;
    }
    return () => {
      if (this.closed === gate) this.closed = undefined;
      gate.open();
    };
  }
}
