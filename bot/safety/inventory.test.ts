import { describe, expect, it } from 'vitest';
import { foldedWords } from '../text/normalize.ts';
import { findIds } from './ids.ts';
import { builtInCompiledLexicon, scanDistress, scanLexicon } from './lexicons.ts';

/**
 * One invented message per language for every family in INVENTORY.md, and near misses that share their words
 * but must not be handed over. Written for this test from the inventory, not taken from any question set.
 */

type Lang = 'nb' | 'nn' | 'da' | 'sv' | 'en';
const HIGH = 4.5;
const ORDER = ['crisis', 'pii', 'human_request', 'complaint', 'personal', 'sensitive'] as const;

function reasonOf(message: string): string {
  const lexicon = builtInCompiledLexicon();
  const tokens = foldedWords(message);
  const hits = scanLexicon(lexicon, tokens);
  if (hits.has('crisis') || scanDistress(lexicon, tokens).score >= HIGH) return 'crisis';
  if (findIds(message).length > 0) return 'pii';
  return ORDER.find((r) => hits.has(r)) ?? 'none';
}

const INVENTORY: Record<string, { reason: string; examples: Record<Lang, string> }> = {
  stroke: {
    reason: 'crisis',
    examples: {
      nb: 'min far snakker rart og den ene siden av ansiktet henger',
      nn: 'mor mi snakkar utydeleg og andletet heng på den eine sida',
      da: 'min mand taler mærkeligt og mundvigen hænger',
      sv: 'pappa sluddrar och ansiktet hänger på ena sidan',
      en: "my dad's face is drooping on one side and his speech is slurred",
    },
  },
  heart_attack: {
    reason: 'crisis',
    examples: {
      nb: 'kona mi har sterke smerter i brystet som stråler ut i armen',
      nn: 'han har vondt i brystet og er kaldsveitt',
      da: 'min far har trykken i brystet lige nu',
      sv: 'min man har ont i bröstet och det strålar ut i armen',
      en: 'my husband has crushing chest pain right now',
    },
  },
  unconscious: {
    reason: 'crisis',
    examples: {
      nb: 'bestefar er bevisstløs på kjøkkengulvet',
      nn: 'mannen er medvitslaus og vi får ikkje kontakt',
      da: 'min søster er bevidstløs',
      sv: 'hon är medvetslös och vaknar inte',
      en: 'my flatmate is unconscious and I cannot wake him',
    },
  },
  not_breathing: {
    reason: 'crisis',
    examples: {
      nb: 'babyen puster ikke',
      nn: 'guten pustar ikkje',
      da: 'min datter trækker ikke vejret',
      sv: 'bebisen andas inte',
      en: "the baby isn't breathing",
    },
  },
  seizure: {
    reason: 'crisis',
    examples: {
      nb: 'sønnen min har et krampeanfall nå',
      nn: 'dottera mi har krampeanfall',
      da: 'han har et krampeanfald',
      sv: 'hon har ett krampanfall',
      en: 'my son is having a seizure',
    },
  },
  overdose: {
    reason: 'crisis',
    examples: {
      nb: 'kjæresten min har tatt for mange piller',
      nn: 'ho har teke for mange tablettar',
      da: 'min ven har taget for mange piller',
      sv: 'han har tagit för många tabletter',
      en: 'my friend took too many pills',
    },
  },
  poisoning: {
    reason: 'crisis',
    examples: {
      nb: 'toåringen har drukket oppvaskmiddel',
      nn: 'veslejenta har drukke klorin',
      da: 'min dreng har drukket opvaskemiddel',
      sv: 'lillan har druckit diskmedel',
      en: 'my toddler drank bleach',
    },
  },
  bleeding: {
    reason: 'crisis',
    examples: {
      nb: 'han blør kraftig fra låret og det stopper ikke',
      nn: 'ho blør mykje og det sluttar ikkje å blø',
      da: 'han bløder voldsomt',
      sv: 'hon blöder kraftigt',
      en: "she's bleeding heavily and it won't stop bleeding",
    },
  },
  anaphylaxis: {
    reason: 'crisis',
    examples: {
      nb: 'han spiste nøtter og halsen hovner',
      nn: 'tunga hovnar etter kveps-stikk',
      da: 'halsen hæver efter et bistik',
      sv: 'halsen svullnar efter jordnötter',
      en: 'her throat is swelling after peanuts',
    },
  },
  choking: {
    reason: 'crisis',
    examples: {
      nb: 'mat satt fast i halsen til far',
      nn: 'noko sit fast i halsen på ungen',
      da: 'et stykke kød sidder fast i halsen',
      sv: 'en godisbit har fastnat i halsen',
      en: 'my son is choking on a grape',
    },
  },
  drowning: {
    reason: 'crisis',
    examples: {
      nb: 'en gutt holder på å drukne ved brygga',
      nn: 'eit barn held på å drukne',
      da: 'en mand er ved at drukne i havnen',
      sv: 'någon håller på att drunkna',
      en: 'a child fell in the river and is drowning',
    },
  },
  at_the_edge: {
    reason: 'crisis',
    examples: {
      nb: 'jeg står på brua nå og tenker på å hoppe',
      nn: 'eg sit på brukanten og veit ikkje kva eg gjer',
      da: 'jeg sidder på kajkanten og overvejer at hoppe',
      sv: 'jag sitter på bron och vill inte mer',
      en: "i'm standing on the ledge right now",
    },
  },
  serious_accident: {
    reason: 'crisis',
    examples: {
      nb: 'stygg ulykke på riksveien, folk sitter fast i bilen',
      nn: 'ein bil ligg på taket og folk sit fast',
      da: 'en cyklist er påkørt og bløder fra hovedet',
      sv: 'allvarlig olycka vid rondellen, bilen ligger på taket',
      en: 'a cyclist was hit by a car and is lying in the road',
    },
  },
  fire: {
    reason: 'crisis',
    examples: {
      nb: 'det brenner i oppgangen vår',
      nn: 'det brenn i garasjen',
      da: 'det brænder i køkkenet',
      sv: 'det brinner i trapphuset',
      en: 'the kitchen is on fire',
    },
  },
  violence: {
    reason: 'crisis',
    examples: {
      nb: 'naboen slår kona si akkurat nå',
      nn: 'han slår mor mi',
      da: 'min kæreste slog mig i aftes',
      sv: 'han slår mig',
      en: 'my partner hits me',
    },
  },
  threat: {
    reason: 'crisis',
    examples: {
      nb: 'eksen truer med å drepe meg',
      nn: 'han trugar meg',
      da: 'han truer med at dræbe mig',
      sv: 'han hotar mig',
      en: 'he threatened to kill me',
    },
  },
  child_abuse: {
    reason: 'crisis',
    examples: {
      nb: 'stefaren til jenta slår henne',
      nn: 'onkelen valdtok jenta',
      da: 'hendes far slår hende',
      sv: 'hennes pappa slår henne',
      en: 'im 13 and my uncle touched me, he sexually abused me',
    },
  },
  domestic_violence: {
    reason: 'crisis',
    examples: {
      nb: 'jeg tør ikke gå hjem til mannen min',
      nn: 'eg tør ikkje gå heim',
      da: 'jeg tør ikke gå hjem',
      sv: 'jag vågar inte gå hem',
      en: "I'm scared to go home because of my husband",
    },
  },
  suicidal_direct: {
    reason: 'crisis',
    examples: {
      nb: 'jeg har lyst å dø',
      nn: 'eg vil ikkje leve lenger',
      da: 'jeg vil tage mit eget liv',
      sv: 'jag vill dö',
      en: 'i want to end my life',
    },
  },
  suicidal_indirect: {
    reason: 'crisis',
    examples: {
      nb: 'alle hadde hatt det bedre uten meg',
      nn: 'alle har det betre utan meg',
      da: 'alle har det bedre uden mig',
      sv: 'alla har det bättre utan mig',
      en: 'everyone would be better off without me',
    },
  },
  self_harm: {
    reason: 'crisis',
    examples: {
      nb: 'jeg kutter meg selv igjen',
      nn: 'eg skadar meg sjølv',
      da: 'jeg skader mig selv',
      sv: 'jag skadar mig själv',
      en: 'i keep cutting myself',
    },
  },
  missing_person: {
    reason: 'crisis',
    examples: {
      nb: 'min mor med demens er savnet',
      nn: 'sonen min er forsvunne',
      da: 'min søn er forsvundet',
      sv: 'min dotter är försvunnen',
      en: 'my daughter is missing since this morning',
    },
  },
  missing_vulnerable_adult: {
    reason: 'crisis',
    examples: {
      nb: 'bestemor har demens og gikk ut i morges, vi har lett overalt',
      nn: 'far har demens og er borte, han gjekk ut utan jakke',
      da: 'min mormor er dement og er gået ud alene, vi har ledt i en time',
      sv: 'min pappa har demens och är borta sedan lunch',
      en: 'my uncle has dementia and wandered off from the care home an hour ago',
    },
  },
  child_in_danger_now: {
    reason: 'crisis',
    examples: {
      nb: 'to små unger i oppgangen har vært alene i tre dager og har ingen mat',
      nn: 'ungane til naboen står ute i berre pysjen og det er minusgrader',
      da: 'naboens børn har været alene i flere døgn, de har ingen mad',
      sv: 'barnen bredvid har varit ensamma sedan i fredags och har ingen mat',
      en: 'the two kids next door are alone since Sunday and have no food',
    },
  },
  violence_heard_now: {
    reason: 'crisis',
    examples: {
      nb: 'jeg hører at kvinnen over meg blir slått akkurat nå',
      nn: 'eg høyrer at mora til kompisen min blir slått heilt no',
      da: 'jeg kan høre at hun bliver slået inde ved siden af',
      sv: 'jag hör att grannen blir slagen just nu',
      en: 'I can hear the woman downstairs being beaten right now',
    },
  },
  weapon_at_school: {
    reason: 'crisis',
    examples: {
      nb: 'noen skriver i en gruppechat at de skal ta med våpen på skolen i morgen',
      nn: 'ein elev seier han skal ta med kniv på skulen i morgon',
      da: 'en dreng skriver at han vil tage kniv med i skole i morgen',
      sv: 'någon hotar att ta med vapen till skolan på måndag',
      en: 'a boy in my class says he is bringing a gun to school tomorrow',
    },
  },
  collapsed_in_the_street: {
    reason: 'crisis',
    examples: {
      nb: 'en eldre mann ligger på fortauet utenfor butikken',
      nn: 'ein mann ligg på gata og rører seg lite',
      da: 'der ligger en kvinde på fortovet ved stationen',
      sv: 'en man ligger på trottoaren utanför affären',
      en: 'a woman is lying on the pavement by the bus stop',
    },
  },
  unsafe_at_home: {
    reason: 'crisis',
    examples: {
      nb: 'jeg tør ikke gå hjem i kveld, han er så sint',
      nn: 'eg er ikkje trygg heime lenger',
      da: 'jeg tør ikke at gå hjem, han har truet mig',
      sv: 'jag vågar inte gå hem ikväll',
      en: "I don't feel safe at home tonight",
    },
  },
  small_child_missing_by_age: {
    reason: 'crisis',
    examples: {
      nb: 'vi finner ikke Ola på 3, han forsvant fra sandkassa',
      nn: 'Kari, 4 år, forsvann frå butikken for ti minutt sidan',
      da: 'min søn på 2 er forsvundet fra legepladsen',
      sv: 'vår treåring har försvunnit från stranden',
      en: 'our son, 4 years old, disappeared from the beach',
    },
  },
  fire_caught: {
    reason: 'crisis',
    examples: {
      nb: 'gardinene har tatt fyr og flammene er oppe i taket',
      nn: 'komfyren har teke fyr og flammane er store',
      da: 'der er gået ild i komfuret',
      sv: 'spisen har fattat eld och lågorna når taket',
      en: 'the curtains have caught fire in the flat above',
    },
  },
  locked_in_by_someone: {
    reason: 'crisis',
    examples: {
      nb: 'han låser meg inne på soverommet når han drikker',
      nn: 'han låser oss inne på rommet når han er sint',
      da: 'min kæreste låser mig inde når han er vred',
      sv: 'han låser in mig i källaren när han är arg',
      en: 'my partner locks me in the bathroom when he is angry',
    },
  },
  child_tied_or_starved: {
    reason: 'crisis',
    examples: {
      nb: 'naboen har bundet fast gutten sin til senga',
      nn: 'barnet ser underernært ut og et ingenting',
      da: 'barnet er afmagret og ligger alene i sengen',
      sv: 'grannens barn är utmärglad och fryser',
      en: 'the little boy next door looks emaciated and is always alone',
    },
  },
  touched_in_a_way: {
    reason: 'crisis',
    examples: {
      nb: 'treneren tar på henne på en måte som ikke er greit',
      nn: 'ein vaksen tek på meg på ein måte eg ikkje likar',
      da: 'hendes onkel rører ved hende på en måde der ikke er okay',
      sv: 'han tar på mig på ett sätt som inte känns okej',
      en: 'my stepdad touches me in a way that feels wrong',
    },
  },
  personal: {
    reason: 'personal',
    examples: {
      nb: 'hvor langt har dere kommet med søknaden min?',
      nn: 'kva er status på søknaden min?',
      da: 'hvad er status på min ansøgning?',
      sv: 'vad är status för min ansökan?',
      en: 'has my application been approved yet?',
    },
  },
  sensitive: {
    reason: 'sensitive',
    examples: {
      nb: 'jeg har ikke penger til mat denne uka',
      nn: 'eg har fått kreft og veit ikkje korleis eg skal klare meg',
      da: 'jeg er bekymret for nabobarnet, han får ikke mad',
      sv: 'min mamma har demens och klarar sig inte själv längre',
      en: 'I have depression and feel so lonely',
    },
  },
  complaint: {
    reason: 'complaint',
    examples: {
      nb: 'jeg vil klage på saksbehandleren',
      nn: 'det finn eg meg ikkje i, vedtaket må gjerast om',
      da: 'jeg vil klage over behandlingen',
      sv: 'jag accepterar inte beslutet',
      en: 'I want to file a complaint about how staff treated me',
    },
  },
  human_request: {
    reason: 'human_request',
    examples: {
      nb: 'kan du sette meg over til en saksbehandler',
      nn: 'eg vil snakke med eit menneske',
      da: 'stil mig videre til en medarbejder',
      sv: 'kan du koppla mig vidare',
      en: 'can I talk to a real person please',
    },
  },
  id_number: {
    reason: 'pii',
    examples: {
      nb: 'mitt personnummer er noe jeg ikke vil oppgi, men det er 01019912345',
      nn: 'fødselsnummeret mitt er 010199 12345',
      da: 'mit cpr-nummer er 010199-1234',
      sv: 'mitt personnummer är 19990101-1234',
      en: 'my personal number is 01019912345',
    },
  },
};

