import type { ContactType } from '../../server/protocol.ts';
import type { DemoClock } from './demo-clock.ts';
import { PHONE_NOTE, ticketAnswer } from './lines.ts';
import type { Random } from './random.ts';
import { DemoSocket } from './socket.ts';

interface OpenTicket {
  id: number;
  lang: string;
  email: string | null;
  createdAt: string;
}

/**
 * The demo's staff member on duty, using the staff console's own routes: POST /api/login for the session,
 * the staff websocket for presence and chats, and the ticket routes for offline messages.
 */
export class DemoAgent {
  private socket: DemoSocket | undefined;
  private session: { cookie: string; csrf: string } | undefined;
  private presence: 'online' | 'away' = 'online';
  private sent = 0;
  firstName = '';

  constructor(
    private readonly o: { url: string; username: string; password: string; clock: DemoClock; random: Random },
  ) {}

  /** Connected and not on a break: a handover now will reach this agent. */
  get available(): boolean {
    return this.socket !== undefined && this.presence === 'online';
  }

  get onShift(): boolean {
    return this.socket !== undefined;
  }

  async startShift(): Promise<void> {
    const res = await fetch(`${this.o.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: this.o.username, password: this.o.password }),
    });
    if (!res.ok) throw new Error(`login as ${this.o.username}: HTTP ${res.status}`);
    const body = (await res.json()) as { csrfToken: string };
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    this.session = { cookie, csrf: body.csrfToken };
    const socket = await DemoSocket.open(`${this.o.url.replace(/^http/, 'ws')}/ws/staff`, {
      origin: this.o.url,
      cookie,
    });
    const hello = await socket.next('hello');
    this.firstName = hello.me.firstName as string;
    this.socket = socket;
    this.presence = 'online';
  }

  async setPresence(status: 'online' | 'away'): Promise<void> {
    const socket = this.live();
    socket.drain();
    socket.send({ type: 'presence', status });
    await socket.next('agents', (f) =>
      (f.agents as { firstName: string; presence: string }[]).some(
        (a) => a.firstName === this.firstName && a.presence === status,
      ),
    );
    this.presence = status;
  }

  async endShift(): Promise<void> {
    await this.socket?.close();
    this.socket = undefined;
    if (!this.session) return;
    const { cookie, csrf } = this.session;
    // The server notices the closed socket on its own time; wait until it no longer counts the agent in
    // (the staff health details need the session, so before logging out).
    let offline = false;
    for (let i = 0; i < 200 && !offline; i++) {
      const res = await fetch(`${this.o.url}/api/staff/health`, { headers: { cookie } });
      const health = (await res.json()) as { agentsOnline: number };
      offline = health.agentsOnline === 0;
      if (!offline) await new Promise((r) => setTimeout(r, 10));
    }
    if (!offline) throw new Error('the server still counts the agent as online after the shift');
    const res = await fetch(`${this.o.url}/api/logout`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf },
    });
    if (!res.ok) throw new Error(`logout: HTTP ${res.status}`);
    this.session = undefined;
  }

  /** Takes the chat; returns why it came to a person, as the console shows it. */
  async claim(conversationId: string): Promise<{ reason: string | null }> {
    const socket = this.live();
    socket.send({ type: 'claim', conversationId });
    const assigned = await socket.next('assigned', (f) => f.conversation.conversationId === conversationId);
    return { reason: assigned.conversation.reason as string | null };
  }

  async say(conversationId: string, text: string): Promise<void> {
    const socket = this.live();
    const clientId = `demo-${++this.sent}`;
    socket.send({ type: 'send', conversationId, clientId, text });
    await socket.next('ack', (f) => f.clientId === clientId);
  }

  /** Waits until the citizen's latest message has reached the console. */
  async heard(conversationId: string): Promise<void> {
    await this.live().next(
      'message',
      (f) => f.conversationId === conversationId && f.item.role === 'citizen',
    );
  }

  async close(conversationId: string, contactType: ContactType, note: string): Promise<void> {
    const socket = this.live();
    socket.send({ type: 'close', conversationId, contactType, note });
    await socket.next('conversation_closed', (f) => f.conversationId === conversationId);
  }

  /**
   * Works through the offline messages, oldest first, a few minutes each; some wait for a later round.
   * E-mail addresses get an e-mail, phone numbers a call that is then marked done. Returns how many.
   */
  async answerTickets(): Promise<number> {
    const { clock, random, url } = this.o;
    if (!this.session) return 0;
    const headers = { cookie: this.session.cookie, 'content-type': 'application/json' };
    const res = await fetch(`${url}/api/staff/tickets`, { headers });
    if (!res.ok) throw new Error(`ticket list: HTTP ${res.status}`);
    const { tickets } = (await res.json()) as { tickets: OpenTicket[] };
    const due = tickets
      .filter((t) => Date.parse(t.createdAt) < clock.now().getTime())
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    let answered = 0;
    for (const t of due) {
      if (random.chance(0.15)) continue;
      clock.pass(random.between(90, 420));
      const body = t.email
        ? { channel: 'email', text: ticketAnswer(t.lang) }
        : { channel: 'phone', note: PHONE_NOTE };
      const answer = await fetch(`${url}/api/staff/tickets/${t.id}/answer`, {
        method: 'POST',
        headers: { ...headers, 'x-csrf-token': this.session.csrf },
        body: JSON.stringify(body),
      });
      if (!answer.ok)
        throw new Error(`answering ticket ${t.id}: HTTP ${answer.status} ${await answer.text()}`);
      answered++;
    }
    return answered;
  }

  private live(): DemoSocket {
    if (!this.socket) throw new Error('the demo agent is not on shift');
    return this.socket;
  }
}
