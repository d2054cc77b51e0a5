import { redact } from '../../../bot/index.ts';
import type { ConversationState } from '../../store/conversations.ts';
import type { EventPayloads } from '../../store/events.ts';
import type { Store } from '../../store/store.ts';

type Decision = EventPayloads['bot_decision'];

/**
 * Writes conversations into a real Svar database the way the server does: the conversation row, raw and
 * redacted messages, feedback and offline messages, and the redacted interaction log. Every step moves the
 * conversation's clock forward by `step` seconds unless told otherwise, so tests know every time stamp.
 */
export class SyntheticConversation {
  private t: number;
  private constructor(
    private readonly store: Store,
    readonly id: string,
    start: string,
    readonly lang: string,
    private readonly step = 10,
  ) {
    this.t = Date.parse(start);
  }

  static async start(
    store: Store,
    id: string,
    start: string,
    lang: string,
    step?: number,
  ): Promise<SyntheticConversation> {
    await store.conversations.create({
      id,
      tokenHash: `hash-${id}`,
      lang,
      queue: null,
      page: '/test',
      at: start,
    });
    await store.events.log('conversation_started', id, { lang, queue: null, page: '/test' }, start);
    return await SyntheticConversation.start(store, id, start, lang, step);
  }

  /** The time of the next step (after waiting `seconds`, default one step). */
  private tick(seconds = this.step): string {
    this.t += seconds * 1000;
    return new Date(this.t).toISOString();
  }

  get now(): string {
    return new Date(this.t).toISOString();
  }

  async citizen(text: string): Promise<number> {
    const at = this.tick();
    const redacted = redact(text);
    const { message } = await this.store.messages.append({
      conversationId: this.id,
      role: 'citizen',
      text,
      redacted,
      at,
    });
    await this.store.events.log('message_in', this.id, { redacted, chars: text.length, state: 'bot' }, at);
    return message.id;
  }

  /** A bot decision on the last citizen message; `redacted` is what the log gets (normally the bot's redaction). */
  async decide(
    kind: Decision['kind'],
    o: Partial<Omit<Decision, 'kind'>> & { redacted: string },
    reply = `Bot reply (${kind})`,
  ): Promise<number> {
    const at = this.tick();
    const { message } = await this.store.messages.append({
      conversationId: this.id,
      role: 'bot',
      text: reply,
      redacted: reply,
      meta: { decision: { kind, lang: o.lang ?? this.lang, ...(o.fileId ? { fileId: o.fileId } : {}) } },
      at,
    });
    await this.store.events.log(
      'bot_decision',
      this.id,
      {
        lang: this.lang,
        detectedLang: this.lang,
        priority: 'normal',
        unanswered: false,
        candidates: o.fileId ? [{ fileId: o.fileId, confidence: 0.9 }] : [],
        why: ['synthetic'],
        choice: false,
        ...o,
        kind,
      },
      at,
    );
    return message.id;
  }

  async handover(reason: string, queue: string, priority: 'normal' | 'urgent' = 'normal'): Promise<void> {
    const at = this.tick();
    await this.setState('waiting', { queue, reason, priority, waitingSince: at }, at);
    await this.store.events.log('handover_requested', this.id, { reason, queue, priority }, at);
  }

  async offline(
    reason: 'office_closed' | 'no_agent' | 'wait_limit',
    queue: string,
    waitedSeconds = 0,
  ): Promise<void> {
    const at = this.tick(waitedSeconds);
    await this.setState('offline', {}, at);
    await this.store.events.log('offline_offered', this.id, { reason, queue }, at);
    await this.store.events.log('queue_left', this.id, { queue, outcome: 'offline', waitedSeconds }, at);
  }

  async assigned(agentId: number, queue: string, waitedSeconds: number): Promise<void> {
    const at = this.tick(waitedSeconds);
    await this.setState('assigned', { agentId }, at);
    await this.store.events.log('agent_assigned', this.id, { agentId, queue, transfer: false }, at);
    await this.store.audit.log({
      actor: `staff:${agentId}`,
      action: 'claim',
      target: this.id,
      details: null,
      at,
    });
    await this.store.events.log('queue_left', this.id, { queue, outcome: 'assigned', waitedSeconds }, at);
  }

