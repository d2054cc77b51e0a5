import type { ChatLang } from '../../server/protocol.ts';
import type { DemoAgent } from './agent.ts';
import type { DemoClock } from './demo-clock.ts';
import {
  agentBye,
  agentGreeting,
  agentReply,
  citizenReply,
  citizenThanks,
  closeNote,
  contactTypeFor,
  demoEmail,
  demoPhone,
} from './lines.ts';
import type { Persona } from './personas.ts';
import type { QuestionPools } from './questions.ts';
import type { Random } from './random.ts';
import { DemoSocket, type Frame } from './socket.ts';

/** What happened, as the demo saw it (the statistics page counts from the server's own log). */
export interface Tally {
  conversations: number;
  questions: number;
  feedback: number;
  handovers: number;
  chatsHandled: number;
  /** Ended the chat while waiting: what /stats counts as "left the queue". */
  abandoned: number;
  /** Closed the page while waiting; the wait limit then moved the chat to the offline form. */
  closedPageWaiting: number;
  offlineForms: number;
  tickets: number;
  ticketsAnswered: number;
}

export const emptyTally = (): Tally => ({
  conversations: 0,
  questions: 0,
  feedback: 0,
  handovers: 0,
  chatsHandled: 0,
  abandoned: 0,
  closedPageWaiting: 0,
  offlineForms: 0,
  tickets: 0,
  ticketsAnswered: 0,
});

export interface DemoWorld {
  url: string;
  clock: DemoClock;
  random: Random;
  questions: QuestionPools;
  agent: DemoAgent;
  /** The configured wait limit: waiting longer sends the citizen to the offline form. */
  maxWaitSeconds: number;
  tally: Tally;
}

/** How long a citizen waits before an agent takes the chat: usually minutes, now and then longer. */
const WAIT_SECONDS: readonly (readonly [readonly [number, number], number])[] = [
  [[20, 90], 35],
  [[90, 240], 35],
  [[240, 480], 20],
  [[480, 780], 10],
];

/** Seconds to type `text`: a few characters a second, and a moment to think first. */
const typingSeconds = (text: string, random: Random): number =>
  Math.min(150, 6 + text.length / random.between(3, 6));

/** One citizen in the widget: opens the chat, follows the persona, and reacts to what really comes back. */
class CitizenChat {
  private sent = 0;
  private conversationId = '';
  /** Handed over (to a person or the offline form): the bot part of the chat is over. */
  private handedOverAlready = false;

  constructor(
    private readonly w: DemoWorld,
    private readonly socket: DemoSocket,
    readonly lang: ChatLang,
  ) {}

  async start(): Promise<void> {
    this.socket.send({ type: 'start', v: 1, lang: this.lang });
    const welcome = await this.socket.next('welcome');
    this.conversationId = welcome.conversationId as string;
    this.w.tally.conversations++;
  }

  /** True while the bot is still the one answering. */
  get withBot(): boolean {
    return !this.handedOverAlready;
  }

  private async write(text: string): Promise<void> {
    this.w.clock.pass(typingSeconds(text, this.w.random));
    const clientId = `c${++this.sent}`;
    this.socket.send({ type: 'message', clientId, text });
    await this.socket.next('ack', (f) => f.clientId === clientId);
  }

  /** Asks the bot, then does what a citizen does with the reply. */
  async ask(text: string): Promise<void> {
    await this.write(text);
    this.w.tally.questions++;
    await this.react(await this.socket.next('bot'), text);
  }

  private async react(reply: Frame, question: string): Promise<void> {
    const { clock, random } = this.w;
    if (reply.kind === 'handover') {
      const next = await this.socket.next(['queue', 'offline']);
      return this.handedOver(next, question, (reply.emergency?.length ?? 0) > 0);
    }
    const suggestions = Array.isArray(reply.suggestions) ? reply.suggestions : [];
    if (reply.kind === 'clarify' && suggestions.length > 0 && random.chance(0.65)) {
      clock.pass(random.between(8, 40));
      const clientId = `c${++this.sent}`;
      const choice = random.chance(0.7) ? suggestions[0] : random.pick(suggestions);
      this.socket.send({ type: 'choose', fileId: choice.fileId, clientId });
      await this.socket.next('ack', (f) => f.clientId === clientId);
      return this.react(await this.socket.next('bot'), question);
    }
    clock.pass(random.between(15, 30) + String(reply.text ?? '').length / 25);
    if (reply.kind === 'answer' && reply.askFeedback) {
      const r = random.next();
      if (r < 0.42) await this.feedback(r < 0.31, reply.messageId as number);
    }
  }

  private async feedback(helpful: boolean, messageId?: number): Promise<void> {
    this.socket.send({ type: 'feedback', helpful, ...(messageId ? { messageId } : {}) });
    await this.socket.next('feedback_saved');
    this.w.tally.feedback++;
  }

  /** "Talk to a person" in the widget. */
  async askForHuman(question: string): Promise<void> {
    this.w.clock.pass(this.w.random.between(5, 40));
    this.socket.send({ type: 'human' });
    await this.handedOver(await this.socket.next(['queue', 'offline']), question, false);
  }

