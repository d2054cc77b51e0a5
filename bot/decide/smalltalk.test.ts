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
    // asking what the bot is, and compliments
    ['Er du en robot eller et menneske?', 'bot'],
    ['Hei! Snakker jeg med en robot?', 'bot'],
    ['are you a real person?', 'bot'],
    ['Är du en robot?', 'bot'],
    ['du er sgu meget sød', 'thanks'],
    ["Thanks, you're the best", 'thanks'],
    // a clause that opens with thanks is a thanks, whatever it thanks for
    ['supert, tusen takk for kjapt svar', 'thanks'],
    ['mange tak for hjælpen i dag, det var lige det jeg manglede', 'thanks'],
    ['thanks for sorting that out so quickly', 'thanks'],
    ['okay super, så ved jeg det. hav en fortsat god dag', 'bye'],
    ['hei hei, korleis står det til med deg i dag?', 'hello'],
    ['Tack för hjälpen, ha en trevlig dag!', 'bye'],
    ['Thanks, that was very helpful!', 'thanks'],
    ['Thank you and have a lovely weekend', 'bye'],
    ['Hei hei! Takk for sist', 'thanks'],
    // friendly wishes and "that was just what I needed", also split by a comma or addressed to the bot
    ['Hei! Håper du har en fin dag', 'hello'],
    ['God morgen, Svar! Håper dere har en god dag', 'hello'],
    ['Hej! Håber I har en god dag derude', 'hello'],
    ['Hejsan! Hoppas ni har en fin dag', 'hello'],
    ['Hi there! Hope you are having a lovely day', 'hello'],
    ['Takk, det var akkurat det jeg trengte!', 'thanks'],
    ['Takk, det var nettopp det eg lurte på', 'thanks'],
    ['Mange tak, det var lige det, jeg ledte efter', 'thanks'],
    ['Tack, det var precis det jag behövde', 'thanks'],
    ['Cheers, that solved it', 'thanks'],
    // friendly chatter around a pleasantry
    ['Hei! Håper det ikke er for travelt der inne hos deg i dag', 'hello'],
    ['Takk skal du ha, du har vært veldig snill og tålmodig', 'thanks'],
    ['Mange tak for hjælpen. Hav en dejlig aften', 'bye'],
    ['Hej! Hoppas du har en lugn dag', 'hello'],
    ['Hi! Hope your morning is going well', 'hello'],
    // a plain goodbye with thanks or praise, in every language
    ['Farvel og tusen takk, du har vært til stor hjelp i dag', 'thanks'],
    ['Ha det og takk for hjelpa, du var til stor hjelp', 'thanks'],
    ['Farvel og mange tak, du har været en kæmpe hjælp', 'thanks'],
    ['Tack och hejdå, du har varit till stor hjälp', 'bye'],
    ['Goodbye and thanks, you have been a huge help today', 'thanks'],
  ] as const)('"%s" → %s', (message, kind) => {
    expect(kindOf(message)).toBe(kind);
  });

  it.each([
    'Takk, men hva koster SFO?',
    'Er du en robot? Hva koster SFO?',
    'Takk for svaret, men når er fristen for SFO?',
    'Thanks for the info on kindergarten fees and the reduced price and when is the deadline',
    'Er robotgressklipper lov på søndager?',
    'Tusen takk. Når er søknadsfristen for barnehage?',
    'Tak for svaret, hvornår har genbrugspladsen åbent?',
    'Thanks, and how do I apply?',
    'Hei, jeg lurer på noe om eiendomsskatt',
    'Ha en fin dag, men først: hva koster parkering?',
    'Håper du har en fin dag. Hva koster SFO?',
    'Takk, det var akkurat det jeg lurte på. Og prisen?',
    'Svar, hva koster SFO?',
    'Hope you are well, how do I apply for a parking permit?',
    'Takk for hjelpen, du har vært snill. Hva koster SFO?',
    'Hei! Håper du har en fin dag, jeg lurer på byggesøknad',
    'Takk for alt. Jeg orker ikke mer',
    'Farvel, jeg orker ikke mer',
    'Takk for hjelpen, du har vært til stor hjelp. Hva med storavfall?',
  ])('"%s" stays a question', (message) => {
    expect(kindOf(message)).toBeUndefined();
  });
});
