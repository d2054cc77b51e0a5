import type { CitizenServerFrame, StaffServerFrame } from '../protocol.ts';

/** How the handover and chat logic reach sockets; the websocket layer implements it. */
export interface Notifier {
  citizen(conversationId: string, frame: CitizenServerFrame): void;
  /** Every open staff connection of that agent. */
  agent(agentId: number, frame: StaffServerFrame): void;
  allStaff(frame: StaffServerFrame): void;
}
