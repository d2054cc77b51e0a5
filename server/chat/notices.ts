import type { CitizenNotice } from '../protocol.ts';
import type { Store } from '../store/store.ts';
import { serverTexts } from '../texts.ts';
import type { Notifier } from '../handover/notifier.ts';

/** The stored text of a notice, in the conversation's language (staff and transcripts read it as it is). */
export function noticeText(notice: CitizenNotice, lang: string): string {
  const t = serverTexts(lang);
  switch (notice.kind) {
    case 'agent_joined':
      return t.noticeAgentJoined(notice.firstName);
    case 'agent_left':
      return t.noticeAgentLeft;
    case 'queue_left':
      return t.noticeQueueLeft;
    case 'ticket_created':
      return t.noticeTicketCreated(notice.ticketId);
  }
}

/**
 * Keeps what happened in the conversation (a person joined or left, the queue was left, a message was left)
 * as a system turn, so a reload shows it again, and tells the citizen. Nothing personal is in a notice.
 */
export async function recordNotice(
  d: { store: Store; notifier: Notifier },
  conversationId: string,
  notice: CitizenNotice,
  at: string,
): Promise<void> {
  const lang = (await d.store.conversations.get(conversationId))?.lang ?? 'nb';
  const text = noticeText(notice, lang);
  const { message } = await d.store.messages.append({
    conversationId,
    role: 'system',
    text,
    redacted: text,
    meta: { notice },
    at,
  });
  d.notifier.citizen(conversationId, { type: 'notice', messageId: message.id, notice });
}
