import { describe, expect, it } from 'vitest';
import { breakdown, type CpuProfile } from './bench-profile.ts';

/** A profile from call stacks (root first) and the microseconds sampled at each stack's leaf. */
function profile(stacks: [string[], number][]): CpuProfile {
  const nodes: CpuProfile['nodes'] = [
    { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: 0 }, children: [] },
  ];
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  for (const [stack, us] of stacks) {
    let parent = nodes[0]!;
    for (const frame of stack) {
      const [functionName = '', url = ''] = frame.split('@');
      const id = nodes.length + 1;
      nodes.push({ id, callFrame: { functionName, url, lineNumber: 0 }, children: [] });
      parent.children!.push(id);
      parent = nodes[id - 1]!;
    }
    samples.push(parent.id);
    timeDeltas.push(us);
  }
  return { nodes, samples, timeDeltas, startTime: 0, endTime: 0 };
}

describe('breakdown', () => {
  it('counts a sample where its stack says the work was asked for, the first rule first', () => {
    const { parts } = breakdown(
      profile([
        [['decide@file:///svar/bot/decide.ts', 'scan@file:///svar/bot/safety/matcher.ts'], 30],
        // decide()'s work after an await has no decide frame on its stack.
        [['retrieveAndJudge@file:///svar/bot/decide.ts', 'search@file:///svar/knowledge/retrieval.ts'], 20],
        // A SQLite statement run for a learning signal is learning's, not the store's.
        [
          [
            'decided@file:///svar/server/learning/recorder.ts',
            'run@file:///svar/server/store/sqlite-driver.ts',
            'run@',
          ],
          5,
        ],
        [
          [
            'deliver@file:///svar/server/chat/citizen-session.ts',
            'run@file:///svar/server/store/sqlite-driver.ts',
            'run@',
          ],
          10,
        ],
        [['onFrame@file:///svar/server/ws/citizen-socket.ts', 'parse@'], 4],
        [['(garbage collector)@'], 6],
        // The profiler's own work and idle time are left out.
        [['post@node:inspector'], 100],
        [['(idle)@'], 1000],
      ]),
    );
    expect(Object.fromEntries(parts)).toEqual({
      'decide()': 50,
      'learning signals': 5,
      'store (SQLite)': 10,
      'JSON parse / stringify': 4,
      'garbage collection': 6,
    });
  });
});