  async agentMessage(agentId: number, text: string): Promise<void> {
    const at = this.tick();
    const redacted = redact(text);
    await this.store.messages.append({
      conversationId: this.id,
      role: 'agent',
      text,
      redacted,
      staffId: agentId,
      at,
    });
    await this.store.events.log('agent_message', this.id, { agentId, redacted, chars: text.length }, at);
  }

  async abandoned(queue: string, waitedSeconds: number): Promise<void> {
    const at = this.tick(waitedSeconds);
    await this.store.events.log('queue_left', this.id, { queue, outcome: 'abandoned', waitedSeconds }, at);
    await this.close('citizen', 'waiting', {}, 0);
  }

  async close(
    by: 'citizen' | 'agent',
    state: ConversationState,
    o: { contactType?: string; handledSeconds?: number; note?: string } = {},
    after?: number,
  ): Promise<void> {
    const at = this.tick(after ?? o.handledSeconds);
    await this.setState(
      'closed',
      { closedAt: at, contactType: o.contactType ?? null, closeNote: o.note ?? null },
      at,
    );
    await this.store.events.log(
      'closed',
      this.id,
      {
        by,
        reason: by === 'agent' ? 'agent_closed' : 'citizen_ended',
        state,
        contactType: o.contactType,
        noteRedacted: o.note === undefined ? undefined : redact(o.note),
        handledSeconds: o.handledSeconds,
      },
      at,
    );
  }

  async feedback(
    target: 'bot' | 'agent' | 'conversation',
    helpful: boolean,
    o: { fileId?: string; messageId?: number; comment?: string } = {},
  ): Promise<void> {
    const at = this.tick();
    await this.store.feedback.add({
      conversationId: this.id,
      messageId: o.messageId ?? null,
      helpful,
      comment: o.comment ?? null,
      at,
    });
    await this.store.events.log(
      'feedback',
      this.id,
      {
        messageId: o.messageId ?? null,
        fileId: o.fileId,
        target,
        helpful,
        commentRedacted: o.comment === undefined ? undefined : redact(o.comment),
      },
      at,
    );
  }

  async ticket(o: { question: string; queue: string; email?: string; phone?: string }): Promise<number> {
    const at = this.tick();
    const id = await this.store.tickets.create({
      conversationId: this.id,
      lang: this.lang,
      queue: o.queue,
      question: o.question,
      questionRedacted: redact(o.question),
      email: o.email ?? null,
      phone: o.phone ?? null,
      at,
    });
    await this.store.events.log(
      'ticket_created',
      this.id,
      {
        ticketId: id,
        queue: o.queue,
        lang: this.lang,
        email: o.email !== undefined,
        phone: o.phone !== undefined,
      },
      at,
    );
    return id;
  }

  async ticketAnswered(
    ticketId: number,
    channel: 'email' | 'phone',
    secondsToAnswer: number,
    agentId: number,
    answer: string,
  ): Promise<void> {
    const at = this.tick(secondsToAnswer);
    await this.store.tickets.answer(ticketId, { channel, answer, staffId: agentId, at });
    await this.store.events.log(
      'ticket_answered',
      this.id,
      { ticketId, channel, secondsToAnswer, agentId },
      at,
    );
  }

  /** A log line as some older or broken server might have written it. */
  async rawEvent(type: string, payload: unknown): Promise<void> {
    await this.store.sql.run('INSERT INTO events (type, conversation_id, payload, at) VALUES (?, ?, ?, ?)', [
      type,
      this.id,
      JSON.stringify(payload),
      this.tick(),
    ]);
  }

  private async setState(
    state: ConversationState,
    patch: Parameters<Store['conversations']['patch']>[2],
    at: string,
  ): Promise<void> {
    const before = (await this.store.conversations.get(this.id))!;
    await this.store.sql.run('UPDATE conversations SET state = ?, updated_at = ? WHERE id = ?', [
      state,
      at,
      this.id,
    ]);
    await this.store.conversations.patch(this.id, state, patch, at);
    const after = (await this.store.conversations.get(this.id))!;
    await this.store.transitions.add({
      conversationId: this.id,
      from: before.state,
      to: state,
      reason: 'synthetic',
      actor: 'system',
      queue: after.queue,
      agentId: after.agentId,
      at,
    });
  }
}

export async function addStaff(store: Store, username: string, at: string): Promise<number> {
  const existing = await store.staff.credentials(username);
  if (existing) return existing.id;
  return await store.staff.create({ username, displayName: username, role: 'agent', passwordHash: 'x', at });
}
