import { describe, expect, it } from 'vitest';
import type { VisitorStatus } from '../protocol.ts';
import { FakeClock } from '../test-support/fake-clock.ts';
import { mergeStatus, VisitorPresence, type VisitorsElsewhere } from './visitors.ts';

/** What another node would report, set by the test; and what this node told the others. */
class OtherNode implements VisitorsElsewhere {
  readonly seen = new Map<string, VisitorStatus>();
  readonly told: [string, VisitorStatus | undefined][] = [];
  status(id: string) {
    return this.seen.get(id);
  }
  changed(id: string, s: VisitorStatus | undefined) {
    this.told.push([id, s]);
  }
}

const at = (since: string, online: boolean): VisitorStatus => ({ online, since });

describe('mergeStatus', () => {
  it('is online if either is, since the earlier; else gone since the later', () => {
    expect(mergeStatus(at('b', true), at('a', true))).toEqual(at('a', true));
    expect(mergeStatus(at('a', false), at('b', true))).toEqual(at('b', true));
    expect(mergeStatus(at('a', false), at('b', false))).toEqual(at('b', false));
    expect(mergeStatus(undefined, at('a', false))).toEqual(at('a', false));
    expect(mergeStatus(undefined, undefined)).toBeUndefined();
  });
});

describe('VisitorPresence with other nodes', () => {
  const setup = () => {
    const clock = new FakeClock('2026-03-04T09:00:00.000Z');
    const other = new OtherNode();
    const gone: string[] = [];
    const visitors = new VisitorPresence(clock, 60_000, (id) => gone.push(id), other);
    return { clock, other, gone, visitors };
  };

  it('tells the others when its first page comes and its last goes', () => {
    const { other, visitors } = setup();
    visitors.connect('c1');
    visitors.connect('c1');
    expect(visitors.disconnect('c1', true)).toBeUndefined();
    expect(visitors.disconnect('c1', true)).toMatchObject({ online: false });
    expect(other.told.map(([, s]) => s?.online)).toEqual([true, false]);
  });

  it('does not take a citizen whose page is on another node for gone', () => {
    const { clock, other, gone, visitors } = setup();
    visitors.connect('c1');
    visitors.disconnect('c1', true);
    other.seen.set('c1', at('2026-03-04T09:00:10.000Z', true));
    clock.advance(60_000);
    expect(gone).toEqual([]);
    expect(visitors.status('c1')).toMatchObject({ online: true });
    // Nor after a restart, when every open chat is watched.
    visitors.watchAbsent('c1', clock.now().toISOString());
    clock.advance(60_000);
    expect(gone).toEqual([]);
  });

  it('still closes a ghost whose page is gone from every node', () => {
    const { clock, gone, visitors } = setup();
    visitors.connect('c1');
    visitors.disconnect('c1', true);
    clock.advance(60_000);
    expect(gone).toEqual(['c1']);
  });
});
