/**
 * How long a staff socket may act on a session it checked without checking again. The staff CLI (another
 * process) disables accounts and changes passwords straight in the database; this bounds how long a socket
 * can go on after that, without a database read for every frame.
 */
export const SESSION_RECHECK_MS = 5000;

/** WebSocket close code for "your session has ended": the console goes back to its login form. */
export const SESSION_ENDED_CLOSE = 4401;

type End = () => void;

/**
 * The open staff sockets of each session, so that ending a session (logout, password change, account
 * disabled) in this process closes them at once instead of at their next session check.
 */
export class LiveSessions {
  private readonly byToken = new Map<string, { staffId: number; ends: Set<End> }>();

  /** Registers a socket's way of ending itself; returns the function that unregisters it. */
  add(tokenHash: string, staffId: number, end: End): () => void {
    let entry = this.byToken.get(tokenHash);
    if (!entry) {
      entry = { staffId, ends: new Set() };
      this.byToken.set(tokenHash, entry);
    }
    entry.ends.add(end);
    return () => {
      const e = this.byToken.get(tokenHash);
      if (!e) return;
      e.ends.delete(end);
      if (e.ends.size === 0) this.byToken.delete(tokenHash);
    };
  }

  endToken(tokenHash: string): void {
    const entry = this.byToken.get(tokenHash);
    this.byToken.delete(tokenHash);
    for (const end of entry?.ends ?? []) end();
  }

  /** Every session of one account, but `keepTokenHash` (the one that asked for it). */
  endStaff(staffId: number, keepTokenHash?: string): void {
    for (const [hash, entry] of [...this.byToken]) {
      if (entry.staffId === staffId && hash !== keepTokenHash) this.endToken(hash);
    }
  }
}
