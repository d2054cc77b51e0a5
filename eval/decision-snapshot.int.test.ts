import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { decisionSnapshot, SNAPSHOT_FILE, type DecisionSnapshot } from './decision-snapshot.ts';

describe('decisions on every labelled set', () => {
  it('are the recorded ones (eval/snapshots/decisions.json), question by question', async () => {
    const recorded = JSON.parse(await readFile(SNAPSHOT_FILE, 'utf8')) as DecisionSnapshot;
    const today = await decisionSnapshot();
    expect(Object.keys(today).length).toBeGreaterThan(2000);
    const moved = Object.keys({ ...recorded, ...today }).filter((id) => recorded[id] !== today[id]);
    expect(
      moved.map((id) => ({ id, recorded: recorded[id], today: today[id] })),
      'regenerate with `npx tsx eval/decision-snapshot.ts --write` only for a change meant to move decisions',
    ).toEqual([]);
  }, 300_000);
});
