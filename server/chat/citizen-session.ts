import { randomUUID } from 'node:crypto';
import type { Decision } from '../../bot/types.ts';
import type { Config } from '../config/schema.ts';
import { ERROR_MESSAGES } from '../error-messages.ts';
import type { Clock } from '../handover/clock.ts';
import type { Notifier } from '../handover/notifier.ts';
import { isQueue, routeQueue } from '../handover/routing.ts';
import type { HandoverService } from '../handover/service.ts';
import type { Logger } from '../log.ts';
import { mailErrorCode, type Mailer } from '../mail/mailer.ts';
import {
  CHAT_LANGS,
  ERROR_CODES,
  type ChatLang,
  type CitizenClientFrame,
  type CitizenServerFrame,
  type ErrorCode,
} from '../protocol.ts';
import type { Conversation } from '../store/conversations.ts';
import type { EventPayloads } from '../store/events.ts';
import type { NewMessage, StoredMessage } from '../store/messages.ts';
import { isStorageError, type Store } from '../store/store.ts';
import { serverTexts } from '../texts.ts';
import { take, type Limiters } from '../ws/rate-limit.ts';
import { transcriptHtml, transcriptText } from '../transcript/render.ts';
import { botMeta, decisionEvent, toContext } from './bot-turn.ts';
import { unattendedCrisisReply } from './crisis-alone.ts';
import { recordNotice } from './notices.ts';
import { topicsFor } from './topics.ts';
import { toHistoryItem } from './history.ts';
import { hasRealExchange, transcriptLimit } from './transcript-mail.ts';
import type { Responder } from './responder.ts';
import { storablePage } from './page-url.ts';
import { hashToken, newToken } from './tokens.ts';
import type { LearningRecorder } from '../learning/recorder.ts';

export interface ChatDeps {
  store: Store;
  config: Config;
  clock: Clock;
  responder: Responder;
  handover: HandoverService;
  notifier: Notifier;
  mailer: Mailer | undefined;
  log: Logger;
  limiters: Limiters;
  /** Records what may teach the bot (issue 17); absent, nothing is recorded. */
  learning?: LearningRecorder | undefined;
}

const isChatLang = (lang: string): lang is ChatLang => (CHAT_LANGS as readonly string[]).includes(lang);

type Frame<T extends CitizenClientFrame['type']> = Extract<CitizenClientFrame, { type: T }>;

/** A failure to tell the sender about; anything else thrown is a bug and reported as `internal`. */
class Refusal extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly clientId?: string,
  ) {
    super(code);
  }
}

/**
 * One citizen connection: which conversation it speaks for, and what each frame does. Frames are handled
 * one at a time, so replies keep the order of questions.
 */
