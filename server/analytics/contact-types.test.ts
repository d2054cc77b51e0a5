import { describe, expect, it } from 'vitest';
import { CONTACT_CATEGORY, impliedContactType } from './contact-types.ts';
import { classifyConversation } from './conversation-outcome.ts';
import type { ConversationLog, LogEvent } from './event-log.ts';
import { CONTACT_TYPES } from '../protocol.ts';

const at = '2026-03-02T10:00:00.000Z';
const answer = (fileId: string, link?: string): LogEvent => ({
  type: 'bot_decision',
  at,
  p: {
    kind: 'answer',
    lang: 'nb',
    detectedLang: 'nb',
    fileId,
    unanswered: false,
    redacted: 'q',
    ...(link ? { link } : {}),
  },
});
const handover = (reason: string): LogEvent => ({
  type: 'handover_requested',
  at,
  p: { reason, queue: 'servicetorget' },
});
const closed = (contactType?: string): LogEvent => ({
  type: 'closed',
  at,
  p: { by: 'agent', state: 'assigned', ...(contactType ? { contactType } : {}) },
});

function typeOf(events: LogEvent[], links: Record<string, string> = {}) {
  const c: ConversationLog = { id: 'c', startedAt: at, lang: 'nb', events };
  return impliedContactType(c, classifyConversation(c), new Map(Object.entries(links)));
}

describe('contact types', () => {
  it('puts every KOMHEN type in exactly one category', () => {
    expect(Object.keys(CONTACT_CATEGORY).sort()).toEqual([...CONTACT_TYPES].sort());
  });

  it('takes the type staff chose over anything the bot did', () => {
    expect(typeOf([answer('a'), handover('personal'), closed('new_case')])).toEqual({
      type: 'new_case',
      by: 'staff',
    });
  });

  it('takes the type staff chose when answering the offline message the conversation left', () => {
    const ticketAnswered: LogEvent = {
      type: 'ticket_answered',
      at,
      p: { ticketId: 1, channel: 'phone', secondsToAnswer: 60, contactType: 'case_status_change' },
    };
    expect(typeOf([answer('a'), handover('personal'), ticketAnswered])).toEqual({
      type: 'case_status_change',
      by: 'staff',
    });
  });

  it('reads the bot: answers are general advice, or self-service help when the file (or the log) has a link', () => {
    expect(typeOf([answer('a')])).toEqual({ type: 'general_advice', by: 'bot' });
    expect(typeOf([answer('a')], { a: 'https://x.example/form' })).toEqual({
      type: 'self_service_help',
      by: 'bot',
    });
    expect(typeOf([answer('a', 'https://x.example/form')])).toEqual({ type: 'self_service_help', by: 'bot' });
    expect(typeOf([handover('personal')])).toEqual({ type: 'existing_case_info', by: 'bot' });
  });

  it('leaves other handovers and an agent close without a type unclassified', () => {
    expect(typeOf([answer('a'), handover('complaint')])).toBeUndefined();
    expect(typeOf([handover('human_request'), closed()])).toBeUndefined();
  });
});
