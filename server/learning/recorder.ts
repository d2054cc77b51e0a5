import { createHmac } from 'node:crypto';
import type { Decision, LearningSignal } from '../../bot/index.ts';
import type { BotMeta } from '../chat/history.ts';
import type { Config } from '../config/schema.ts';
import type { Clock } from '../handover/clock.ts';
import type { StoredMessage } from '../store/messages.ts';
import type { Store } from '../store/store.ts';

type Base = Omit<LearningSignal, 'kind' | 'fileId' | 'helpful'>;

/** The citizen's question a bot message replied to: the last citizen message before it. */
function questionBefore(messages: readonly StoredMessage[], botMessageId: number): StoredMessage | undefined {
  const index = messages.findIndex((m) => m.id === botMessageId);
  for (let i = (index === -1 ? messages.length : index) - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role === 'citizen') return m;
  }
  return undefined;
}

const decisionOf = (m: StoredMessage | undefined) =>
  m?.role === 'bot' ? (m.meta as BotMeta | null)?.decision : undefined;

/**
 * Records what citizens and staff do that may teach the bot (issue 17): a suggestion chosen, 👍/👎, a quick
 * rephrase after an answer, staff naming the file that answers a handed-over chat, and questions that fell
 * back. Only redacted text is stored, and the client's address only as a keyed hash for the flood guard.
 * Recording never changes an answer: editors review what this collects (server/learning/inbox.ts).
 */
export class LearningRecorder {
  constructor(
    private readonly d: {
      store: Store;
      clock: Clock;
      config: Config['learning'];
      /** The server's secret: client keys cannot be turned back into addresses without it. */
      secret: string;
      redact(text: string): string;
      /** Called after a chosen wording or a staff label, for the optional auto-approval. */
      onWording?: (fileId: string) => void;
    },
  ) {}

  clientKey(ip: string): string {
    return createHmac('sha256', this.d.secret).update(`learning:${ip}`).digest('hex').slice(0, 16);
  }

  private base(conversationId: string, ip: string, lang: string, question: StoredMessage): Base {
    return {
      conversationId,
      client: this.clientKey(ip),
      lang,
      question: this.d.redact(question.redacted),
      questionKind: 'unknown',
      at: this.d.clock.now().toISOString(),
    };
  }

  private async add(s: LearningSignal): Promise<void> {
    if (s.question.trim().length === 0) return;
    await this.d.store.learning.addSignal(s);
  }

  /**
   * The citizen picked `fileId` after the bot's last reply. It counts only if that reply offered the file
   * (suggestions or related): a client cannot label a question with a file the bot never showed.
   */
  async choice(
    conversationId: string,
    ip: string,
    fileId: string,
    earlier: readonly StoredMessage[],
  ): Promise<void> {
    const lastBot = [...earlier].reverse().find((m) => m.role === 'bot');
    const bot = (lastBot?.meta as BotMeta | null)?.bot;
    const offered = [...(bot?.suggestions ?? []), ...(bot?.related ?? [])].map((s) => s.fileId);
    if (!lastBot || !offered.includes(fileId)) return;
    const question = questionBefore(earlier, lastBot.id);
    const decision = decisionOf(lastBot);
    if (!question || decision?.fileId === fileId) return;
    await this.add({
      ...this.base(conversationId, ip, decision?.lang ?? 'nb', question),
      kind: 'choice',
      fileId,
      questionKind: decision?.kind ?? 'unknown',
    });
    this.d.onWording?.(fileId);
  }

  /** 👍/👎 on a bot answer, with the question it answered. */
  async vote(conversationId: string, ip: string, botMessageId: number, helpful: boolean): Promise<void> {
    const messages = await this.d.store.messages.list(conversationId);
    const bot = messages.find((m) => m.id === botMessageId);
    const decision = decisionOf(bot);
    const question = questionBefore(messages, botMessageId);
    if (!decision?.fileId || !question) return;
    await this.add({
      ...this.base(conversationId, ip, decision.lang, question),
      kind: 'vote',
      fileId: decision.fileId,
      helpful,
      questionKind: decision.kind,
    });
  }

  /**
   * After the bot decided on a typed question: a fallback is an unanswered question, and a new question soon
   * after an answer that the bot now answers otherwise says the answer did not help (an implicit 👎).
   */
  async decided(
    conversationId: string,
    ip: string,
    question: StoredMessage,
    decision: Decision,
    earlier: readonly StoredMessage[],
  ): Promise<void> {
    // Injections and gibberish are kept too, to be counted as filtered: editors see that noise was held back.
    if (decision.unanswered || decision.kind === 'fallback') {
      await this.add({
        ...this.base(conversationId, ip, decision.detectedLang, question),
        question: decision.redacted,
        kind: 'fallback',
        fileId: decision.candidates[0]?.fileId ?? null,
        questionKind: decision.kind,
        questionReason: decision.fallbackReason ?? decision.handoverReason,
      });
    }
    if (decision.kind === 'smalltalk' || decision.kind === 'handover') return;
    const lastBot = [...earlier].reverse().find((m) => m.role === 'bot');
    const answered = decisionOf(lastBot);
    if (!lastBot || answered?.kind !== 'answer' || !answered.fileId || answered.fileId === decision.fileId)
      return;
    const seconds = (Date.parse(question.createdAt) - Date.parse(lastBot.createdAt)) / 1000;
    if (seconds > this.d.config.rephraseSeconds) return;
    const before = questionBefore(earlier, lastBot.id);
    if (!before) return;
    await this.add({
      ...this.base(conversationId, ip, answered.lang, before),
      kind: 'rephrase',
      fileId: answered.fileId,
      questionKind: 'answer',
    });
  }

  /**
   * Staff say `fileId` answers this handed-over chat. The question is the citizen's last message before a
   * person took over; the reason the bot handed over goes with it, so a personal case never becomes a wording.
   */
  async staffLabel(
    conversationId: string,
    fileId: string,
    handoverReason: string | undefined,
    lang: string,
  ): Promise<boolean> {
    const messages = await this.d.store.messages.list(conversationId);
    const firstAgent = messages.findIndex((m) => m.role === 'agent');
    const before = firstAgent === -1 ? messages : messages.slice(0, firstAgent);
    const question = [...before].reverse().find((m) => m.role === 'citizen');
    if (!question) return false;
    await this.add({
      ...this.base(conversationId, 'staff', lang, question),
      // Staff are one trusted source; each chat is its own client so labels count per conversation.
      client: `staff:${conversationId}`,
      kind: 'staff_label',
      fileId,
      questionKind: 'handover',
      questionReason: handoverReason,
    });
    this.d.onWording?.(fileId);
    return true;
  }
}
