import { fold } from './normalize.ts';

/**
 * Words that carry no topic in nb, nn, da, sv and en (folded). Used to count a message's content words, e.g.
 * to tell a short follow-up ("og for SFO?") from a full question. Deliberately small: a word missing here only
 * makes a message look one word longer.
 */
const RAW = `
og i pa på til for av fra frå med om at å a er var har hadde kan kunne skal skulle vil ville må ma mo
en ein ei et eit den det de dei dette disse desse denne der her som så sa da då men eller også ogsa og òg
jeg eg meg mig deg dig du vi me oss os dere dykk jer han hun ho hen seg sig min mi mitt mine din di ditt dine
hva kva hvad vad hvem kven vem hvor kor var hvordan korleis hur hvorfor kvifor varför når nar hvornår
hvilken hvilke kva for noe noko noget nogen noen nokon ikke ikkje ikkje inte ja nei nej jo bare berre
mye mykje meget mycket litt lidt mer meir mere få fa får far fikk fekk fik
jag och är att för från också någon något hur vad vem mig dig sig
the a an is are was were be been do does did i me my you your we our it its this that these those there
what which who whom where when why how can could should would will shall may might must of in on at to
for from with about and or but not no yes so if then than also just please
hei hej hi hello takk tak tack thanks thank
`;

export const STOPWORDS: ReadonlySet<string> = new Set(
  RAW.split(/\s+/)
    .filter(Boolean)
    .map((w) => fold(w)),
);

/** Folded words of a message that are not stop words. */
export function contentWords(foldedTokens: readonly string[]): string[] {
  return foldedTokens.filter((w) => !STOPWORDS.has(w));
}
