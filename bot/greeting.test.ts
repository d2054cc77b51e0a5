import { describe, expect, it } from 'vitest';
import { greeting } from './greeting.ts';
import { DEFAULT_EMERGENCY } from './policy/emergency.ts';
import { REPLY_LANGS } from './types.ts';

describe('the greeting puts the emergency numbers in front of every citizen', () => {
  it.each(REPLY_LANGS)('%s: Norway’s general emergency number and the helpline, labelled', (lang) => {
    const text = greeting(lang, { emergency: DEFAULT_EMERGENCY.no }).text;
    const [general, helpline] = [DEFAULT_EMERGENCY.no[0], DEFAULT_EMERGENCY.no.at(-1)];
    expect(text).toContain(`112 (${general?.labels?.[lang]})`);
    expect(text).toContain(`116 123 (${helpline?.labels?.[lang]})`);
    expect(text).not.toMatch(/\{\w+\}/);
  });

  it('uses the municipality’s own list (Denmark: 112 and Livslinien)', () => {
    const text = greeting('da', { emergency: DEFAULT_EMERGENCY.dk }).text;
    expect(text).toContain('112 (Alarmcentralen');
    expect(text).toContain('70 201 201 (Livslinien)');
  });

  it('leaves the line out rather than show half of it when fewer than two numbers are configured', () => {
    const one = greeting('en', { emergency: [{ number: '112', label: 'Emergency' }] }).text;
    expect(one).not.toContain('112');
    expect(greeting('en', {}).text).not.toContain('danger');
  });
});

describe('the greeting is short (issue 19)', () => {
  it.each(REPLY_LANGS)(
    '%s: two paragraphs, the bot and privacy first, then the numbers and a person',
    (lang) => {
      const paragraphs = greeting(lang, { emergency: DEFAULT_EMERGENCY.no }).text.split('\n\n');
      expect(paragraphs).toHaveLength(2);
      expect(paragraphs[0]).toMatch(/chatbot/i);
      expect(paragraphs[1]).toContain('112');
      expect(paragraphs[1]).toContain('116 123');
    },
  );
});
