import { describe, expect, it } from 'vitest';
import type { Fence, KnowledgeLock } from '../store/knowledge-lock.ts';
import { createSerial } from './serial.ts';

const tick = () => new Promise((r) => setImmediate(r));

describe('the change queue on one node', () => {
  it('runs one change at a time, in order, and a failed one does not stop the next', async () => {
    const serial = createSerial();
    const log: string[] = [];
    const step = (name: string, fail = false) =>
      serial(async () => {
        log.push(`${name} in`);
        await tick();
        log.push(`${name} out`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([step('a'), step('b', true), step('c')]);
    expect(log).toEqual(['a in', 'a out', 'b in', 'b out', 'c in', 'c out']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('gives the work a fence that lets the write through when there is no cluster lock', async () => {
    const serial = createSerial();
    expect(await serial(async (fence) => (await fence(), 'written'))).toBe('written');
  });

  it('takes the cluster lock once per change, after this node’s earlier change is done', async () => {
    const log: string[] = [];
    let refused = false;
    const lock = (async <T>(work: (fence: Fence) => Promise<T>): Promise<T> => {
      log.push('lock');
      try {
        return await work(async () => {
          if (refused) throw new Error('lost');
        });
      } finally {
        log.push('unlock');
      }
    }) as KnowledgeLock;
    const serial = createSerial(lock);
    await Promise.all([
      serial(async () => void log.push('first')),
      serial(async () => void log.push('second')),
    ]);
    expect(log).toEqual(['lock', 'first', 'unlock', 'lock', 'second', 'unlock']);
    refused = true;
    await expect(serial(async (fence) => fence())).rejects.toThrow('lost');
  });
});
