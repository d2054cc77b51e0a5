import type { Lang } from '../types.ts';

/*
 * Function words per language: pronouns, articles, prepositions, auxiliaries and conjunctions.
 * Deliberately left out, because they carry meaning for Svar:
 * - question words (hva/kva/hvad/vad/what, når/when, hvor/kor/where, hvordan/korleis/hur/how, ...): the bot
 *   uses them to understand what is asked;
 * - negations (ikke/ikkje/inte/not/no, ingen): "bin not emptied" is not "bin emptied";
 * - verb particles (opp/op/upp/up, ut/ud/out, inn/ind): "si opp", "sige op" and "säga upp" mean "give up a
 *   place", not "say", so "si" is kept too;
 * - time words (før/etter/efter/innan/before/after): deadlines are asked about with them;
 * - quantity words (mye/mange/meget/mycket/much/many): "how much does it cost".
 * A query in an unknown language is filtered with all lists at once, so no list may hold a word that is a
 * content word in one of the other languages (Swedish "år" is "year", Danish "end" is English "end", Swedish
 * "dom" is Norwegian "verdict", Nynorsk "no" is English "no").
 */

/** Each language's list is written as space-separated words, grouped by kind, to stay readable. */
const words = (...groups: string[]): ReadonlySet<string> =>
  new Set(groups.join(' ').split(/\s+/).filter(Boolean));

export const STOPWORDS: Record<Lang, ReadonlySet<string>> = {
  nb: words(
    // pronouns
    'jeg meg min mi mitt mine du deg din di ditt dine han ham hans hun henne hennes den det dens dets',
    'vi oss vår vårt våre dere deres de dem seg sin sitt sine man selv denne dette disse noen',
    'alle hver hvert begge slik slike sånn',
    // articles
    'en ei et ett',
    // prepositions
    'i på til fra av med om for ved hos mot over under uten mellom gjennom blant per å',
    // auxiliaries
    'er var vært være ha har hadde hatt blir ble bli blitt vil ville skulle kunne måtte bør burde få',
    'får fikk fått',
    // conjunctions and adverbs of little weight
    'og eller men at som så da enn fordi hvis dersom både samt mens også bare jo vel nå her der dit',
    'altså',
  ),
  nn: words(
    // pronouns
    'eg meg min mi mitt mine du deg din di ditt dine han hans ho henne hennar den det vi me oss vår',
    'vårt våre de dykk dykkar dei deira seg sin sitt sine ein sjølv denne dette desse noko nokon',
    'nokre alle kvart begge slik slike sånn',
    // articles
    'eit ei',
    // prepositions
    'i på til frå av med om for ved hjå mot over under utan mellom gjennom blant per å',
    // auxiliaries
    'er var vore vere ha har hadde hatt blir vert vart bli blitt vorte vil ville skulle kunne måtte',
    'bør burde få får fekk fått',
    // conjunctions and adverbs of little weight
    'og eller men at som så då enn fordi viss dersom både samt medan også òg berre jo vel her der dit',
  ),
  da: words(
    // pronouns
    'jeg mig min mit mine du dig din dit dine han ham hans hun hende hendes den det dens dets vi os',
    'vores i jer jeres de dem deres sig sin sit sine man selv denne dette disse noget nogen nogle',
    'alle hver hvert begge sådan sådanne',
    // articles
    'en et',
    // prepositions
    'på til fra af med om for ved hos mod over under uden mellem gennem blandt per at',
    // auxiliaries
    'er var været være have har havde haft bliver blev blive blevet vil ville skulle kunne måtte bør',
    'burde få får fik fået',
    // conjunctions and adverbs of little weight
    'og eller men som så da fordi hvis både samt mens også bare jo vel nu her der altså',
  ),
  sv: words(
    // pronouns
    'jag mig mej min mitt mina du dig dej din ditt dina han honom hans hon henne hennes den det dess',
    'vi oss vår vårt våra ni er ert era de dem deras sig sin sitt sina man själv denna detta dessa',
    'någon något några alla varje båda sådan sådant sådana',
    // articles
    'en ett',
    // prepositions
    'i på till från av med om för vid hos mot över under utan mellan genom bland per åt att',
    // auxiliaries
    'är varit vara ha har hade haft blir blev bli blivit ska skall skulle vill ville kunde kunna',
    'måste bör borde få får fick fått',
    // conjunctions and adverbs of little weight
    'och eller men som så då än eftersom ifall både samt medan också även bara ju väl nu här där',
  ),
  en: words(
    // pronouns
    'me my mine myself you your yours yourself he him his himself she her hers herself it its itself',
    'we us our ours ourselves they them their theirs themselves this that these those one some any',
    'each every both such own same other',
    // articles
    'a an the',
    // prepositions
    'of at by for with about to from in on into onto over under between through during among per via',
    'as',
    // auxiliaries
    'am is are was were be been being have has had having do does did will would shall should may',
    'might must can could',
    // conjunctions and adverbs of little weight
    'and or but if because so than too very also just then there here while whether only again',
  ),
};
