import { describe, expect, it } from 'vitest';
import { foldedWords } from '../../text/normalize.ts';
import { scanBuiltInSignals } from './index.ts';
import { SIGNAL_RULES } from './rules.ts';

/**
 * Every crisis rule, with invented messages in several languages that must fire it (`yes`) and general
 * questions that share its words and must raise no crisis rule at all (`no`).
 */
const crisisRules = (message: string): string[] =>
  scanBuiltInSignals(foldedWords(message), false)
    .hits.filter((h) => h.reason === 'crisis')
    .map((h) => h.rule);

const RULES: Record<string, { yes: string[]; no: string[] }> = {
  'turning blue': {
    yes: [
      'bestefar puster nesten ikke og leppene er blå',
      'Min mor har fået helt blå læber og svarer mærkeligt',
      'my dad is barely breathing',
      'Pappa andas knappt och läpparna är blå',
    ],
    no: ['Hvor lenge er legevakten åpen i helgen?', 'Can I get a blue badge for parking?'],
  },
  'no reason to live': {
    yes: [
      'Jeg ser ingen grunn til å fortsette, alle hadde hatt det bedre uten meg',
      'Eg er så lei av livet',
      'Jeg kan ikke se nogen grund til at leve mere',
      'Alla skulle ha det bättre utan mig',
      'Honestly everyone would be better off without me',
      "nobody would even notice if I was gone, I'm done",
    ],
    no: [
      'Er det noen grunn til å fortsette med SFO i 4. klasse?',
      'Is it better to apply online or on paper?',
    ],
  },
  'despair with a means or a plan': {
    yes: [
      'Orker ikke mer, har samlet opp piller',
      'Eg orkar ikkje meir. Har skrive brev til familien',
      'Jeg kan ikke mere. Jeg har et reb klar',
      "I can't go on, I'm going to do it",
      'honestly i just dont see the point anymore, been reading about ways to end it',
      'Jeg ser ikke poenget lenger. Skal gjøre slutt i kveld',
      'Jag orkar inte mer, har tabletterna framför mig',
    ],
    no: [
      'Jeg orker ikke mer bråk fra naboen, hvem klager jeg til?',
      "I can't take it anymore with the noise from the building site",
    ],
  },
  'farewell letter': {
    yes: [
      "I've written a goodbye letter to my kids",
      'Jeg har skrevet et avskjedsbrev',
      'Har skrive avskilsbrev',
    ],
    no: ['Hvordan skriver jeg et brev til kommunen?'],
  },
  'farewell with a plan': {
    yes: [
      'Har skrevet brev til familien og skal gjøre det i natt',
      'Jeg har sagt farvel og har pillerne klar',
    ],
    no: ['Jeg har skrevet brev til kommunen tre ganger uten svar'],
  },
  'how many pills are enough': {
    yes: [
      'hvor mange pinex skal til før det er nok',
      'Kor mange paracet må eg ta for at det skal vere nok',
      'Hur många alvedon behöver man ta för att det ska räcka',
      'Hvor mange panodil skal man tage før det er nok',
      'how many sleeping pills would it take to never wake up',
    ],
    no: ['Hvor mange tabletter paracet kan et barn få per dag?', 'How many paracetamol can I take in a day?'],
  },
  'lethal dose': {
    yes: ['Hva er en dødelig dose paracetamol?', 'Hvor mange sovetabletter trenger man for å aldri våkne'],
    no: ['Hvor leverer jeg tabletter jeg ikke trenger lenger?'],
  },
  'took all the pills': {
    yes: [
      'Jeg har tatt hele pakka med sovetabletter',
      'I just swallowed all my pills',
      'Jag har tagit alla tabletterna',
    ],
    no: ['Jeg tok pillene mine i morges, hvor lenge er legevakten åpen?'],
  },
  'self-harm': {
    yes: [
      'Eg har skore meg igjen',
      'Jeg har kutta meg og det blør masse',
      'Jag har skurit mig igen',
      'I keep cutting myself',
      'Sønnen vår på 16 kutter seg, hva gjør vi nå?',
      'Vi har opdaget at vores søn skærer i armene',
      'I just found out my teenager is cutting herself',
    ],
    no: [
      'Jeg skar meg på en glassbit på lekeplassen, hvem har ansvaret?',
      'Gutten kuttet seg i fingeren på skolen, må vi til legevakten?',
    ],
  },
  'a child crying while someone rages': {
    yes: [
      'Naboen kjefter og brøler igjen, og jeg hører at barnet gråter hele tiden',
      'Der er nogen der skriger ovenpå og barnet græder, hvad gør jeg?',
      'upstairs a man keeps yelling and I can hear a kid crying',
    ],
    no: [
      'Naboene skriker og spiller høy musikk hver helg, hvem tar imot støyklager?',
      'my baby keeps crying at night, when is the health visitor open?',
    ],
  },
  'bleeding that does not stop': {
    yes: ['Det blør og blør og slutter ikke', 'Det bløder og holder ikke op', "It's bleeding and won't stop"],
    no: ['Hvor tar jeg blodprøve?'],
  },
  'violence against a person': {
    yes: [
      'Naboen kveler kona si, jeg hører henne skrike',
      'Min mand slog mig i aftes',
      'my stepdad hits my mum every weekend',
      'im 13 and my mums boyfriend hit me again',
      'Han banket henne opp i går',
    ],
    no: [
      'Kommunene ble slått sammen i 2020',
      'Vi vil slå oss ned i kommunen, hvordan får vi barnehageplass?',
      'The fee increase hit us hard this year',
      'Han slår alltid opp i kartet',
    ],
  },
  'thrown or pushed': {
    yes: [
      'Samboeren kastet meg i veggen',
      'Kjæresten min dyttet meg ned trappa',
      'My husband threw me against the wall',
    ],
    no: [
      'Jeg kaster dem i restavfallet, er det riktig?',
      'I throw them in the recycling bin',
      'Vi ble kastet ut av leiligheten',
    ],
  },
  'being beaten': {
    yes: ['Mamma blir slått av mannen sin', 'I got beaten at home again', 'Jag blir slagen hemma'],
    no: ['Kommunene ble slått sammen i 2020'],
  },
  'hiding in fear': {
    yes: [
      'Jeg sitter innelåst på badet og tør ikke gå ut',
      'Jeg gjemmer meg på rommet, stefaren min er helt gal',
      "I'm sitting locked in the bathroom because he's drunk",
      'Jeg har gemt mig og er bange',
    ],
    no: ['Hvor gjemmer man nøkkelen til postkassen?'],
  },
  'afraid of someone raging': {
    yes: ['pappa er full igjen og jeg er redd', "I'm scared, he's drinking again"],
    no: ['Jeg er redd barnehagen er full, hva gjør vi?'],
  },
  'a child in danger': {
    yes: [
      'im 14 and hes drinking again',
      'Jeg er 12 og pappa er full igjen',
      'Jag är 13 och har gett upp allt, kan inte mer',
      'jeg er 13 og tørr ikke gå hjem i dag',
      'eg er 15 og tør ikkje gå heim',
      "i'm 14 and too scared to go home",
    ],
    no: [
      'Jeg er 16 år, kan jeg søke sommerjobb?',
      "I'm 15, can I get a library card on my own?",
      'Jeg er 14 og redd for å begynne på ny skole, hvordan bytter jeg?',
    ],
  },
  'danger now': {
    yes: [
      'Det lukter skikkelig gass på kjøkkenet hos naboen',
      'Det lukter gass i oppgangen',
      'There is a strong smell of gas in the stairwell',
      'Det kommer røyk ut av vinduet til naboen',
      'Det lugter af gas i kælderen',
      'Min mann er bevisstløs',
    ],
    no: [
      'Hvem har ansvar for brannvern i kommunen?',
      'Hvor får jeg kjøpt røykvarsler?',
      'Hvordan gikk det med Brann i helgen?',
      'Is there a gas station near the town hall?',
    ],
  },
  'someone vulnerable not answering the door': {
    yes: [
      'Min gamle far svarer ikke når jeg ringer på døra',
      "The elderly lady next door hasn't answered her door for days",
      'Den ældre nabo åbner ikke døren',
    ],
    no: [
      'Telefonen på servicetorget svarer ikke',
      'The old man next door is not answering my letters about the fence',
    ],
  },
  'fallen and cannot get up': {
    yes: [
      'Min mormor er faldet og kan ikke komme op',
      'Mor har falt og kommer seg ikke opp',
      'My dad fell and cant get up',
    ],
    no: ['Treet har falt over veien', 'Min gamle mor har falt før, hvilke trygghetsalarmer finnes?'],
  },
  'hoarding pills': {
    yes: [
      'Jeg har samlet opp sovepiller i flere uker nå',
      'Eg har spart på pillane mine sidan sommaren',
      'Jeg har sparet op på pillerne i lang tid',
      'Jag har sparat tabletterna i en månad',
      "I've been stockpiling my pills for weeks",
    ],
    no: [
      'Hvor leverer jeg gamle tabletter jeg har samlet opp? Apoteket?',
      'Where can I return expired pills I have saved up?',
    ],
  },
  'arranging for when one is gone': {
    yes: [
      'Hvem tar seg av hunden min når jeg ikke er her lenger',
      'Kven skal ta vare på ungane når eg ikkje er her meir',
      'Hvem tager sig af katten når jeg er væk',
      'Vem tar hand om min katt när jag inte finns kvar',
      "Who will look after my cat when I'm gone",
    ],
    no: [
      'Hvem passer hunden når jeg er borte på ferie?',
      "Who looks after my dog when I'm gone on holiday?",
      'Hvem tar seg av snømåkingen i gata vår?',
    ],
  },
  'not here by then, nothing matters': {
    yes: [
      'Jeg kommer ikke til å være her til sommeren uansett, så ingenting betyr noe',
      'Eg kjem ikkje til å vere her til påske, det spelar inga rolle lenger',
      'Jeg vil ikke være her til jul, det betyder ikke noget længere',
      'Jag kommer inte att vara här till jul, inget spelar någon roll',
      "I won't be here by summer anyway, nothing matters",
    ],
    no: [
      'Jeg kommer ikke til å være her til jul, kan jeg stoppe SFO i desember?',
      "I won't be here by Christmas because of a trip, can I pause the kindergarten?",
    ],
  },
  'collapsed and not responding': {
    yes: [
      'Mormor ligger på badegulvet og svarer ikke',
      'Bestefar ligg på golvet og pustar rart',
      'Min mor er faldet om og reagerer ikke',
      'Pappa ligger på golvet och svarar inte',
      'My husband collapsed and is not responding',
    ],
    no: [
      'Hva gjør jeg hvis noen ligger på gulvet og ikke svarer? Finnes det førstehjelpskurs?',
      'Is there a first aid course on what to do if someone collapsed and is not responding?',
    ],
  },
  'breathing oddly and not responding': {
    yes: [
      'Babyen puster rart og reagerer ikke',
      'Han trækker vejret underligt og svarer ikke',
      'My son is breathing strangely and not responding',
    ],
    no: ['Telefonen på legekontoret svarer ikke, når åpner de?'],
  },
  'threat with a weapon': {
    yes: [
      'Eksen min sier han kommer hit med kniv i kveld',
      'Han står utanfor med ei øks',
      'Min eks truer med en kniv og er på vej',
      'Han hotar mig med kniv',
      'My neighbour is coming over with a gun to settle this once and for all',
    ],
    no: [
      'Kan jeg levere gamle våpen på politistasjonen?',
      'Can I bring a kitchen knife to the recycling station?',
    ],
  },
  'despair with a decided plan': {
    yes: [
      'Har fått nok av alt sammen. Har funnet ut hvordan, det blir i natt',
      'Eg orkar ikkje meir, har bestemt meg og tauet ligg klart',
      'Jeg gider ikke mere. Har fundet ud af hvordan, det sker i nat',
      'Har bestämt att det får ta slut, bron ligger nära',
      "I'm just done. Figured out how, it'll be tonight",
    ],
    no: [
      'Vi har bestemt oss for å flytte i kveld, hvordan melder vi flytting?',
      'Har bestämt mig för att söka förskola, hur gör jag?',
      "I'm so done with this form, how do I submit it?",
    ],
  },
  'threat to stab, burn or do away with': {
    yes: [
      'Naboen sier han skal stikke ned noen i oppgangen',
      'Sambuaren min trugar med å setje fyr på huset',
      'Han har sendt meldingar om at han skal gjere det av med meg',
      'Min kæreste truer med at sætte ild til lejligheden',
      'Han hotar med att sätta eld på huset',
      'My ex texted that he will get rid of me, he said he would bring something sharp',
    ],
    no: [
      'Kan jeg stikke ned på servicetorget i morgen?',
      'Hvordan får jeg tillatelse til å sette fyr på bål i hagen?',
      'Is it allowed to set fire to garden waste?',
    ],
  },
  'restraining order broken': {
    yes: [
      'Eksen har besøksforbud men står utenfor døra og hamrer',
      'Han har kontaktforbod men dukka opp på jobben min',
      'Han har tilhold, men han dukker op hele tiden',
      'Hon har kontaktförbud men dyker upp utanför dörren',
      'He keeps turning up at my work despite the restraining order',
    ],
    no: ['Hvordan søker jeg besøksforbud?', 'How do I apply for a restraining order?'],
  },
  'a weapon to school': {
    yes: [
      'Sønnen min har et gevær og sier han skal ta det med på skolen',
      'Ein gut i klassen vil ta med pistol til skulen i morgon',
      'Min søn vil tage en pistol med i skole',
      'En elev säger att han ska ta med vapen till skolan',
      'A boy in his class says he will bring a gun to school',
    ],
    no: ['Kan jeg ta med kniv på leirskole?', 'Is there a weapons policy at school events?'],
  },
  'sexual abuse of a child or teen': {
    yes: [
      'Jeg er 13 og onkelen min tar på meg når ingen ser',
      'Stefaren min tek på meg om nettene',
      'Jeg er 15 og min fætter tvang mig til noget seksuelt',
      'Min styvpappa tar på mig på nätterna',
      "I'm 14 and my stepdad touches me",
    ],
    no: [
      'Jeg er 14 og tar på meg ansvaret for å gå tur med hunden',
      'Kan pappa ta på meg refleksvesten når vi går til skolen?',
    ],
  },
  'a small child alone by a road or water': {
    yes: [
      'En treåring går alene langs riksveien, ingen voksne her',
      'Ein toåring går åleine ved kaia',
      'Der er et lille barn alene nede ved havnen',
      'En treåring går ensam längs vägen',
      'There is a toddler alone by the river, no adults around',
    ],
    no: ['Kan en tiåring gå alene til skolen?', 'Is there a playground near the river?'],
  },
  choking: {
    yes: [
      'Babyen har fått noe fast i halsen og får ikke luft',
      'Vesleguten blir blå i fjeset',
      'Min datter har fået noget galt i halsen og bliver blå',
      'Han har fått något i halsen och får inte luft',
      'My son is choking and turning blue',
    ],
    no: ['Hvor kan jeg ta kurs i førstehjelp hvis barnet får noe fast i halsen?'],
  },
  'trapped with water or fire rising': {
    yes: [
      'Kjelleren står under vann og noen er innestengt',
      'Det brenn i naboen og nokon inne bankar',
      'Det brænder og døren sidder fast, der er nogen derinde',
      'Huset brinner och någon är instängd',
      'The basement is filling up and someone is trapped, the door is jammed',
    ],
    no: ['What should I do if the basement floods?', 'Døra til boden sitter fast, hvem fikser det?'],
  },
  'threat to kill': {
    yes: [
      'Han sa han skal drepe meg hvis jeg går',
      'Han har truet med at slå mig ihjel',
      'Han sa att han ska döda mig',
      'He said he would kill us all',
    ],
    no: ['Hvordan dreper jeg brunsnegler i hagen?', 'How do I kill weeds in the allotment?'],
  },
  strangled: {
    yes: [
      'Kjæresten min tok meg rundt halsen i går',
      'Han tok kvelartak på meg',
      'Han tog kvælertag på mig i nat',
      'Han tog stryptag på mig',
      'He grabbed me by the throat last night',
    ],
    no: ['Kommunen har kvelertak på tomtemarkedet', 'Jeg har vondt i halsen, hvor er legevakten?'],
  },
  'told to keep it secret': {
    yes: [
      'Onkel sier at jeg ikke får si det til noen, og jeg er redd',
      'Mamma seier eg ikkje får seie det til nokon, eg er 12',
      'Min stedfar siger jeg ikke må sige det til nogen, jeg er bange',
      'Han säger att jag inte får berätta, jag är rädd',
      "My stepdad says it's our secret and I'm scared",
    ],
    no: ['Er søknaden min hemmelig for andre?', 'Is my application kept secret from my neighbours?'],
  },
};

describe.each(Object.entries(RULES))('crisis rule "%s"', (rule, { yes, no }) => {
  it.each(yes)('fires on "%s"', (message) => {
    expect(crisisRules(message)).toContain(rule);
  });
  it.each(no)('no crisis for "%s"', (message) => {
    expect(crisisRules(message)).toEqual([]);
  });
});

describe('crisis rules', () => {
  it('are all covered by the table above', () => {
    const ids = SIGNAL_RULES.filter((r) => r.reason === 'crisis').map((r) => r.id);
    expect(ids.filter((id) => !(id in RULES))).toEqual([]);
  });
  it('are never weak, so a general-looking message cannot hide a crisis', () => {
    expect(SIGNAL_RULES.filter((r) => r.reason === 'crisis' && r.weak)).toEqual([]);
    expect(crisisRules('hvor mange paracet må man ta for at det er nok')).toContain(
      'how many pills are enough',
    );
  });
});