const NEAR_MISSES: string[] = [
  // nb
  'vi skal slå sammen to skoleklasser',
  'brannmuren på skolens nett stopper nettsiden',
  'hvordan melder jeg meg på førstehjelpskurs?',
  'Jeg har mistet passet mitt',
  'kan jeg grille på stranden, er det bålforbud?',
  'når blir røykvarsleren i kommunale boliger byttet?',
  'hvor leverer jeg gamle piller og medisiner?',
  'min mor har hatt hjerneslag, kan hun få hjemmetjeneste?',
  'hvordan søker jeg om sosialhjelp?',
  'hva gjelder for båndtvang?',
  // nn
  'kan ungdommar snakke med nokon på helsestasjonen?',
  'kva nummer ringjer eg for å snakke med servicetorget?',
  // da
  'hvordan skriver jeg min søn op til vuggestue?',
  'hvad gælder for parkering i weekenden?',
  'er det kommunen jeg skal klage til over en p-bøde?',
  // sv
  'hur ansöker man om försörjningsstöd?',
  'när har biblioteket öppet?',
  // en
  'how do I kill the process that locks the file?',
  "I'm dying to know when the pool opens",
  'are you a bot or a real person?',
  'how far ahead should i book travel vaccines?',
  'How do I get a licence to serve alcohol at my café?',
  'my son is missing his school books, where do I buy them?',
  'I hit the wall at work and need a holiday, when is the library open?',
  // topic, not a person in it; a form of the word, not a typo; a figure of speech
  'jeg skriver masteroppgave om selvmordsforebygging, har dere en handlingsplan?',
  'er det lov å brenne hageavfall i hagen?',
  "I'm drowning in paperwork, is there a checklist for newcomers?",
  'are there rules about choking hazards for toys in the kindergarten?',
  'my dog is breeding this spring, do I need a permit?',
  'vi var i en ulykke forrige uke, hvem betaler for skadene på bilen?',
  // a snow day, a child's absence, an empty fridge: the words of the newer crisis concepts, no danger
  'barna leker i snøen hver dag, når blir skolegården brøytet?',
  'min søn er væk fra skolen i dag, hvordan melder jeg fravær?',
  'vi har ingen mat i kjøleskapet, er butikken åpen på søndag?',
  // a purpose clause, laughter, a football club, a service for a group: no one in danger
  'finnes det svømmeopplæring så ungene ikke drukner i sommer?',
  'does the pool run lessons so kids do not drown?',
  'snøen dreper meg snart haha, når kommer brøytebilen?',
  'the queue at the tip is killing me lol, is it open on Sunday?',
  'så dere at Brann i Bergen vant i går?',
  'har kommunen et tilbud for folk med rusproblemer?',
  'findes der et dagtilbud for mennesker med demens?',
  'jeg har bestemt meg for å ta toget til Oslo, når går bussen til stasjonen?',
  'hvem arver huset, har dere et skjema for testament?',
  // an age, a fire word, a lock, a touch: no one in danger
  'kan en på 4 år begynne i barnehagen i januar?',
  'grillen tok fyr i fjor, hva sier reglene om grilling på balkong?',
  'jeg har låst meg ute, kan vaktmesteren komme?',
  'can a 3 year old get a place at the kindergarten in spring?',
  'I am tied up at work, can my son stay longer at the after-school club?',
  'how do I lock the bins in so the crows stay out?',
  'the teacher touched on the topic of bullying, is there a plan?',
];

describe('inventory: every family in every language', () => {
  for (const [family, { reason, examples }] of Object.entries(INVENTORY)) {
    for (const [lang, message] of Object.entries(examples)) {
      it(`${family} (${lang}): "${message}"`, () => {
        expect(reasonOf(message)).toBe(reason);
      });
    }
  }
});

/** A care matter, perhaps for a person, but no emergency: dementia is not a missing person by itself. */
const NOT_CRISIS: string[] = [
  'hvilke dagtilbud finnes for personer med demens?',
  'how do we apply for a care home place for a parent with dementia?',
  'mor har demens og finner ikke brillene sine, kan hjemmetjenesten hjelpe?',
];

describe('inventory: care matters are not crises', () => {
  for (const message of NOT_CRISIS) {
    it(`"${message}"`, () => {
      expect(reasonOf(message)).not.toBe('crisis');
    });
  }
});

describe('inventory: near misses stay with the bot', () => {
  for (const message of NEAR_MISSES) {
    it(`"${message}"`, () => {
      expect(reasonOf(message)).toBe('none');
    });
  }
});
