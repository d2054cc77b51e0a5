import type { BotReply, ConversationContext, Decision } from '../../bot/types.ts';
import type { BotPayload } from '../protocol.ts';
import type { StoredMessage } from '../store/messages.ts';
import type { BotMeta } from './history.ts';

/** The reply fields the widget shows, without empty ones. */
export function botMeta(reply: BotReply, kind: BotPayload['kind'], decision?: Decision): BotMeta {
  const bot: Omit<BotPayload, 'text'> = { kind, askFeedback: reply.askFeedback };
  if (reply.source) bot.source = reply.source;
  if (reply.link) bot.link = reply.link;
  if (reply.suggestions && reply.suggestions.length > 0) bot.suggestions = reply.suggestions;
  if (reply.related && reply.related.length > 0) bot.related = reply.related;
  if (reply.emergency && reply.emergency.length > 0) bot.emergency = reply.emergency;
  if (decision) bot.lang = decision.lang;
  const meta: BotMeta = { bot };
  if (decision) {
    meta.decision = {
      kind: decision.kind,
      lang: decision.lang,
      ...(decision.fileId ? { fileId: decision.fileId } : {}),
    };
  }
  return meta;
}

/** Earlier turns for the bot, oldest first, as the citizen saw them. */
export function toContext(messages: StoredMessage[], widgetLang: string): ConversationContext {
  const history: ConversationContext['history'] = [];
  for (const m of messages) {
    if (m.role === 'system') continue;
    const decision = m.role === 'bot' ? (m.meta as BotMeta | null)?.decision : undefined;
    history.push({
      role: m.role,
      text: m.text ?? m.redacted,
      ...(decision
        ? { decision: decision as NonNullable<ConversationContext['history'][number]['decision']> }
        : {}),
    });
  }
  return { widgetLang: widgetLang as ConversationContext['widgetLang'], history };
}

/** The bot's decision for the interaction log: redacted text, file, scores and reasons. */
export function decisionEvent(d: Decision, choice: boolean) {
  return {
    kind: d.kind,
    lang: d.lang,
    detectedLang: d.detectedLang,
    fileId: d.fileId,
    // Kept with the event so statistics can count self-service help even after the file is gone.
    link: d.reply.link,
    handoverReason: d.handoverReason,
    fallbackReason: d.fallbackReason,
    queue: d.queue,
    priority: d.priority,
    unanswered: d.unanswered,
    retrievalMode: d.retrievalMode,
    candidates: d.candidates.slice(0, 5).map((c) => ({
      fileId: c.fileId,
      confidence: c.confidence,
      ...(c.lexical ? { lexical: c.lexical.score } : {}),
      ...(c.dense ? { dense: c.dense.score } : {}),
    })),
    why: d.why,
    redacted: d.redacted,
    choice,
  };
}
