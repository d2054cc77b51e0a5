import { describe, expect, it, vi } from 'vitest';
import { QuestionGate } from './question-gate.ts';

const deferred = () => {
  let resolve = (): void => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

describe('QuestionGate', () => {
  it('waits for questions in flight, holds new ones until it opens again', async () => {
    const gate = new QuestionGate();
    const order: string[] = [];
    const slow = deferred();
    const first = gate.run(async () => {
      await slow.promise;
      order.push('first done');
    });
    const closing = gate.close(60_000).then((open) => {
      order.push('closed');
      return open;
    });
    const second = gate.run(async () => {
      order.push('second ran');
    });
    await Promise.resolve();
    expect(order).toEqual([]);
    slow.resolve();
    const open = await closing;
    expect(order).toEqual(['first done', 'closed']);
    open();
    await Promise.all([first, second]);
    expect(order).toEqual(['first done', 'closed', 'second ran']);
  });

  it('closes at once when nothing is in flight, and gives up waiting on a question that hangs', async () => {
    const gate = new QuestionGate();
    (await gate.close(10))();
    const hung = gate.run(() => new Promise<never>(() => {}));
    vi.useFakeTimers();
    try {
      const closing = gate.close(10);
      await vi.advanceTimersByTimeAsync(10);
      (await closing)();
    } finally {
      vi.useRealTimers();
    }
    expect(await gate.run(async () => 'through')).toBe('through');
    void hung;
  });
});