export class CitizenSession {
  private conversationId: string | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly d: ChatDeps,
    /** Sends to this connection only. */
    private readonly reply: (frame: CitizenServerFrame) => void,
    /** Subscribes this connection to frames for a conversation (bot, agent, queue...). */
    private readonly join: (conversationId: string | undefined) => void,
    /** The client's address (behind trusted proxies), for per-IP limits; never stored. */
    private readonly ip = 'unknown',
  ) {}

  get conversation(): string | undefined {
    return this.conversationId;
  }

  handle(frame: CitizenClientFrame): Promise<void> {
    this.queue = this.queue.then(() => this.dispatch(frame));
    return this.queue;
  }

  /** Errors are for the sender; a database failure names the message that was not stored. */
  error(code: ErrorCode, clientId?: string): void {
    this.reply({ type: 'error', code, message: ERROR_MESSAGES[code], ...(clientId ? { clientId } : {}) });
  }

  private async dispatch(frame: CitizenClientFrame): Promise<void> {
    const clientId = 'clientId' in frame ? frame.clientId : undefined;
    try {
      await this.route(frame);
    } catch (error) {
      if (error instanceof Refusal) return this.error(error.code, error.clientId ?? clientId);
      const isDb = isStorageError(error);
      this.d.log.error(`citizen ${frame.type} failed`, error);
      this.error(isDb ? ERROR_CODES.storageFailed : ERROR_CODES.internal, clientId);
    }
  }

  private route(frame: CitizenClientFrame): Promise<void> | void {
    switch (frame.type) {
      case 'start':
        return this.start(frame);
      case 'message':
        return this.message(frame);
      case 'typing':
        return this.typing(frame);
      case 'choose':
        return this.choose(frame);
      case 'human':
        return this.human();
      case 'feedback':
        return this.feedback(frame);
      case 'leave_message':
        return this.leaveMessage(frame);
      case 'end':
        return this.end();
      case 'transcript_email':
        return this.transcriptEmail(frame);
      case 'leave_queue':
        return this.leaveQueue();
    }
  }

  private now(): string {
    return this.d.clock.now().toISOString();
  }

  private async current(): Promise<Conversation> {
    const c = this.conversationId ? await this.d.store.conversations.get(this.conversationId) : undefined;
    if (!c) throw new Refusal(ERROR_CODES.notStarted);
    return c;
  }

  private async open(clientId?: string): Promise<Conversation> {
    const c = await this.current();
    if (c.state === 'closed') throw new Refusal(ERROR_CODES.conversationClosed, clientId);
    return c;
  }

  private async start(f: Frame<'start'>): Promise<void> {
    if (
      this.conversationId &&
      (await this.d.store.conversations.get(this.conversationId))?.state !== 'closed'
    ) {
      throw new Refusal(ERROR_CODES.alreadyStarted);
    }
    const at = this.now();
    let c = f.resumeToken
      ? await this.d.store.conversations.byTokenHash(hashToken(f.resumeToken))
      : undefined;
    let token = f.resumeToken ?? '';
    if (c) {
      const resumed = c;
      await this.d.store.tx(async () => {
        if (resumed.lang !== f.lang) await this.d.store.conversations.setLang(resumed.id, f.lang, at);
        await this.d.store.events.log(
          'conversation_resumed',
          resumed.id,
          { lang: f.lang, state: resumed.state },
          at,
        );
      });
      c = { ...c, lang: f.lang };
    } else {
      // An unknown or expired token starts afresh rather than failing: the widget stores the new one.
      const fresh = newToken();
      token = fresh.token;
      c = await this.create(f, fresh.hash, at);
    }
    this.conversationId = c.id;
    this.join(c.id);
    const agentFirstName =
      c.state === 'assigned' && c.agentId !== null
        ? (await this.d.store.staff.get(c.agentId))?.displayName
        : undefined;
    this.reply({
      type: 'welcome',
      v: 1,
      conversationId: c.id,
      resumeToken: token,
      lang: f.lang,
      state: c.state,
      history: (await this.d.store.messages.list(c.id)).map(toHistoryItem),
      ...(agentFirstName ? { agentFirstName } : {}),
      ...(this.d.config.municipality.privacyUrl ? { privacyUrl: this.d.config.municipality.privacyUrl } : {}),
      ...topicsFor(this.d.config, f.lang, (id) => this.d.responder.hasFile?.(id) ?? true),
    });
    const position = await this.d.handover.queueFrameFor(c.id);
    if (position) this.reply(position);
  }

  private async create(f: Frame<'start'>, tokenHash: string, at: string): Promise<Conversation> {
    const id = randomUUID();
    const queue = f.queue && isQueue(this.d.config, f.queue) ? f.queue : null;
    const greeting = this.d.responder.greeting(f.lang);
    const page = storablePage(f.page, this.d.responder.redact);
    await this.d.store.tx(async () => {
      await this.d.store.conversations.create({ id, tokenHash, lang: f.lang, queue, page, at });
      await this.d.store.events.log('conversation_started', id, { lang: f.lang, queue, page }, at);
      await this.d.store.messages.append({
        conversationId: id,
        role: 'bot',
        text: greeting.text,
        redacted: greeting.text,
        meta: { ...botMeta(greeting, 'greeting') },
        at,
      });
    });
    return (await this.d.store.conversations.get(id))!;
  }

  /**
   * With the bot, the bot decides first and the citizen's message, its reply and their log events are
   * stored in one transaction (issue 22: one write per message, not two). In a handover the message goes
   * to the agent (or waits for one).
   */
  private async message(f: Frame<'message'>): Promise<void> {
    const c = await this.open(f.clientId);
    const at = this.now();
    const redacted = this.d.responder.redact(f.text);
    const citizen: NewMessage = {
      conversationId: c.id,
      clientId: f.clientId,
      role: 'citizen',
      text: f.text,
      redacted,
      at,
    };
    const received = { redacted, chars: f.text.length, state: c.state };
    if (c.state === 'bot' || c.state === 'offline') {
      // A resend of a stored message is acknowledged again, and not answered twice.
      const earlier = await this.d.store.messages.byClientId(c.id, f.clientId);
      if (earlier) {
        this.reply({ type: 'ack', clientId: f.clientId, messageId: earlier.id });
        return;
      }
      const history = await this.d.store.messages.recent(c.id, this.d.config.limits.historyTurnsForBot);
      const decision = await this.d.responder.decide(f.text, toContext(history, c.lang));
      const asked = await this.deliver(c.id, decision, false, { message: citizen, received });
      if (asked) await this.learn((l) => l.decided(c.id, this.ip, asked, decision, history));
      return;
    }
    const stored = await this.d.store.tx(async () => {
      const r = await this.d.store.messages.append(citizen);
      if (!r.duplicate) await this.d.store.events.log('message_in', c.id, received, at);
      return r;
    });
    this.reply({ type: 'ack', clientId: f.clientId, messageId: stored.message.id });
    if (!stored.duplicate) this.afterCitizenTurn(c, stored.message);
  }

  /** In a handover the message goes to the agent, or waits for one. */
  private afterCitizenTurn(c: Conversation, m: StoredMessage): void {
    if (c.state === 'assigned' && c.agentId !== null) {
      this.d.notifier.agent(c.agentId, { type: 'message', conversationId: c.id, item: toHistoryItem(m) });
      return;
    }
    if (c.state === 'waiting') {
      // Every agent on duty sees the queue list: the preview is the redacted text, never an ID number.
      this.d.handover.touch(c.id, m.redacted);
    }
  }

  /** Learning is a side matter: its failure is logged and never reaches the citizen. */
  private async learn(record: (l: LearningRecorder) => Promise<void>): Promise<void> {
    const learning = this.d.learning;
    if (!learning) return;
    try {
      await record(learning);
    } catch (error) {
      this.d.log.error('learning signal not recorded', error);
    }
  }

  /**
   * Stores and sends the bot's reply; with `citizen`, the citizen's message it answers goes into the same
   * transaction (and is acknowledged once stored), and is returned unless it was a resend.
   */
  private async deliver(
    conversationId: string,
    planned: Decision,
    choice: boolean,
    citizen?: { message: NewMessage; received: EventPayloads['message_in'] },
  ): Promise<StoredMessage | undefined> {
    const decision = await this.withoutFalsePromise(conversationId, planned);
    const at = this.now();
    const meta = botMeta(decision.reply, decision.kind, decision);
    const stored = await this.d.store.tx(async () => {
      let asked: StoredMessage | undefined;
      if (citizen) {
        const r = await this.d.store.messages.append(citizen.message);
        // Sent twice at once: the other copy is being answered.
        if (r.duplicate) return { ack: r.message, duplicate: true as const };
        asked = r.message;
        await this.d.store.events.log('message_in', conversationId, citizen.received, at);
      }
      const r = await this.d.store.messages.append({
        conversationId,
        role: 'bot',
        text: decision.reply.text,
        redacted: decision.reply.text,
        meta: { ...meta },
        at,
      });
      await this.d.store.events.log('bot_decision', conversationId, decisionEvent(decision, choice), at);
      const c = await this.d.store.conversations.get(conversationId);
      if (
        c &&
        (c.state === 'bot' || c.state === 'offline') &&
        decision.kind === 'answer' &&
        decision.queue &&
        decision.queue !== c.queue &&
        isQueue(this.d.config, decision.queue)
      ) {
        // Remember the department last talked about, for a later "talk to a person".
        await this.d.store.conversations.patch(conversationId, c.state, { queue: decision.queue }, at);
      }
      // The bot answered in another language than the conversation's: the conversation follows, so the
      // offline form, transcripts and e-mails use it too. The widget follows the bot frame's `lang` (issue 19).
      if (c && c.lang !== decision.lang && isChatLang(decision.lang))
        await this.d.store.conversations.setLang(conversationId, decision.lang, at);
      return { duplicate: false as const, bot: r.message, citizen: asked, c };
    });
    const clientId = citizen?.message.clientId;
    if (stored.duplicate) {
      if (clientId) this.reply({ type: 'ack', clientId, messageId: stored.ack.id });
      return undefined;
    }
    if (clientId && stored.citizen) this.reply({ type: 'ack', clientId, messageId: stored.citizen.id });
    this.d.notifier.citizen(conversationId, {
      type: 'bot',
      messageId: stored.bot.id,
      text: decision.reply.text,
      ...meta.bot,
    });
    const c = stored.c;
    if (!c || (c.state !== 'bot' && c.state !== 'offline')) return stored.citizen;
    if (decision.kind === 'handover') {
      const handover = await this.d.handover.requestHandover(conversationId, {
        reason: decision.handoverReason ?? 'human_request',
        queue: routeQueue(this.d.config, decision.queue, c.queue),
        priority: decision.priority,
        actor: 'bot',
        ip: this.ip,
      });
      // The citizen's message was stored and answered: the refusal is about the queue, not the message.
      if (handover.status === 'refused') this.error(handover.code);
    }
    return stored.citizen;
  }

  /**
   * A crisis reply promises a person. When nobody can take the chat (out of hours, nobody free) it says so
   * plainly instead, with the municipality's 24-hour services after the emergency numbers.
   */
  private async withoutFalsePromise(conversationId: string, decision: Decision): Promise<Decision> {
    if (decision.kind !== 'handover' || decision.handoverReason !== 'crisis') return decision;
    const c = await this.d.store.conversations.get(conversationId);
    if (!c || (c.state !== 'bot' && c.state !== 'offline')) return decision;
    const queue = routeQueue(this.d.config, decision.queue, c.queue);
    if (this.d.handover.availability(queue).ok) return decision;
    const reply = unattendedCrisisReply(decision.reply, decision.lang, this.d.config.crisis.services24h);
    return { ...decision, reply, why: [...decision.why, 'crisis: nobody can take the chat now, said so'] };
  }

  /** The citizen leaves the queue and goes on with the bot (issue 19). */
  private async leaveQueue(): Promise<void> {
    const c = await this.open();
    const result = await this.d.handover.citizenLeftQueue(c.id);
    if (result.status === 'invalid') throw new Refusal(ERROR_CODES.invalidState);
  }

  private async typing(f: Frame<'typing'>): Promise<void> {
    const c = await this.current();
    if (c.state === 'assigned' && c.agentId !== null) {
      this.d.notifier.agent(c.agentId, { type: 'typing', conversationId: c.id, active: f.active });
    }
  }

  private async choose(f: Frame<'choose'>): Promise<void> {
    const c = await this.open(f.clientId);
    if (c.state !== 'bot' && c.state !== 'offline') throw new Refusal(ERROR_CODES.invalidState, f.clientId);
    const earlier = await this.d.store.messages.recent(c.id, this.d.config.limits.historyTurnsForBot);
    // A file id is the widget's to send, but the frame is the citizen's: anything in it is redacted first.
    const fileId = this.d.responder.redact(f.fileId);
    const decision = this.d.responder.decideChoice(fileId, toContext(earlier, c.lang));
    const title = decision.reply.source?.title ?? fileId;
    const at = this.now();
    const stored = await this.d.store.messages.append({
      conversationId: c.id,
      clientId: f.clientId,
      role: 'citizen',
      text: title,
      redacted: title,
      at,
    });
    if (f.clientId) this.reply({ type: 'ack', clientId: f.clientId, messageId: stored.message.id });
    if (!stored.duplicate) {
      await this.deliver(c.id, decision, true);
      await this.learn((l) => l.choice(c.id, this.ip, fileId, earlier));
    }
  }

  private async human(): Promise<void> {
    const c = await this.open();
    if (c.state === 'waiting') {
      const position = await this.d.handover.queueFrameFor(c.id);
      if (position) this.reply(position);
      return;
    }
    if (c.state === 'assigned') return;
    const result = await this.d.handover.requestHandover(c.id, {
      reason: 'human_request',
      queue: routeQueue(this.d.config, c.queue),
      priority: 'normal',
      actor: 'citizen',
      ip: this.ip,
    });
    if (result.status === 'refused') throw new Refusal(result.code);
  }

  private async feedback(f: Frame<'feedback'>): Promise<void> {
    const c = await this.current();
    let target: 'bot' | 'agent' | 'conversation' = 'conversation';
    let fileId: string | undefined;
    if (f.messageId !== undefined) {
      const m = await this.d.store.messages.get(f.messageId);
      if (!m || m.conversationId !== c.id || (m.role !== 'bot' && m.role !== 'agent')) {
        throw new Refusal(ERROR_CODES.notFound);
      }
      target = m.role;
      fileId = (m.meta as { decision?: { fileId?: string } } | null)?.decision?.fileId;
    }
    const at = this.now();
    const comment = f.comment && f.comment.length > 0 ? f.comment : null;
    await this.d.store.tx(async () => {
      await this.d.store.feedback.add({
        conversationId: c.id,
        messageId: f.messageId ?? null,
        helpful: f.helpful,
        comment,
        at,
      });
      await this.d.store.events.log(
        'feedback',
        c.id,
        {
          messageId: f.messageId ?? null,
          fileId,
          target,
          helpful: f.helpful,
          commentRedacted: comment === null ? undefined : this.d.responder.redact(comment),
        },
        at,
      );
    });
    this.reply({ type: 'feedback_saved' });
    if (target === 'bot' && f.messageId !== undefined) {
      const messageId = f.messageId;
      await this.learn((l) => l.vote(c.id, this.ip, messageId, f.helpful));
    }
  }

  private async leaveMessage(f: Frame<'leave_message'>): Promise<void> {
    const c = await this.current();
    // Offline messages reach staff and may be answered by e-mail: bounded per conversation and address.
    const allowed =
      (await take(this.d.limiters.ticketsPerConversation, c.id)) &&
      (await take(this.d.limiters.ticketsPerIp, this.ip));
    if (!allowed) throw new Refusal(ERROR_CODES.limitReached);
    // Routed by what the question is about (the bot's pick of department), then by the page or last answer.
    const topic = await this.d.responder
      .decide(f.question, toContext([], c.lang))
      .then((d) => d.queue)
      .catch(() => undefined);
    const at = this.now();
    const queue = routeQueue(this.d.config, topic, c.queue);
    const ticketId = await this.d.store.tx(async () => {
      const id = await this.d.store.tickets.create({
        conversationId: c.id,
        lang: c.lang,
        queue,
        question: f.question,
        questionRedacted: this.d.responder.redact(f.question),
        email: f.email ?? null,
        phone: f.phone ?? null,
        at,
      });
      await this.d.store.events.log(
        'ticket_created',
        c.id,
        { ticketId: id, queue, lang: c.lang, email: f.email !== undefined, phone: f.phone !== undefined },
        at,
      );
      return id;
    });
    this.reply({ type: 'ticket_created', ticketId });
    await recordNotice(this.d, c.id, { kind: 'ticket_created', ticketId }, at);
    this.d.notifier.allStaff({ type: 'tickets_changed', open: await this.d.store.tickets.countOpen() });
  }

  private async end(): Promise<void> {
    const c = await this.current();
    await this.d.handover.citizenEnded(c.id);
    this.d.notifier.citizen(c.id, { type: 'closed', reason: 'citizen_ended' });
  }

  /**
   * Checks and limits here, in the frame queue; the sending itself outside it, so a slow or hung SMTP
   * server never holds up the chat. The result arrives later as `transcript_sent` or a `mail_failed` error.
   */
  private async transcriptEmail(f: Frame<'transcript_email'>): Promise<void> {
    const c = await this.current();
    const mailer = this.d.mailer;
    if (!mailer) throw new Refusal(ERROR_CODES.mailUnavailable);
    const messages = await this.d.store.messages.list(c.id);
    if (!hasRealExchange(messages)) throw new Refusal(ERROR_CODES.invalidState);
    const sentBefore = (await this.d.store.events.forConversation(c.id)).filter(
      (e) => e.type === 'transcript_emailed',
    ).length;
    const refused = await transcriptLimit(
      { limits: this.d.config.limits, limiters: this.d.limiters, sentBefore },
      c.id,
      f.email,
      this.ip,
    );
    if (refused) throw new Refusal(refused);
    const input = {
      municipality: this.d.config.municipality.name,
      lang: c.lang,
      timeZone: this.d.config.municipality.timeZone,
      messages,
    };
    const t = serverTexts(c.lang);
    const sending = mailer.send({
      to: f.email,
      // Fixed words and the municipality's name only: nothing the citizen wrote goes in the subject.
      subject: t.transcriptSubject(input.municipality),
      text: `${t.transcriptIntro}\n\n${transcriptText(input)}\n${t.doNotReply}\n`,
      html: transcriptHtml(input),
    });
    sending
      .then(
        async () => {
          this.d.notifier.citizen(c.id, { type: 'transcript_sent' });
          await this.d.store.events.log('transcript_emailed', c.id, {}, this.now());
        },
        (error: unknown) => {
          this.d.log.warn(`transcript e-mail not sent: ${mailErrorCode(error)}`);
          this.d.notifier.citizen(c.id, {
            type: 'error',
            code: ERROR_CODES.mailFailed,
            message: ERROR_MESSAGES.mail_failed,
          });
        },
      )
      // The mail went; only recording it failed (e.g. a full disk). Nothing for the citizen to redo.
      .catch((error: unknown) => this.d.log.error('transcript e-mail sent but not recorded', error));
  }
}
