import type { Notifier, RevokedSessions } from '../handover/notifier.ts';
import type { CitizenServerFrame, StaffServerFrame } from '../protocol.ts';

/** Keeps every frame the handover logic sends, for tests that run without sockets. */
export class RecordingNotifier implements Notifier {
  readonly citizens: { conversationId: string; frame: CitizenServerFrame }[] = [];
  readonly agents: { agentId: number; frame: StaffServerFrame }[] = [];
  readonly broadcasts: StaffServerFrame[] = [];
  readonly revoked: RevokedSessions[] = [];

  citizen(conversationId: string, frame: CitizenServerFrame): void {
    this.citizens.push({ conversationId, frame });
  }
  agent(agentId: number, frame: StaffServerFrame): void {
    this.agents.push({ agentId, frame });
  }
  allStaff(frame: StaffServerFrame): void {
    this.broadcasts.push(frame);
  }
  sessionRevoked(revoked: RevokedSessions): void {
    this.revoked.push(revoked);
  }

  toCitizen(conversationId: string): CitizenServerFrame[] {
    return this.citizens.filter((c) => c.conversationId === conversationId).map((c) => c.frame);
  }
  toAgent(agentId: number): StaffServerFrame[] {
    return this.agents.filter((a) => a.agentId === agentId).map((a) => a.frame);
  }
}
