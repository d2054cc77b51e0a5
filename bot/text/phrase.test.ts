import { describe, expect, it } from 'vitest';
import { fold, foldedWords } from './normalize.ts';
import { compilePhrase, phraseMatches, withoutPhraseWords } from './phrase.ts';

const matches = (phrase: string, message: string): boolean => {
  const compiled = compilePhrase(phrase, 'test');
  if (!compiled) throw new Error(`phrase "${phrase}" compiled to nothing`);
  return phraseMatches(compiled, foldedWords(message));
};

describe('fold', () => {
  it.each([
    ['Søknad', 'soknad'],
    ['soeknad', 'soknad'],
    ['slår', 'slar'],
    ['slaar', 'slar'],
    ['Børnehave', 'bornehave'],
    ['Förskolan', 'forskolan'],
    ['vær', 'vaer'],
    ['café', 'cafe'],
  ])('%s → %s', (input, expected) => {
    expect(fold(input)).toBe(expected);
  });
});

describe('phraseMatches', () => {
  it.each([
    // [phrase, message, expected]
    ['vil ikke leve', 'Jeg vil ikke leve lenger', true],
    ['vil ikke leve', 'Jeg vil ikke levere søknaden', false], // word boundary
    ['han slår meg', 'han slaar meg', true], // keyboard spelling
    ['slåss', 'de sloss hver dag', true], // å typed as o
    ['selvmord*', 'jeg har selvmordstanker', true], // prefix
    ['selvmord*', 'selvmor', false],
    ['redd for * mann', 'jeg er redd for den nye mannen', false], // gap matches words, not inside them
    ['redd for * mann', 'redd for min mann', true],
    ['redd for * mann', 'redd for mann', true], // gap may be empty
    ['redd for * mann', 'redd for en av de andre i huset hans mann', false], // gap is at most three words
    ['mishandlet', 'jeg blir mishandelt', true], // one swap in a long word
    ['mishandlet', 'mishandlingen', false],
    ['kreft', 'kraft', false], // short words need to be exact
    ['cancer', 'How do I cancel my place?', false], // a changed letter in a six-letter word makes another word
    ['incest', 'Can I invest in a flat?', false],
    ['incest', 'det var icnest', true], // …but a swap, drop or extra letter is a typo
    ['incest', 'incesst i familien', true],
    ['voldtekt', 'jeg ble utsatt for voldtakt', true], // from seven letters a changed letter is a typo too
    ['=menneske', 'menneske please', true],
    ['=menneske', 'et menneske takk', true],
    ['=menneske', 'er en saksbehandler et menneske eller en robot', false],
    ['=hei', 'Hei!', true],
    ['=hei', 'Hei, hva koster barnehage?', false],
    ["don't want to live", 'I dont want to live', false], // "don t" vs "dont": listed separately in the lexicon
    ["don't want to live", "I don't want to live anymore", true],
    ['lukter gass', 'det lukter veldig gass i oppgangen', true], // an intensifier inside the phrase
    ['puster ikke', 'bestefar puster nesten ikke', true], // a hedge inside the phrase
    ['lugter af gas', 'det lugter sgu meget af gas', true], // two fillers
    ['lukter gass', 'det lukter veldig veldig sterkt av gass', false], // at most two, and only fillers
    ['puster ikke', 'puster ikke veldig', true],
    ['vil ikke leve', 'jeg vil virkelig gjerne leve', false], // a filler never stands in for a word
    ['gass', 'veldig gass', true],
    ['lukter gass', 'veldig lukter gass', true],
  ])('"%s" in "%s" → %s', (phrase, message, expected) => {
    expect(matches(phrase, message)).toBe(expected);
  });

  it('marks ! phrases weak and = phrases whole', () => {
    expect(compilePhrase('!min søknad', 'x')).toMatchObject({ weak: true, whole: false });
    expect(compilePhrase('= menneske', 'x')).toMatchObject({ weak: false, whole: true });
  });

  it('rejects phrases without words', () => {
    expect(compilePhrase('!!! *', 'x')).toBeUndefined();
    expect(compilePhrase('  ', 'x')).toBeUndefined();
  });
});

describe('withoutPhraseWords', () => {
  it('keeps what the handover phrase is about', () => {
    expect(withoutPhraseWords('Put me through to Oppvekstkontoret', 'put me through')).toBe(
      'to Oppvekstkontoret',
    );
    expect(withoutPhraseWords('Sett meg over til byggesak, takk', 'sett meg over')).toBe(
      'til byggesak, takk',
    );
  });
});

describe('suffix and infix words', () => {
  it.each([
    ['*kreft', 'Hun har brystkreft', true],
    ['*kreft', 'Hun har kreft', true],
    ['*kreft', 'kreftkoordinatoren', false],
    ['*barn*', 'nabobarnene', true],
    ['*barn*', 'Hva koster SFO?', false],
  ])('"%s" in "%s": %s', (phrase, message, expected) => {
    expect(matches(phrase, message)).toBe(expected);
  });
});
