import { describe, expect, it } from 'vitest';
import {
  CONTACT_TYPES,
  ERROR_CODES,
  citizenClientFrame,
  frameErrorCode,
  staffClientFrame,
  MAX_MESSAGE_CHARS,
} from './protocol.ts';
import { ERROR_MESSAGES } from './error-messages.ts';

const code = (frame: unknown): string => {
  const r = citizenClientFrame.safeParse(frame);
  return r.success ? 'ok' : frameErrorCode(r.error.issues);
};

describe('citizen frames', () => {
  it('accepts each frame type', () => {
    const frames = [
      { type: 'start', v: 1, lang: 'nb' },
      { type: 'start', v: 1, lang: 'en', resumeToken: 'x'.repeat(43), queue: 'oppvekst', page: '/barnehage' },
      { type: 'message', clientId: 'c1', text: 'Når er det opptak?' },
      { type: 'typing', active: true },
      { type: 'choose', fileId: 'barnehage-opptak' },
      { type: 'human' },
      { type: 'feedback', messageId: 3, helpful: false, comment: 'nope' },
      { type: 'leave_message', question: 'Hei', email: 'a@example.org', consent: true },
      { type: 'leave_message', question: 'Hei', phone: '+47 31 00 00 00', consent: true },
      { type: 'end' },
      { type: 'transcript_email', email: 'a@example.org' },
    ];
    expect(frames.map(code)).toEqual(frames.map(() => 'ok'));
  });

  it('gives long messages their own code and everything else bad_frame', () => {
    expect(code({ type: 'message', clientId: 'c', text: 'x'.repeat(MAX_MESSAGE_CHARS) })).toBe('ok');
    expect(code({ type: 'message', clientId: 'c', text: 'x'.repeat(MAX_MESSAGE_CHARS + 1) })).toBe(
      'message_too_long',
    );
    expect(code({ type: 'message', clientId: 'c', text: '   ' })).toBe('bad_frame');
    expect(code({ type: 'start', v: 2, lang: 'nb' })).toBe('bad_frame');
    expect(code({ type: 'start', v: 1, lang: 'sv' })).toBe('bad_frame');
    expect(code({ type: 'nope' })).toBe('bad_frame');
    expect(code({ type: 'human', extra: 1 })).toBe('bad_frame');
    expect(code({ type: 'leave_message', question: 'Hei', consent: true })).toBe('bad_frame');
    expect(code({ type: 'leave_message', question: 'Hei', email: 'a@example.org', consent: false })).toBe(
      'bad_frame',
    );
  });

  it('trims message text', () => {
    expect(citizenClientFrame.parse({ type: 'message', clientId: 'c', text: '  hei  ' })).toMatchObject({
      text: 'hei',
    });
  });
});

describe('staff frames', () => {
  it('needs exactly one transfer target and a KOMHEN type to close', () => {
    expect(
      staffClientFrame.safeParse({ type: 'transfer', conversationId: 'c', toQueue: 'helse' }).success,
    ).toBe(true);
    expect(staffClientFrame.safeParse({ type: 'transfer', conversationId: 'c' }).success).toBe(false);
    expect(
      staffClientFrame.safeParse({ type: 'transfer', conversationId: 'c', toQueue: 'helse', toAgentId: 2 })
        .success,
    ).toBe(false);
    for (const contactType of CONTACT_TYPES) {
      expect(staffClientFrame.safeParse({ type: 'close', conversationId: 'c', contactType }).success).toBe(
        true,
      );
    }
    expect(
      staffClientFrame.safeParse({ type: 'close', conversationId: 'c', contactType: 'other' }).success,
    ).toBe(false);
  });
});

it('has a message for every error code', () => {
  expect(Object.keys(ERROR_MESSAGES).sort()).toEqual(Object.values(ERROR_CODES).sort());
});
