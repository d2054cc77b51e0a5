import { describe, expect, it } from 'vitest';
import type { Lang } from '../../knowledge/index.ts';
import type { ReplyLang } from '../types.ts';
import { detectLanguage, replyLanguageFor } from './detect-language.ts';

/** Real citizen-style sentences; fastText alone gets many of the nb/nn/da ones wrong. */
const SENTENCES: [string, Lang][] = [
  ['Hvor mye koster barnehage?', 'nb'],
  ['Hvordan søker jeg om barnehageplass?', 'nb'],
  ['Jeg har ikke fått svar på søknaden min', 'nb'],
  ['Når blir søppelet hentet hos meg?', 'nb'],
  ['Kan jeg få hjelp til å fylle ut skjemaet?', 'nb'],
  ['Kva kostar barnehagen?', 'nn'],
  ['Korleis søkjer eg om plass i barnehagen?', 'nn'],
  ['Eg har ikkje fått svar på søknaden', 'nn'],
  ['Kor mykje er eigedomsskatten i år?', 'nn'],
  ['Kven kan eg snakke med om byggjesøknaden min?', 'nn'],
  ['Hvad koster en plads i børnehave?', 'da'],
  ['Hvordan søger jeg om plads i vuggestue?', 'da'],
  ['Hvornår bliver skraldet hentet?', 'da'],
  ['Jeg har ikke fået svar på min ansøgning', 'da'],
  ['Hvad er åbningstiderne for genbrugspladsen?', 'da'],
  ['Vad kostar förskolan?', 'sv'],
  ['Jag vill ansöka om bygglov för ett garage', 'sv'],
  ['Hur söker jag plats i förskolan?', 'sv'],
  ['What does kindergarten cost?', 'en'],
  ['Can I apply for a place in after-school care?', 'en'],
  ['When is the garbage collected in my street?', 'en'],
  ['Put me through to Oppvekstkontoret', 'en'],
];

describe('detectLanguage', () => {
  it.each(SENTENCES)('"%s" → %s', async (text, lang) => {
    const guess = await detectLanguage(text, 'nb');
    expect(guess.detected).toBe(lang);
    expect(guess.why.length).toBeGreaterThan(0);
  });

  it.each([
    // [text, widget, detected]: short messages follow the widget unless a word gives the language away
    ['og for SFO?', 'nb', 'nb'],
    ['og for SFO?', 'nn', 'nn'],
    ['takk', 'da', 'da'],
    ['menneske please', 'nb', 'nb'],
    ['kva med SFO?', 'nb', 'nn'],
    ['hvad med SFO?', 'nb', 'da'],
    ['what about SFO?', 'nb', 'en'],
    ['tak', 'nb', 'da'],
    ['12039412345', 'da', 'da'],
  ] as [string, ReplyLang, Lang][])('"%s" with widget %s → %s', async (text, widget, lang) => {
    expect((await detectLanguage(text, widget)).detected).toBe(lang);
  });

  it('uses the widget language for nb/da sentences with no telling word', async () => {
    expect((await detectLanguage('Hvor kan jeg parkere med bobil om sommeren?', 'nb')).detected).toBe('nb');
    expect((await detectLanguage('Hvor kan jeg parkere med bobil om sommeren?', 'da')).detected).toBe('da');
  });

  it('answers languages it does not speak in the widget language', async () => {
    const guess = await detectLanguage('Wie viel kostet der Kindergarten?', 'da');
    expect(guess).toMatchObject({ detected: 'da', reply: 'da' });
    expect(guess.why.join(' ')).toContain('de');
  });

  it('replies to Swedish in Bokmål, or Danish in a Danish widget', async () => {
    expect((await detectLanguage('Vad kostar förskolan?', 'nb')).reply).toBe('nb');
    expect((await detectLanguage('Vad kostar förskolan?', 'en')).reply).toBe('nb');
    expect(replyLanguageFor('sv', 'da')).toBe('da');
    expect(replyLanguageFor('nn', 'nb')).toBe('nn');
  });
});
