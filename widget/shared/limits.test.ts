import { describe, expect, it } from 'vitest';
import { CHAT_LANGS, MAX_MESSAGE_CHARS as SERVER_MAX } from '../../server/protocol.ts';
import { CHAT_LANG_LIST } from './langs.ts';
import { MAX_MESSAGE_CHARS } from './limits.ts';

// The browser bundles keep their own copies of these protocol constants; they must not drift.
describe('protocol constants mirrored in widget/shared', () => {
  it('has the same message limit and languages as server/protocol.ts', () => {
    expect(MAX_MESSAGE_CHARS).toBe(SERVER_MAX);
    expect([...CHAT_LANG_LIST].sort()).toEqual([...CHAT_LANGS].sort());
  });
});

describe('the rating comment limit (issue 19)', () => {
  it('is the server note limit', async () => {
    const { MAX_NOTE_CHARS: server } = await import('../../server/protocol.ts');
    const { MAX_NOTE_CHARS } = await import('./limits.ts');
    expect(MAX_NOTE_CHARS).toBe(server);
  });
});
