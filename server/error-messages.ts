import type { ErrorCode } from './protocol.ts';

/** Plain English for logs and developers; the widget shows its own per-language text for each code. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  bad_frame: 'The frame was not understood.',
  message_too_long: 'The message is too long (at most 2000 characters).',
  not_started: 'Send a start frame first.',
  already_started: 'The conversation has already started on this connection.',
  rate_limited: 'Too many messages. Please wait a moment.',
  storage_failed: 'The message could not be saved. Please try again.',
  conversation_closed: 'This conversation has ended. Start a new one.',
  invalid_state: 'That is not possible at this point of the conversation.',
  not_found: 'Not found.',
  forbidden: 'Not allowed.',
  unauthorized: 'Please log in.',
  csrf_invalid: 'The security token is missing or out of date. Reload the page.',
  login_failed: 'Wrong username or password.',
  already_claimed: 'Another agent has already taken this chat.',
  chat_limit: 'You already have as many chats as allowed.',
  agent_unavailable: 'That agent is not available.',
  unknown_queue: 'No such queue.',
  mail_unavailable: 'E-mail is not set up on this server.',
  mail_failed: 'The e-mail could not be sent. Please try again later.',
  limit_reached: 'That has been done as many times as allowed.',
  too_large: 'The request is too large.',
  internal: 'Something went wrong on our side.',
  queue_full: 'Too many people are waiting right now. Please try again later or leave a message.',
};
