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
    ],
    no: ['Jeg skar meg på en glassbit på lekeplassen, hvem har ansvaret?'],
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
    ],
    no: ['Jeg er 16 år, kan jeg søke sommerjobb?', "I'm 15, can I get a library card on my own?"],
  },
  'danger now': {
    yes: [
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
