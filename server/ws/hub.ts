import { LiveSessions } from '../auth/live-sessions.ts';
import type { Notifier, RevokedSessions } from '../handover/notifier.ts';
import type { CitizenServerFrame, StaffServerFrame } from '../protocol.ts';

/** Something frames can be written to: one open websocket. */
export interface Sink {
  send(data: string): void;
}

function add<K>(map: Map<K, Set<Sink>>, key: K, sink: Sink): void {
  const set = map.get(key);
  if (set) set.add(sink);
  else map.set(key, new Set([sink]));
}

function remove<K>(map: Map<K, Set<Sink>>, key: K, sink: Sink): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(sink);
  if (set.size === 0) map.delete(key);
}

/** Which sockets belong to which conversation or agent; serialises each frame once however many get it. */
export class Hub implements Notifier {
  private readonly citizens = new Map<string, Set<Sink>>();
  private readonly agents = new Map<number, Set<Sink>>();

  /** `sessions`: this node's open staff sockets by session, which `sessionRevoked` closes. */
  constructor(readonly sessions = new LiveSessions()) {}

  joinCitizen(conversationId: string, sink: Sink): void {
    add(this.citizens, conversationId, sink);
  }
  leaveCitizen(conversationId: string, sink: Sink): void {
    remove(this.citizens, conversationId, sink);
  }
  joinStaff(agentId: number, sink: Sink): void {
    add(this.agents, agentId, sink);
  }
  leaveStaff(agentId: number, sink: Sink): void {
    remove(this.agents, agentId, sink);
  }

  citizen(conversationId: string, frame: CitizenServerFrame): void {
    this.sendAll(this.citizens.get(conversationId), frame);
  }
  agent(agentId: number, frame: StaffServerFrame): void {
    this.sendAll(this.agents.get(agentId), frame);
  }
  allStaff(frame: StaffServerFrame): void {
    if (this.agents.size === 0) return;
    const data = JSON.stringify(frame);
    for (const set of this.agents.values()) for (const sink of set) sink.send(data);
  }

  sessionRevoked(revoked: RevokedSessions): void {
    if ('tokenHash' in revoked) this.sessions.endToken(revoked.tokenHash);
    else this.sessions.endStaff(revoked.staffId, revoked.exceptTokenHash);
  }

  private sendAll(set: Set<Sink> | undefined, frame: object): void {
    if (!set) return;
    const data = JSON.stringify(frame);
    for (const sink of set) sink.send(data);
  }
}
