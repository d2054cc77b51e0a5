import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../../policy/thresholds.ts';
import { foldedWords } from '../../text/normalize.ts';
import { distressScore } from './distress.ts';

const { distressHighMin: high, distressModerateMin: moderate } = DEFAULT_THRESHOLDS;
const score = (text: string, general = false): number => distressScore(foldedWords(text), general).score;

/** Invented messages (not from any eval set) that must reach at least the moderate score. */
const POSITIVES: readonly [lang: string, text: string][] = [
  ['nb', 'jeg er så håpløs, alle hadde klart seg bedre uten meg'],
  ['nb', 'stefar dytta meg ned trappa og jeg blør fra hodet nå'],
  ['nb', 'bestefar kollapset på badet og svarer ikke'],
  ['nn', 'eg har kutta meg på armane igjen i kveld'],
  ['nn', 'det luktar gass og bestemor opnar ikkje døra'],
  ['da', 'jeg er bare en byrde, snart forsvinder jeg'],
  ['da', 'min kæreste låste mig inde og tog min telefon'],
  ['sv', 'jag har skurit mig med rakblad och det blöder nu'],
  ['sv', 'min bror svimmade och andas konstigt'],
  ['en', 'i wrote goodbye letters to my family and gave away my cat'],
  ['en', 'my girlfriend passed out and is not breathing properly'],
  ['en', 'a little girl alone on the balcony railing right now'],
];

/** General questions and service questions sharing the vocabulary: must stay below the moderate score. */
const NEAR_MISSES: readonly [lang: string, text: string, general?: boolean][] = [
  ['nb', 'hvor leverer jeg gamle piller', true],
  ['nb', 'når er neste førstehjelpskurs'],
  ['nb', 'må jeg ha røykvarsler i hytta'],
  ['nb', 'regler for gassgrill på balkongen'],
  ['nb', 'Brann spiller hjemme'],
  ['nn', 'kva er telefonnummeret til legevakta'],
  ['da', 'hvad koster en plads i vuggestuen for min søn'],
  ['sv', 'har min bygglovsansökan för altanen blivit godkänd'],
  ['en', 'what does the crisis centre offer', true],
  ['en', 'what if someone collapses — is there a first aid course', true],
];

/** A goodbye counts only with despair, a plan, a means, someone not answering or a final time. */
const FAREWELLS: readonly [lang: string, text: string, distress: boolean][] = [
  ['nb', 'farvel og tusen takk, du har vært til stor hjelp i dag', false],
  ['nn', 'farvel, og takk for hjelpa no', false],
  ['da', 'farvel og tak for nu, du har været en stor hjælp', false],
  ['sv', 'farväl och tack för idag, du har varit till stor hjälp', false],
  ['en', 'goodbye and thanks, you were a huge help just now', false],
  ['nb', 'farvel, jeg orker ikke mer', true],
  ['nn', 'farvel alle saman, eg orkar ikkje meir', true],
  ['da', 'farvel for altid, jeg er bare en byrde', true],
  ['sv', 'farväl, jag ger upp i natt', true],
  ['en', 'goodbye everyone, i cant go on any more', true],
  ['nb', 'sønnen min la ut et farvel-innlegg og svarer ikke på telefonen', true],
  ['en', 'my brother posted a goodbye message and is not answering', true],
];

/** A knife counts only with violence, rage, danger, despair or self-injury; alone it is a packing list. */
const KNIVES: readonly [lang: string, text: string, distress: boolean][] = [
  ['nb', 'kan jeg ta med kniv på leirskole?', false],
  ['nn', 'kan eg ta med kniv på leirskulen?', false],
  ['da', 'må jeg tage en kniv med på lejrskole?', false],
  ['sv', 'får jag ta med kniv på lägerskolan?', false],
  ['en', 'can i bring a knife to scout camp?', false],
  ['nb', 'han slår meg og har en kniv', true],
  ['en', 'he hit me and now he has a knife', true],
];

describe('distress score', () => {
  it.each(KNIVES)('%s: "%s" with a knife is distress: %s', (_lang, text, distress) => {
    if (distress) expect(score(text)).toBeGreaterThanOrEqual(moderate);
    else expect(score(text)).toBeLessThan(moderate);
  });

  it.each(FAREWELLS)('%s: "%s" is distress: %s', (_lang, text, distress) => {
    if (distress) expect(score(text)).toBeGreaterThanOrEqual(moderate);
    else expect(score(text)).toBeLessThan(moderate);
  });

  it.each(POSITIVES)('%s: "%s" reaches the moderate score', (_lang, text) => {
    expect(score(text)).toBeGreaterThanOrEqual(moderate);
  });

  it.each(NEAR_MISSES)('%s: "%s" stays below it', (_lang, text, general) => {
    expect(score(text, general)).toBeLessThan(moderate);
  });

  it('reaches the high score with several concepts and boosts', () => {
    expect(
      score('jeg orker ikke mer, har skrevet brev til mamma og gitt bort alt i kveld'),
    ).toBeGreaterThanOrEqual(high);
  });

  it('counts inflections and typos, and names concepts and boosts', () => {
    const d = distressScore(foldedWords('brenner meg igjen med lighteren'), false);
    expect(d.concepts).toContain('self_injury');
    expect(d.boosts).toEqual(expect.arrayContaining(['first_person', 'present']));
    expect(d.note).toContain('distress score');
  });

  it('gives no boosts without a distress concept', () => {
    expect(score('jeg er 14 og mamma spør om SFO nå')).toBe(0);
  });
});
