import { describe, expect, it } from 'vitest';
import { foldedWords } from '../../text/normalize.ts';
import { compileLexicon, scanLexicon } from '../lexicons.ts';
import type { PhraseReason } from '../lexicons.ts';
import { SIGNAL_RULES, SIGNAL_VETOES } from './rules.ts';

/**
 * The non-crisis rules and the vetoes, through scanLexicon (phrases and rules together, as decide() sees them).
 * Invented messages in several languages; `no` are general questions sharing the words.
 */
const lexicon = compileLexicon();
const ORDER: readonly PhraseReason[] = ['crisis', 'human_request', 'complaint', 'personal', 'sensitive'];
const scan = (message: string) => {
  const notes: string[] = [];
  const hits = scanLexicon(lexicon, foldedWords(message), notes);
  const reason = ORDER.find((r) => hits.has(r));
  return { reason, hit: reason ? hits.get(reason) : undefined, notes };
};

const RULES: Record<string, { yes: string[]; no: string[] }> = {
  'put me through': {
    yes: [
      'Kobl meg over til noen på byggesak, takk',
      'Stil mig venligst videre til borgerservice',
      'Kan du sette meg igjennom til skolekontoret?',
      'Could you put me through to the housing office?',
    ],
    no: ['Kan du sette meg på ventelisten?', 'Put me on the waiting list please'],
  },
  'connect me': {
    yes: ['Kople meg til teknisk etat', 'Please connect me with the tax office'],
    no: ['Hvordan kobler jeg meg på det kommunale vannet?'],
  },
  'someone instead of the bot': {
    yes: [
      'Er der en medarbejder jeg kan skrive med i stedet for dig?',
      'Finst det ein tilsett eg kan skrive med i staden for deg?',
      'Is there a person I can chat with instead of you?',
    ],
    no: ['Kan jeg søke i stedet for min mor?'],
  },
  'someone to write with': {
    yes: ['Finnes det en saksbehandler jeg kan skrive med?', 'Is there an employee I could write to?'],
    no: ['Hvordan får jeg en saksbehandler å snakke med?'],
  },
  'refusing to accept': {
    yes: [
      'Skatten gikk opp 40 prosent, det finner jeg meg ikke i',
      'Det finn eg meg ikkje i',
      'I will not accept this bill',
    ],
    no: ['Hvilke betalingsmåter aksepterer dere?'],
  },
  'outrage with a demand': {
    yes: [
      'The fine is outrageous and I want it cancelled',
      'Gebyret er helt urimelig og jeg vil ha det omgjort',
      'Afgørelsen er uretfærdig, jeg kræver at den bliver ændret',
    ],
    no: ['Hvis dere mener gebyret er urimelig, kan det omgjøres?'],
  },
  'outrage about one’s own': {
    yes: [
      'Taksten på huset mitt er helt på jordet',
      'Jeg er meget utilfreds med min afgørelse',
      'My bill is ridiculous',
    ],
    no: ['Hvordan klager jeg hvis jeg er misfornøyd med min takst?'],
  },
  'progress of one’s own case': {
    yes: [
      'Kor langt har de kome med søknaden min?',
      'Hvor langt er I nået med vores ansøgning?',
      'Any update on my application for a parking permit?',
    ],
    no: ['Hvordan finner jeg status på min søknad?'],
  },
  'look up one’s own case': {
    yes: ['Kan du sjekke om sønnen min har fått skoleskyss?', 'Could you check if my daughter got a place?'],
    no: ['How can I check whether my son got a place?'],
  },
  'worried about a child': {
    yes: [
      'Jeg er bekymret for nabobarna',
      'Eg er uroleg for ungane i naboleiligheten',
      'I am worried about the kids upstairs',
    ],
    no: ['Min mor er bekymret for skolestarten'],
  },
  'a neglected child': {
    yes: [
      'Barna i nabohuset virker sultne og alene, jeg er bekymret',
      'The children next door are always hungry and alone, I am worried',
    ],
    no: ['Barna er alene hjemme etter skolen, hva koster SFO?'],
  },
  'serious illness, not coping': {
    yes: [
      'Jeg har fått brystkreft og vet ikke hvordan jeg skal klare hverdagen',
      'Min mand har fået lungekræft, og jeg kan ikke klare det alene',
      "My wife has cancer and I don't know how I will cope",
    ],
    no: ['Hvilke tilbud finnes for kreftsyke?', 'Hva tilbyr kreftkoordinatoren?'],
  },
};

describe.each(Object.entries(RULES))('rule "%s"', (rule, { yes, no }) => {
  const reason = SIGNAL_RULES.find((r) => r.id === rule)?.reason;
  it.each(yes)(`raises ${reason} for "%s"`, (message) => {
    expect(scan(message).reason).toBe(reason);
  });
  it.each(no)(`does not raise ${reason} for "%s"`, (message) => {
    const { hit } = scan(message);
    expect(hit?.origin).not.toBe(`signal "${rule}"`);
  });
});

const VETOES: Record<string, { dropped: string[]; kept: string[] }> = {
  'asks for a phone number': {
    dropped: [
      'Hvilket nummer ringer jeg for å snakke med noen om byggesak?',
      "What's the phone number to talk to someone about school transport?",
      'Hvad er telefonnummeret, hvis jeg vil tale med en medarbejder?',
    ],
    kept: [
      'Kan dere ringe meg tilbake? Nummeret mitt står i profilen',
      'What number do I call? I want a person instead of you',
    ],
  },
  'asks where to complain': {
    dropped: [
      'Jeg fikk bot på en privat parkeringsplass. Er det kommunen jeg skal klage til?',
      'I want to complain about a fine from a private car park. Is it the council I complain to?',
    ],
    kept: ['Boten jeg fikk er helt urimelig, hvem skal jeg klage til?'],
  },
  'asks how long processing takes': {
    dropped: [
      'Vi har sendt inn en komplett søknad. Hvor mange uker tar det før den er behandlet?',
      'We have sent in our application, how long does it usually take?',
    ],
    kept: [
      'Vi har sendt inn søknaden for seks uker siden, hvor lang tid tar det?',
      'Kor langt har de kome med søknaden vår?',
    ],
  },
};

describe.each(Object.entries(VETOES))('veto "%s"', (veto, { dropped, kept }) => {
  const reason = SIGNAL_VETOES.find((v) => v.id === veto)?.reason;
  it.each(dropped)(`drops ${reason} for "%s"`, (message) => {
    const { reason: raised, notes } = scan(message);
    expect(raised).not.toBe(reason);
    expect(notes.join()).toContain(veto);
  });
  it.each(kept)(`keeps ${reason} for "%s"`, (message) => {
    expect(scan(message).reason).toBe(reason);
  });
});

describe('signal rules and vetoes', () => {
  it('are all covered by the tables above or crisis.test.ts', () => {
    const ids = SIGNAL_RULES.filter((r) => r.reason !== 'crisis').map((r) => r.id);
    expect(ids.filter((id) => !(id in RULES))).toEqual([]);
    expect(SIGNAL_VETOES.map((v) => v.id).filter((id) => !(id in VETOES))).toEqual([]);
  });
  it('never talk a crisis down', () => {
    expect(scan('Hvilket nummer ringer jeg? Han slår meg').reason).toBe('crisis');
  });
});
