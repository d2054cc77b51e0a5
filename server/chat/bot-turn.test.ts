import { describe, expect, it } from 'vitest';
import { botPayload } from '../protocol.ts';
import { botMeta } from './bot-turn.ts';

describe('botMeta', () => {
  it('passes an answer’s related links to the widget, and leaves out empty lists', () => {
    const related = [{ fileId: 'sfo-soknad', title: 'Søke SFO' }];
    const meta = botMeta({ text: 'Svar', askFeedback: true, related, suggestions: [] }, 'answer');
    expect(meta.bot.related).toEqual(related);
    expect(meta.bot.suggestions).toBeUndefined();
    expect(botPayload.safeParse({ ...meta.bot, text: 'Svar' }).success).toBe(true);
    expect(botMeta({ text: 'Svar', askFeedback: true, related: [] }, 'answer').bot.related).toBeUndefined();
  });
});
