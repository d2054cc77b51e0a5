import type { BotReply, ConversationContext, Decision, ReplyLang } from '../../bot/types.ts';

/**
 * What the chat needs from the bot. server/main.ts builds it from knowledge/ and bot/; tests use a stub.
 * Kept here so the chat logic depends on a shape, not on how answers are found.
 */
export interface Responder {
  decide(message: string, context: ConversationContext): Promise<Decision>;
  /** The citizen picked one of the bot's suggestions. */
  decideChoice(fileId: string, context: ConversationContext): Decision;
  greeting(lang: ReplyLang): BotReply;
  /** Replaces ID numbers, phone numbers, e-mail addresses and case numbers for the interaction log. */
  redact(text: string): string;
  /** Whether the knowledge has this file now (topic buttons whose file was removed are not offered). */
  hasFile?(fileId: string): boolean;
}
