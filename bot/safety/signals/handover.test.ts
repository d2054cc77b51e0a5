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
      'Det godtek vi ikkje',
      'Den regning nægter jeg at betale',
      'Det accepterar vi inte',
      'I refuse to pay this invoice',
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
    yes: [
      'Kan du sjekke om sønnen min har fått skoleskyss?',
      'Could you check if my daughter got a place?',
      'Kan du se hvor mye jeg skylder på renovasjonen?',
      'Can you check what I owe for the water bill?',
    ],
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
  'rather a person than the bot': {
    yes: [
      'Jeg vil heller snakke med en saksbehandler',
      'Eg vil helst prate med ein sakshandsamar',
      'Jeg vil hellere tale med en rigtig person',
      'Jag vill hellre prata med en handläggare',
      "I'd rather talk to a real person",
    ],
    no: ['Jeg vil heller søke på papir, går det?', "I'd rather pay by invoice, is that possible?"],
  },
  'staff take over the chat': {
    yes: [
      'Kan noen hos dere ta over chatten?',
      'Kan ein rettleiar ta over samtalen?',
      'Kan en medarbejder overtage chatten?',
      'Kan en handläggare ta över chatten?',
      'Could one of your advisers take over the chat?',
    ],
    no: ['Kan jeg ta over leiekontrakten etter min far?', 'Can I take over my mother’s parking permit?'],
  },
  'a bill or decision about one is wrong': {
    yes: [
      'Dere har fakturert meg for feil beløp, jeg vil ha tilbake pengene',
      'Renovasjonsgebyret mitt er feil, huset står tomt',
      'Eigedomsskatten min er feil, de har brukt feil areal',
      'Jeres afgørelse om min søn er forkert og skal laves om',
      'Min faktura för vatten är fel, den måste rättas',
      'Your decision about my son is wrong and must be changed',
      'You charged me for a large bin, I want a refund',
    ],
    no: [
      'Hva gjør jeg hvis fakturaen er feil?',
      'What if the bill is wrong?',
      'Vad gör jag om min faktura är fel?',
      'Hvordan klager jeg på eiendomsskatten?',
      'Hva koster renovasjonsgebyret for en stor dunk?',
      'Jeg fikk avslag på barnehageplass, hva er klagefristen?',
    ],
  },
  'is my application decided yet': {
    yes: [
      'Er byggesøknaden min godkjent ennå?',
      'Er søknaden min om startlån innvilga enno?',
      'Er min ansøgning om boligstøtte godkendt endnu?',
      'Har min ansökan om bygglov blivit beviljad än?',
      'Has my application for a parking permit been approved yet?',
    ],
    no: [
      'Kan jeg begynne å bygge før søknaden min er godkjent?',
      'Hvor lang tid tar det før en byggesøknad blir godkjent?',
      'How do I check whether my application has been approved yet?',
    ],
  },
  'still on the waiting list': {
    yes: [
      'Står jeg fortsatt på ventelisten til omsorgsbolig?',
      'Står eg framleis på ventelista for kommunal bustad?',
      'Står jeg stadig på ventelisten til en børnehaveplads?',
      'Står jag kvar i bostadskön?',
      'Am I still on the waiting list for a council flat?',
    ],
    no: [
      'Når er fristen for å komme på ventelisten til kommunal bolig?',
      'How long is the waiting list for council housing?',
    ],
  },
  'pregnant and using substances': {
    yes: [
      'Jeg er gravid og drikker for mye, tør ikke si det til jordmor',
      'Eg er gravid og rusar meg',
      'Jeg er gravid og ryger hash hver dag',
      'Jag är gravid och dricker för mycket',
      "I'm pregnant and using drugs, I don't know who to tell",
    ],
    no: ['Kan gravide drikke kaffe?', 'Hva tilbyr helsestasjonen til gravide som ruser seg?'],
  },
  'a child who has stopped eating': {
    yes: [
      'Datteren vår har sluttet å spise og gått ned mye',
      'Sonen vår har nesten slutta å ete',
      'Vores datter på 15 har tabt sig meget og spiser næsten ingenting',
      'Vår dotter har slutat äta',
      'Our teenage son has stopped eating and lost a lot of weight',
    ],
    no: [
      'Hvordan søker jeg om skolemat for barnet mitt?',
      'My toddler is a fussy eater, what does the health visitor offer?',
    ],
  },
  'someone to talk to about a struggle': {
    yes: [
      'Trenger noen å snakke med om rusen, suget er sterkt',
      'Eg treng nokon å prate med om angsten',
      'Jeg har brug for at tale med nogen om min depression',
      'Jag behöver prata med någon om mitt missbruk',
      'I need someone to talk to about my drinking',
    ],
    no: ['Hvordan får jeg snakke med noen om rusproblemer i kommunen?'],
  },
  'formal complaint about staff or service conduct': {
    yes: [
      'Vil klage på saksbehandleren min, hun var frekk på telefonen',
      'Eg vil klage på måten dei tilsette i barnehagen behandla sonen min',
      'Jeg vil indgive en klage over personalet i børnehaven',
      'Jag vill klaga på handläggaren, hon var otrevlig',
      'I want to make a formal complaint about how the staff spoke to my daughter',
    ],
    no: ['Hvordan klager jeg på et vedtak?', 'How do I complain about a planning decision?'],
  },
  'asks staff to look into one’s own bill or place': {
    yes: [
      'Hvorfor er vår regning for barnehagen høyere denne måneden? Kan dere sjekke den',
      'Hvorfor er vores regning for vuggestuen steget? Kan I kigge på den',
      'Jag undrar varför min dotter inte fick plats, kan ni kolla upp det?',
      'Why is our water bill higher this quarter? Can you check it',
    ],
    no: ['Hva koster barnehageplass per måned?', 'When are kindergarten places allocated?'],
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
  'wants to talk about a personal struggle': {
    dropped: [
      'Jeg trenger noen å snakke med om angsten min',
      'Jag behöver prata med någon om mitt missbruk',
      'I need to talk to someone about my addiction',
    ],
    kept: [
      'Kan jeg snakke med en saksbehandler om boligsøknaden?',
      'Koble meg til en saksbehandler, jeg har angst og orker ikke chatte',
    ],
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
  'asks whether a service offers talks': {
    dropped: [
      'Kan ungdom snakke med noen på helsestasjonen om hvordan de har det hjemme?',
      'Kan foreldre snakke med nokon på helsestasjonen om søvnproblem hos barnet?',
      'Kan unge tale med nogen på sundhedsplejen om problemer derhjemme?',
      'Kan ungdomar prata med någon på ungdomsmottagningen om känslor?',
      'Can teenagers talk to someone at the health station about feelings?',
    ],
    kept: [
      'I want to talk to someone at the health station about my own case',
      'Kan jeg snakke med noen på helsestasjonen om saken min?',
    ],
  },
  'asks how to appeal': {
    dropped: [
      'Jeg fikk avslag på søknaden om parkeringstillatelse, hvordan klager jeg?',
      'Vi fekk avslag på søknaden om skuleskyss. Korleis klagar vi?',
      'Vi fik afslag på en plads i SFO. Hvordan klager vi, og hvor lang er fristen?',
      'Vi fick avslag på bygglovet, hur överklagar vi?',
    ],
    kept: ['hvorfor fikk vi avslag på barnehageplass?', 'Vi fikk avslag, hvorfor? Og hvordan klager vi?'],
  },
  'asks where to hand in old medicine': {
    dropped: [
      'Hvor kan jeg levere inn gamle medisiner?',
      'Hvor afleverer jeg gammel medicin?',
      'Var kan jag lämna in gamla mediciner?',
      'Where do I return old medicine I no longer need?',
    ],
    kept: ['Jeg er avhengig av piller, kan jeg levere inn resten?'],
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

/** A sensitive phrase told only as context before a how- or can-I-question about a municipal service. */
const CONTEXT: { context: string[]; stillSensitive: string[] } = {
  context: [
    'Mor er alvorlig syk og jeg må reise i morgen, kan jeg få nødpass?',
    'Far min er alvorleg sjuk, kan eg få naudpass i dag?',
    'Jeg står uden bolig efter skilsmissen, hvordan søger man en almen bolig?',
    'My father is seriously ill abroad, how do I get an emergency passport?',
  ],
  stillSensitive: [
    'Mor er alvorlig syk og jeg må reise i morgen',
    'Jeg er alvorlig syk og klarer ikke hverdagen, hvordan søker jeg hjelp?',
    'hvordan søker man om pass når man er alvorlig syk?',
    'Jeg står uten bolig og orker ikke mer, hvordan søker jeg kommunal bolig?',
  ],
};

describe('sensitive context before a service question', () => {
  it.each(CONTEXT.context)('"%s" is a question about the service', (message) => {
    const { reason, notes } = scan(message);
    expect(reason).toBeUndefined();
    expect(notes.join()).toContain('only context before a question about a service');
  });
  it.each(CONTEXT.stillSensitive)('"%s" stays sensitive', (message) => {
    expect(scan(message).reason).toBe('sensitive');
  });
});

/** Saying it is a general question, or asking what documents are needed, makes weak phrases not count. */
const GENERAL: { general: string[]; stillHandover: [string, PhraseReason][] } = {
  general: [
    'Bare et generelt spørsmål: hvilke vedlegg trengs for å søke sosialhjelp?',
    'Eit generelt spørsmål: kva dokumentasjon trengst for å søkje sosialhjelp?',
    'Et generelt spørgsmål: hvilken dokumentation kræves til kontanthjælp?',
    'En allmän fråga: vilka dokument behövs för att söka ekonomiskt bistånd?',
    'General question: what paperwork do you need for a social assistance application?',
    'What documents do you need when applying for social assistance?',
  ],
  stillHandover: [
    ['I need social assistance for my rent this month', 'sensitive'],
    ['Jeg trenger sosialhjelp til husleia denne måneden', 'sensitive'],
    ['Generelt spørsmål, men jeg har tatt alle pillene mine', 'crisis'],
    ['jeg vil klage på avslaget vi fikk', 'complaint'],
  ],
};

describe('general question markers', () => {
  it.each(GENERAL.general)('"%s" is general', (message) => {
    expect(scan(message).reason).toBeUndefined();
  });
  it.each(GENERAL.stillHandover)('"%s" still hands over as %s', (message, reason) => {
    expect(scan(message).reason).toBe(reason);
  });
});
