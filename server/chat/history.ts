import { citizenNotice, type BotPayload, type ConversationInfo, type HistoryItem } from '../protocol.ts';
import type { Conversation } from '../store/conversations.ts';
import type { StoredMessage } from '../store/messages.ts';

/** What is kept with a bot message: the reply as shown, and the decision behind it for the bot's context. */
export interface BotMeta {
  bot: Omit<BotPayload, 'text'>;
  decision?: { kind: string; fileId?: string; lang: string };
}

/** Stored messages as both the widget and the staff console show them. */
export function toHistoryItem(m: StoredMessage): HistoryItem {
  const item: HistoryItem = { messageId: m.id, role: m.role, text: m.text ?? m.redacted, at: m.createdAt };
  const bot = m.role === 'bot' ? (m.meta as BotMeta | null)?.bot : undefined;
  if (bot) item.bot = { ...bot, text: item.text };
  if (m.role === 'agent' && typeof m.meta?.firstName === 'string') item.firstName = m.meta.firstName;
  const notice = m.role === 'system' ? citizenNotice.safeParse(m.meta?.notice) : undefined;
  if (notice?.success) item.notice = notice.data;
  return item;
}

export function toConversationInfo(c: Conversation): ConversationInfo {
  return {
    conversationId: c.id,
    state: c.state,
    queue: c.queue,
    reason: c.reason,
    priority: c.priority,
    lang: c.lang,
    agentId: c.agentId,
    createdAt: c.createdAt,
  };
}
