import type { Presence } from '../protocol.ts';

interface Entry {
  firstName: string;
  connections: number;
  status: 'online' | 'away';
}

/** Who is on duty, in memory: an agent with several tabs open counts once, until the last tab closes. */
export class PresenceRegistry {
  private readonly agents = new Map<number, Entry>();

  connect(agentId: number, firstName: string): void {
    const entry = this.agents.get(agentId);
    if (entry) entry.connections += 1;
    else this.agents.set(agentId, { firstName, connections: 1, status: 'online' });
  }

  /** Returns true when that was the agent's last connection. */
  disconnect(agentId: number): boolean {
    const entry = this.agents.get(agentId);
    if (!entry) return false;
    entry.connections -= 1;
    if (entry.connections > 0) return false;
    this.agents.delete(agentId);
    return true;
  }

  setStatus(agentId: number, status: 'online' | 'away'): void {
    const entry = this.agents.get(agentId);
    if (entry) entry.status = status;
  }

  of(agentId: number): Presence {
    const entry = this.agents.get(agentId);
    return entry ? entry.status : 'offline';
  }

  isConnected(agentId: number): boolean {
    return this.agents.has(agentId);
  }

  onlineCount(): number {
    let n = 0;
    for (const entry of this.agents.values()) if (entry.status === 'online') n++;
    return n;
  }

  list(): { id: number; firstName: string; presence: Presence }[] {
    return [...this.agents].map(([id, e]) => ({ id, firstName: e.firstName, presence: e.status }));
  }
}
