import type { CitizenServerFrame, StaffServerFrame } from '../protocol.ts';

/**
 * Staff sessions that just ended (logout, password change, account disabled): one session by its token's
 * hash, or every session of one account but the one that asked.
 */
export type RevokedSessions = { tokenHash: string } | { staffId: number; exceptTokenHash?: string };

/** How the handover and chat logic reach sockets; the websocket layer implements it. */
export interface Notifier {
  citizen(conversationId: string, frame: CitizenServerFrame): void;
  /** Every open staff connection of that agent. */
  agent(agentId: number, frame: StaffServerFrame): void;
  allStaff(frame: StaffServerFrame): void;
  /** Closes the staff sockets of ended sessions at once, on every node (code 4401). */
  sessionRevoked(revoked: RevokedSessions): void;
}