  private async handedOver(frame: Frame, question: string, crisis: boolean): Promise<void> {
    const { clock, random, agent, tally } = this.w;
    tally.handovers++;
    this.handedOverAlready = true;
    if (frame.type === 'offline') return this.offlineForm(question, crisis);
    if (!agent.available) {
      // Nobody here to take it: the wait limit sends the citizen to the offline form.
      clock.pass(this.w.maxWaitSeconds + 1);
      await this.socket.next('offline');
      return this.offlineForm(question, crisis);
    }
    const r = random.next();
    if (!crisis && r < 0.1) {
      clock.pass(random.between(45, 420));
      this.socket.send({ type: 'end' });
      await this.socket.next('closed');
      tally.abandoned++;
      return;
    }
    if (!crisis && r < 0.13) {
      // Closes the page while waiting; the wait limit later moves the chat on.
      clock.pass(random.between(30, 200));
      tally.closedPageWaiting++;
      return;
    }
    const [min, max] = crisis ? ([10, 60] as const) : random.weighted(WAIT_SECONDS);
    clock.pass(random.between(min, max));
    const claimed = await agent.claim(this.conversationId);
    await this.socket.next('agent_joined');
    await this.talkToAgent(claimed.reason ?? 'human_request', crisis);
  }

  private async talkToAgent(reason: string, crisis: boolean): Promise<void> {
    const { clock, random, agent } = this.w;
    const id = this.conversationId;
    const agentSays = async (text: string, think: [number, number]): Promise<void> => {
      clock.pass(random.between(...think));
      await agent.say(id, text);
      await this.socket.next('agent');
    };
    const citizenSays = async (text: string): Promise<void> => {
      await this.write(text);
      await agent.heard(id);
    };
    await agentSays(agentGreeting(this.lang, agent.firstName, crisis), [10, 45]);
    const rounds = random.int(1, 3);
    for (let i = 0; i < rounds; i++) {
      await citizenSays(citizenReply(this.lang, random));
      await agentSays(agentReply(this.lang, random), [45, 240]);
    }
    await citizenSays(citizenThanks(this.lang, random));
    await agentSays(agentBye(this.lang), [10, 40]);
    clock.pass(random.between(20, 90));
    const type = contactTypeFor(reason, random);
    await agent.close(id, type, closeNote(type));
    await this.socket.next('closed');
    this.w.tally.chatsHandled++;
    if (random.chance(0.45)) {
      clock.pass(random.between(5, 30));
      await this.feedback(random.chance(0.85));
    }
  }

  private async offlineForm(question: string, crisis: boolean): Promise<void> {
    const { clock, random, tally } = this.w;
    tally.offlineForms++;
    if (!random.chance(crisis ? 0.3 : 0.72)) return;
    clock.pass(random.between(40, 150));
    const contact = random.chance(0.75) ? { email: demoEmail(random) } : { phone: demoPhone(random) };
    this.socket.send({ type: 'leave_message', question, ...contact, consent: true });
    await this.socket.next('ticket_created');
    tally.tickets++;
  }

  /** Leaves: with the widget's "end chat" now and then, otherwise by closing the page. */
  async finish(): Promise<void> {
    if (this.handedOverAlready) return;
    this.w.clock.pass(this.w.random.between(5, 60));
    if (this.w.random.chance(0.3)) {
      this.socket.send({ type: 'end' });
      await this.socket.next('closed');
    }
  }
}

/** One chat, start to end, through the citizen websocket. */
export async function runConversation(w: DemoWorld, persona: Persona): Promise<void> {
  const { random, questions } = w;
  const kind =
    persona === 'handover'
      ? 'handover'
      : persona === 'fallback'
        ? 'fallback'
        : persona === 'smalltalk'
          ? 'smalltalk'
          : persona === 'followUp'
            ? 'followUp'
            : 'answer';
  const first = questions.draw(kind, random);
  const socket = await DemoSocket.open(`${w.url.replace(/^http/, 'ws')}/ws/citizen`, { origin: w.url });
  try {
    const chat = new CitizenChat(w, socket, first.widgetLang);
    await chat.start();
    const more = async (n: number) => {
      for (let i = 0; i < n && chat.withBot; i++) {
        w.clock.pass(random.between(20, 120));
        await chat.ask(questions.draw('answer', random, chat.lang).text);
      }
    };
    switch (persona) {
      case 'browse':
        w.clock.pass(random.between(5, 40));
        break;
      case 'humanButton':
        await chat.askForHuman(first.text);
        break;
      case 'followUp':
        for (const earlier of first.context) if (chat.withBot) await chat.ask(earlier);
        if (chat.withBot) await chat.ask(first.text);
        break;
      case 'answerMore':
        await chat.ask(first.text);
        await more(random.int(1, 2));
        break;
      case 'answerThenHuman':
        await chat.ask(first.text);
        if (chat.withBot) await chat.askForHuman(first.text);
        break;
      case 'fallback': {
        await chat.ask(first.text);
        const r = random.next();
        if (chat.withBot && r < 0.35) await chat.askForHuman(first.text);
        else if (r < 0.65) await more(1);
        break;
      }
      case 'smalltalk':
        await chat.ask(first.text);
        if (random.chance(0.6)) await more(1);
        break;
      default:
        await chat.ask(first.text);
    }
    await chat.finish();
  } finally {
    await socket.close();
  }
}
