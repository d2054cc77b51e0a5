import { describe, expect, it } from 'vitest';
import { compileLexicon, scanLexicon } from '../safety/lexicons.ts';
import { foldedWords } from '../text/normalize.ts';
import { smalltalkOf } from './smalltalk.ts';

const lexicon = compileLexicon();
const kindOf = (message: string) =>
  smalltalkOf(lexicon, scanLexicon(lexicon, foldedWords(message)), message)?.kind;

describe('smalltalkOf', () => {
  it.each([
    // one phrase for the whole message
    ['Tusen takk!', 'thanks'],
    ['Hei', 'hello'],
    // several pleasantries in one message: the last one says which kind
    ['Tusen takk, det var til stor hjelp!', 'thanks'],
    ['Takk for hjelpen, ha en fin dag!', 'bye'],
    ['Takk for svaret. Ha ei fin helg', 'bye'],
    ['Tak for hjælpen, hav en god dag', 'bye'],
    ['Mange tak. Det hjalp', 'thanks'],
    ['Tack för hjälpen, ha en trevlig dag!', 'bye'],
    ['Thanks, that was very helpful!', 'thanks'],
    ['Thank you and have a lovely weekend', 'bye'],
    ['Hei hei! Takk for sist', 'thanks'],
  ] as const)('"%s" → %s', (message, kind) => {
    expect(kindOf(message)).toBe(kind);
  });

  it.each([
    'Takk, men hva koster SFO?',
    'Tusen takk. Når er søknadsfristen for barnehage?',
    'Tak for svaret, hvornår har genbrugspladsen åbent?',
    'Thanks, and how do I apply?',
    'Hei, jeg lurer på noe om eiendomsskatt',
    'Ha en fin dag, men først: hva koster parkering?',
  ])('"%s" stays a question', (message) => {
    expect(kindOf(message)).toBeUndefined();
  });
});
