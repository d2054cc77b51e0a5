/**
 * The load client of `npm run bench`'s cluster part, run in a process of its own
 * (scripts/bench-cluster-client.ts): citizens spread over the nodes, agents who hold their chats on other
 * nodes than the citizens, open-loop delivery steps either way, and traffic that goes on while a node is
 * killed, with the widget's resume and resend. Latency counts from when a message was due to when the other
 * side got it, both sockets being in this process.
 */
import WebSocket from 'ws';
import { DRAIN_MS, keepUpFailure } from './rate-load.ts';
import { percentiles, type Percentiles } from './ws-load.ts';

// Frames are read loosely here: the load looks at a few fields only.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Frame = { type: string; [key: string]: any };

export interface ClusterLoadPlan {
  /** http://host:port of every node, by index. */
  nodes: string[];
  citizens: number;
  /** Each agent's account and the node its console connects to. */
  agents: { username: string; password: string; node: number }[];
  /** Chats each agent takes; their citizens are on other nodes than the agent. */
  chatsPerAgent: number;
}

export type Direction = 'citizen-to-agent' | 'agent-to-citizen';

export interface DeliveryStep {
  direction: Direction;
  /** Messages per second, spread over all chats. */
  rate: number;
  seconds: number;
}

export interface DeliveryStepResult extends DeliveryStep {
  sent: number;
  delivered: number;
  deliveredPerSecond: number;
  /** Absent for a failed step. */
  deliveryMs?: Percentiles;
  failed?: string;
  errorFrames: number;
}

export interface ResumeReport {
  citizens: number;
  agents: number;
  /**
   * From the moment the node was about to be killed to each citizen's welcome on another node, the widget's
   * wait before reconnecting (0.5–1 s) included.
   */
  resumeMs: number[];
  /** Acknowledged messages a resumed citizen's history did not hold. */
  lostAtResume: number;
  /** Citizens or agents that could not reconnect in time. */
  notResumed: number;
}

export interface TrafficReport {
  sent: number;
  acknowledged: number;
  /** Still unacknowledged after the wait at the end (the widget would keep resending them). */
  unacknowledged: number;
  /** Acknowledged message ids by conversation, for the check against the database. */
  acked: Record<string, number[]>;
  /** Client ids sent during the traffic, by conversation: each should be stored once. */
  clientIds: Record<string, string[]>;
  unexpectedCloses: number;
}

type Next = (type: string, match?: (f: Frame) => boolean, timeoutMs?: number) => Promise<Frame>;

interface Citizen {
  node: number;
  ws: WebSocket;
  next: Next;
  conversationId: string;
  token: string;
  agent?: Agent;
  /** Sent and not yet acknowledged, by client id, in the order sent (resent in that order). */
  unacked: Map<string, string>;
  acked: number[];
  sentIds: string[];
  resuming: boolean;
}

interface Agent {
  username: string;
  password: string;
  node: number;
  cookie: string;
  ws: WebSocket;
  next: Next;
  chats: Citizen[];
  resuming: boolean;
}

type Waiter = { type: string; match: (f: Frame) => boolean; resolve: (f: Frame) => void };

