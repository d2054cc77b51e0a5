import { describe, expect, it } from 'vitest';
import { LANGS } from '../types.ts';
import { fold } from './analyzer.ts';
import { STOPWORDS } from './stopwords.ts';

const QUESTION_WORDS = {
  nb: ['hva', 'hvem', 'hvor', 'hvordan', 'hvorfor', 'når', 'hvilken', 'hvilke', 'hvilket'],
  nn: ['kva', 'kven', 'kvar', 'kor', 'korleis', 'kvifor', 'når', 'kvi'],
  da: ['hvad', 'hvem', 'hvor', 'hvordan', 'hvorfor', 'hvornår', 'hvilken', 'hvilke', 'hvilket'],
  sv: ['vad', 'vem', 'var', 'vart', 'hur', 'varför', 'när', 'vilken', 'vilka', 'vilket'],
  en: ['what', 'who', 'whom', 'whose', 'where', 'how', 'why', 'when', 'which'],
};

// Words that change what a question means; a query in an unknown language is filtered with every list.
const MEANINGFUL = [
  'ikke',
  'ikkje',
  'inte',
  'not',
  'no',
  'ingen',
  'inget',
  'intet',
  'aldri',
  'aldrig',
  'never',
];
const PARTICLES = ['si', 'sei', 'opp', 'op', 'upp', 'up', 'ut', 'ud', 'out', 'inn', 'ind'];
const OTHER_LANGUAGES_CONTENT = ['år', 'end', 'dom', 'mye', 'mange', 'meget', 'mycket', 'much', 'many'];

describe('STOPWORDS', () => {
  it('has a list of 60 to 150 lower-case single words for every language', () => {
    for (const lang of LANGS) {
      const list = [...STOPWORDS[lang]];
      expect(list.length, lang).toBeGreaterThanOrEqual(60);
      expect(list.length, lang).toBeLessThanOrEqual(150);
      for (const word of list) expect(word, lang).toMatch(/^[\p{Ll}]+$/u);
    }
  });

  it('keeps each language’s question words out, because the bot reads them', () => {
    for (const lang of LANGS) {
      const present = QUESTION_WORDS[lang].filter((word) => STOPWORDS[lang].has(word));
      expect(present, lang).toEqual([]);
    }
  });

  it('never drops a negation, verb particle or content word, even after Nordic letters are folded', () => {
    const folded = new Set(LANGS.flatMap((lang) => [...STOPWORDS[lang]].map((word) => fold(word))));
    const dropped = [...MEANINGFUL, ...PARTICLES, ...OTHER_LANGUAGES_CONTENT].filter((word) =>
      folded.has(fold(word)),
    );
    expect(dropped).toEqual([]);
  });

  it('holds the everyday function words', () => {
    const samples = {
      nb: ['og', 'på', 'jeg'],
      nn: ['eg', 'frå', 'dei'],
      da: ['af', 'mig', 'jeres'],
      sv: ['och', 'från', 'jag'],
      en: ['the', 'of', 'and'],
    };
    for (const lang of LANGS)
      expect(
        samples[lang].filter((word) => !STOPWORDS[lang].has(word)),
        lang,
      ).toEqual([]);
  });
});
