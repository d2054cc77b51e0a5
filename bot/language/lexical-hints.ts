import type { Lang } from '../../knowledge/index.ts';

/**
 * Words that give a language away. fastText's lid.176 confuses Bokmål with Danish on short questions
 * ("Hvor mye koster barnehage?" comes back as Danish) and rarely says Nynorsk, so these marker words decide
 * within the Scandinavian family. A word listed for several languages counts for each, but less.
 * Lower case, real letters (no folding: æ/ø/ä/ö are part of the signal).
 */
const MARKERS: Record<Lang, string> = {
  nb: `hva mye noen noe nå etter uke uka uken av ble blir bli gjøre gjør kjøre trenger spørsmål barnehage
    barnehagen barnehageplass barnehageplassen søke søker søknad søknaden søknadsfrist plass plassen hjelp hjelpe
    penger dere hvordan hvor jeg ikke meg deg seg fikk hei takk skole skolen være også koster deres hvilken hvis
    fra bare kanskje kveld mellom hjemme hjem betale betaler avgift gebyr legevakt fastlege kjøpe tømming søppel
    hente levere når mitt mine sykehjem kommer ønsker vil menneske`,
  nn: `eg ikkje kva korleis kven kvar kvifor kor søkje søkjer heime heim dykk dykkar ein eit frå berre vere
    vore ho noko nokon mykje sjå fekk gjer seier skule skulen ynskjer ønskjer kostar sidan teneste tenester
    tenesta meir veke veka mogleg moglegheit òg heilt dei deira vart kome kjem hjå eigen eige eigedom av
    eigedomsskatt sjukeheim sjuk treng søknad søknaden barnehage barnehagen plass hjelp pengar meg deg seg hei
    takk betale avgift korleis når mitt mine menneske me`,
  da: `hvad hvornår nogen noget mig dig sig meget efter uge ugen af blev bliver gøre gør behøver brug
    spørgsmål børnehave børnehaven vuggestue dagpleje søge søger ansøgning ansøgningen plads pladsen hjælp hjælpe
    penge jer jeres tak hej nu også ikke jeg hvordan hvor være koster købe gade mad tage tager lave laver sådan
    synes måske kun hvilke hvilken hvis borgerservice sagsbehandler sag sagen afgørelse afgørelsen mellem lige
    stadig altså skole skolen fra bare betale hjem hjemme kommer ønsker vil menneske`,
  sv: `jag inte hur vad och är att för från någon något mycket också kostar förskola förskolan ansöka söka
    ansökan hjälp pengar tack hej nu mig dig sig skola skolan barnet varför vilken när där här bara sedan
    kanske behöver får fick ärende ärendet beslut kommer vill`,
  en: `the is are what how my you your does do where when why which please thanks thank hello and of with need
    want get apply application cost costs price kindergarten school garbage tax can could would should have has
    am there this that it put through talk speak human number phone like would help got me`,
};

const ALL: Map<string, Lang[]> = (() => {
  const map = new Map<string, Lang[]>();
  for (const [lang, list] of Object.entries(MARKERS) as [Lang, string][]) {
    for (const word of list.split(/\s+/).filter(Boolean)) {
      const langs = map.get(word) ?? [];
      if (!langs.includes(lang)) langs.push(lang);
      map.set(word, langs);
    }
  }
  return map;
})();

export interface HintScores {
  scores: Record<Lang, number>;
  /** Marker words found, for `why`. */
  found: string[];
}

/** Marker score per language: 1 for a word only that language uses, 1/n for a word n languages share. */
export function hintScores(rawTokens: readonly string[]): HintScores {
  const scores: Record<Lang, number> = { nb: 0, nn: 0, da: 0, sv: 0, en: 0 };
  const found: string[] = [];
  for (const token of rawTokens) {
    const langs = ALL.get(token);
    if (langs) {
      for (const lang of langs) scores[lang] += 1 / langs.length;
      if (langs.length <= 2) found.push(`${token}→${langs.join('/')}`);
    }
    // Letters: ä/ö are Swedish (or German, which we do not answer in anyway); æ/ø are not Swedish.
    if (/[äö]/.test(token)) scores.sv += 0.5;
    if (/[æø]/.test(token)) {
      scores.nb += 0.1;
      scores.nn += 0.1;
      scores.da += 0.1;
    }
    // Spelling patterns: Norwegian -het/-heit vs Danish -hed; Norwegian kj-/gj- where Danish has k-/g-.
    if (token.length > 5 && token.endsWith('heit')) scores.nn += 0.5;
    else if (token.length > 5 && token.endsWith('het')) scores.nb += 0.5;
    if (token.length > 5 && token.endsWith('hed')) scores.da += 0.5;
    if (/^(kj|gj)/.test(token)) {
      scores.nb += 0.25;
      scores.nn += 0.25;
    }
  }
  return { scores, found };
}