/** One socket's frames, parsed once, to waiters first and then to the load's own handler. */
function frames(ws: WebSocket, onFrame: (f: Frame) => void): Next {
  const waiters: Waiter[] = [];
  ws.on('message', (data: WebSocket.RawData) => {
    const f = JSON.parse(data.toString()) as Frame;
    const i = waiters.findIndex((w) => w.type === f.type && w.match(f));
    if (i >= 0) waiters.splice(i, 1)[0]?.resolve(f);
    onFrame(f);
  });
  return (type, match = () => true, timeoutMs = 30_000) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const i = waiters.indexOf(waiter);
        if (i >= 0) waiters.splice(i, 1);
        reject(new Error(`no ${type} frame within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter: Waiter = {
        type,
        match,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f);
        },
      };
      waiters.push(waiter);
    });
}

/** A socket slot before its first connection. */
const unconnected = (): { ws: WebSocket; next: Next } => ({
  ws: undefined as unknown as WebSocket,
  next: () => Promise.reject(new Error('not connected')),
});

const wsUrl = (url: string, path: string) => `${url.replace(/^http/, 'ws')}${path}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function opened(ws: WebSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

async function login(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login of ${username} on ${url}: HTTP ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** Runs `fn` over `items`, `limit` at a time. */
async function inBatches<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += limit) await Promise.all(items.slice(i, i + limit).map(fn));
}

export class ClusterLoad {
  private readonly nodes: string[];
  private readonly alive: boolean[];
  private citizens: Citizen[] = [];
  private agents: Agent[] = [];
  private chats: Citizen[] = [];
  private seq = 0;
  private errorFrames = 0;
  private unexpectedCloses = 0;
  /** Due time of each message in flight during a step, by its text (unique per message). */
  private due = new Map<string, number>();
  private latencies: number[] = [];
  private traffic: { timer: NodeJS.Timeout; sent: number } | undefined;
  private cycle: { at: number; report: ResumeReport; waiting: Set<Citizen | Agent> } | undefined;
  private nextTarget = 0;
  /** Set by `close`: sockets closing now are not reconnected. */
  private closing = false;

  constructor(private readonly plan: ClusterLoadPlan) {
    this.nodes = [...plan.nodes];
    this.alive = plan.nodes.map(() => true);
  }

  /** Agents log in and connect, citizens connect, and each chat is handed over to its agent. */
  async setup(): Promise<{ citizens: number; agents: number; chats: number }> {
    for (const a of this.plan.agents) {
      const agent: Agent = { ...a, cookie: '', ...unconnected(), chats: [], resuming: false };
      agent.cookie = await login(this.nodes[a.node]!, a.username, a.password);
      await this.connectAgent(agent, a.node);
      this.agents.push(agent);
    }
    await this.waitForPresence();
    const indexes = Array.from({ length: this.plan.citizens }, (_, i) => i);
    await inBatches(indexes, 100, async (i) => {
      const node = i % this.nodes.length;
      const citizen: Citizen = {
        node,
        ...unconnected(),
        conversationId: '',
        token: '',
        unacked: new Map(),
        acked: [],
        sentIds: [],
        resuming: false,
      };
      await this.connectCitizen(citizen, node);
      this.citizens[i] = citizen;
    });
    // Each agent takes chats from the citizens of the next node round, never of its own node.
    const free = this.nodes.map((_, n) => this.citizens.filter((c) => c.node === n));
    for (const agent of this.agents) {
      const others = this.nodes.map((_, n) => n).filter((n) => n !== agent.node);
      for (let k = 0; k < this.plan.chatsPerAgent; k++) {
        const from = others[k % others.length]!;
        const citizen = free[from]!.shift();
        if (!citizen) break;
        citizen.agent = agent;
        agent.chats.push(citizen);
        this.chats.push(citizen);
      }
    }
    await inBatches(this.chats, 10, (c) => this.handOver(c));
    return { citizens: this.citizens.length, agents: this.agents.length, chats: this.chats.length };
  }

  private async connectAgent(agent: Agent, node: number): Promise<void> {
    const url = this.nodes[node]!;
    const ws = new WebSocket(wsUrl(url, '/ws/staff'), { headers: { cookie: agent.cookie, origin: url } });
    const next = frames(ws, (f) => this.onAgentFrame(f));
    const hello = next('hello');
    await opened(ws);
    await hello;
    agent.ws = ws;
    agent.next = next;
    agent.node = node;
    ws.on('close', () => this.onClose(agent));
  }

  private async connectCitizen(citizen: Citizen, node: number): Promise<Frame> {
    const url = this.nodes[node]!;
    const ws = new WebSocket(wsUrl(url, '/ws/citizen'), { headers: { origin: url } });
    const next = frames(ws, (f) => this.onCitizenFrame(citizen, f));
    const welcome = next('welcome');
    await opened(ws);
    ws.send(
      JSON.stringify({
        type: 'start',
        v: 1,
        lang: 'nb',
        ...(citizen.token ? { resumeToken: citizen.token } : {}),
      }),
    );
    const w = await welcome;
    if (citizen.conversationId && w.conversationId !== citizen.conversationId)
      throw new Error(`resumed ${String(w.conversationId)} instead of ${citizen.conversationId}`);
    citizen.conversationId = w.conversationId as string;
    citizen.token = w.resumeToken as string;
    citizen.ws = ws;
    citizen.next = next;
    citizen.node = node;
    ws.on('close', () => this.onClose(citizen));
    return w;
  }

  /** Until every node counts all agents online: presence travels through Redis. */
  private async waitForPresence(): Promise<void> {
    const cookie = this.agents[0]?.cookie ?? '';
    for (const url of this.nodes) {
      for (let i = 0; ; i++) {
        const res = await fetch(`${url}/api/staff/health`, { headers: { cookie } });
        const body = (await res.json()) as { agentsOnline?: number };
        if ((body.agentsOnline ?? 0) >= this.agents.length) break;
        if (i > 600) throw new Error(`${url} never saw ${this.agents.length} agents online`);
        await sleep(100);
      }
    }
  }

  private async handOver(c: Citizen): Promise<void> {
    const agent = c.agent!;
    const queued = c.next('queue');
    c.ws.send(JSON.stringify({ type: 'human' }));
    await queued;
    const joined = c.next('agent_joined');
    const assigned = agent.next('assigned', (f) => f.conversation?.conversationId === c.conversationId);
    agent.ws.send(JSON.stringify({ type: 'claim', conversationId: c.conversationId }));
    await Promise.all([joined, assigned]);
  }

  private onCitizenFrame(c: Citizen, f: Frame): void {
    if (f.type === 'ack') {
      if (c.unacked.delete(f.clientId as string)) c.acked.push(f.messageId as number);
    } else if (f.type === 'agent') this.delivered(f.text as string);
    else if (f.type === 'error') this.errorFrames += 1;
  }

  private onAgentFrame(f: Frame): void {
    if (f.type === 'message' && f.item?.role === 'citizen') this.delivered(f.item.text as string);
    else if (f.type === 'error') this.errorFrames += 1;
  }

  private delivered(text: string): void {
    const due = this.due.get(text);
    if (due === undefined) return;
    this.due.delete(text);
    this.latencies.push(performance.now() - due);
  }

  private citizenSends(c: Citizen, text: string): void {
    const clientId = `m${++this.seq}`;
    c.unacked.set(clientId, text);
    c.sentIds.push(clientId);
    if (c.ws.readyState === WebSocket.OPEN && !c.resuming)
      c.ws.send(JSON.stringify({ type: 'message', clientId, text }));
  }

  private agentSends(c: Citizen, text: string): void {
    const agent = c.agent!;
    if (agent.ws.readyState !== WebSocket.OPEN) return;
    agent.ws.send(
      JSON.stringify({ type: 'send', conversationId: c.conversationId, clientId: `a${++this.seq}`, text }),
    );
  }

  /** One open-loop step: messages go out when due, whether or not earlier ones arrived. */
  async runStep(step: DeliveryStep): Promise<DeliveryStepResult> {
    this.due.clear();
    this.latencies = [];
    const errorsBefore = this.errorFrames;
    const total = Math.round(step.rate * step.seconds);
    const start = performance.now() + 50;
    const prefix = step.direction === 'citizen-to-agent' ? 'til saksbehandler' : 'til innbygger';
    let sent = 0;
    await new Promise<void>((resolve) => {
      const tick = (): void => {
        const now = performance.now();
        while (sent < total && start + (sent / step.rate) * 1000 <= now) {
          const chat = this.chats[sent % this.chats.length]!;
          const text = `${prefix} ${step.rate}-${sent}`;
          this.due.set(text, start + (sent / step.rate) * 1000);
          if (step.direction === 'citizen-to-agent') this.citizenSends(chat, text);
          else this.agentSends(chat, text);
          sent += 1;
        }
        if (sent < total) setTimeout(tick, 2);
        else resolve();
      };
      setTimeout(tick, 50);
    });
    const lastDue = start + ((total - 1) / step.rate) * 1000;
    while (this.latencies.length < total && performance.now() < lastDue + DRAIN_MS) await sleep(20);
    const delivered = this.latencies.length;
    const seconds = (performance.now() - start) / 1000;
    const deliveredPerSecond = Math.round((delivered / Math.max(seconds, step.seconds)) * 10) / 10;
    const errorFrames = this.errorFrames - errorsBefore;
    const failed = keepUpFailure({
      total,
      done: delivered,
      perSecond: deliveredPerSecond,
      step,
      errorFrames,
      noun: 'deliveries',
    });
    const latencies = this.latencies;
    this.due.clear();
    return {
      ...step,
      sent,
      delivered,
      deliveredPerSecond,
      ...(failed ? { failed } : { deliveryMs: percentiles(latencies) }),
      errorFrames,
    };
  }

  /** Citizen messages at `rate` a second over all chats until `stopTraffic`. */
  startTraffic(rate: number): void {
    let sent = 0;
    const start = performance.now();
    const timer = setInterval(() => {
      const due = Math.floor(((performance.now() - start) / 1000) * rate);
      for (; sent < due; sent++) {
        const chat = this.chats[sent % this.chats.length]!;
        this.citizenSends(chat, `under trafikk ${sent}`);
      }
      if (this.traffic) this.traffic.sent = sent;
    }, 10);
    this.traffic = { timer, sent: 0 };
    for (const c of this.chats) {
      c.acked = [];
      c.sentIds = [];
    }
  }

  /** The orchestrator is about to kill node `n`: its sockets go elsewhere from now on. */
  nodeDown(n: number): void {
    this.alive[n] = false;
    const waiting = new Set<Citizen | Agent>([
      ...this.citizens.filter((c) => c.node === n),
      ...this.agents.filter((a) => a.node === n),
    ]);
    this.cycle = {
      at: performance.now(),
      waiting,
      report: {
        citizens: [...waiting].filter((x) => 'conversationId' in x).length,
        agents: [...waiting].filter((x) => !('conversationId' in x)).length,
        resumeMs: [],
        lostAtResume: 0,
        notResumed: 0,
      },
    };
  }

  nodeUp(n: number, url: string): void {
    this.nodes[n] = url;
    this.alive[n] = true;
  }

  /** Until everything that was on the killed node is back on another one, or `timeoutMs`. */
  async resumed(timeoutMs: number): Promise<ResumeReport> {
    const cycle = this.cycle;
    if (!cycle) throw new Error('no node is down');
    const until = performance.now() + timeoutMs;
    while (cycle.waiting.size > 0 && performance.now() < until) await sleep(20);
    cycle.report.notResumed = cycle.waiting.size;
    this.cycle = undefined;
    return cycle.report;
  }

  private target(avoid: number): number {
    for (let i = 0; i < this.nodes.length; i++) {
      const n = this.nextTarget++ % this.nodes.length;
      if (n !== avoid && this.alive[n]) return n;
    }
    return avoid;
  }

  /** A socket closed: as the widget and the console do, connect to another node and carry on. */
  private onClose(x: Citizen | Agent): void {
    if (x.resuming || this.closing) return;
    const expected = !this.alive[x.node];
    if (!expected) this.unexpectedCloses += 1;
    x.resuming = true;
    void this.reconnect(x, expected ? this.target(x.node) : x.node);
  }

  private async reconnect(x: Citizen | Agent, first: number): Promise<void> {
    let node = first;
    for (let attempt = 0; attempt < 10 && !this.closing; attempt++) {
      // The widget's and the console's wait before each try (widget/shared/reconnecting-socket.ts):
      // exponential from one second, half of it random, so a node's citizens do not all come back at once.
      const base = Math.min(30_000, 1000 * 2 ** attempt);
      await sleep(base / 2 + (Math.random() * base) / 2);
      if (this.closing) return;
      try {
        if ('conversationId' in x) {
          const welcome = await this.connectCitizen(x, node);
          const at = performance.now();
          const held = new Set((welcome.history as { messageId: number }[]).map((h) => h.messageId));
          const lost = x.acked.filter((id) => !held.has(id)).length;
          if (this.cycle?.waiting.delete(x)) {
            this.cycle.report.resumeMs.push(at - this.cycle.at);
            this.cycle.report.lostAtResume += lost;
          }
          x.resuming = false;
          // What was never acknowledged goes again, under the same client ids: the server stores each once.
          for (const [clientId, text] of x.unacked)
            x.ws.send(JSON.stringify({ type: 'message', clientId, text }));
        } else {
          await this.connectAgent(x, node);
          x.resuming = false;
          this.cycle?.waiting.delete(x);
        }
        return;
      } catch {
        node = this.target(node);
      }
    }
  }

  /** Stops the traffic and waits up to `timeoutMs` for what is still unacknowledged. */
  async stopTraffic(timeoutMs: number): Promise<TrafficReport> {
    if (this.traffic) clearInterval(this.traffic.timer);
    const sent = this.traffic?.sent ?? 0;
    this.traffic = undefined;
    const pending = () => this.chats.reduce((n, c) => n + c.unacked.size, 0);
    const until = performance.now() + timeoutMs;
    while (pending() > 0 && performance.now() < until) await sleep(50);
    const acked: Record<string, number[]> = {};
    const clientIds: Record<string, string[]> = {};
    for (const c of this.chats) {
      acked[c.conversationId] = c.acked;
      clientIds[c.conversationId] = c.sentIds;
    }
    return {
      sent,
      acknowledged: this.chats.reduce((n, c) => n + c.acked.length, 0),
      unacknowledged: pending(),
      acked,
      clientIds,
      unexpectedCloses: this.unexpectedCloses,
    };
  }

  close(): void {
    this.closing = true;
    for (const x of [...this.citizens, ...this.agents]) x.ws?.terminate();
  }
}
