import type { Concept, Concepts } from './engine.ts';

/** "kan ungdom snakke med …": a group of people, not the writer, asking whether a service offers talks. */
const GROUPS: Readonly<Record<'nb' | 'nn' | 'da' | 'sv' | 'en', readonly string[]>> = {
  nb: ['man', 'ungdom', 'ungdommer', 'unge', 'barn', 'elever', 'foreldre', 'pårørende', 'folk', 'eldre'],
  nn: [
    'ein',
    'ungdom',
    'ungdommar',
    'unge',
    'born',
    'barn',
    'elevar',
    'foreldre',
    'pårørande',
    'folk',
    'eldre',
  ],
  da: ['man', 'unge', 'børn', 'elever', 'forældre', 'pårørende', 'folk', 'ældre'],
  sv: ['man', 'ungdomar', 'unga', 'barn', 'elever', 'föräldrar', 'anhöriga', 'folk', 'äldre'],
  en: [
    'young people',
    'teenagers',
    'teens',
    'kids',
    'children',
    'students',
    'pupils',
    'parents',
    'relatives',
    'people',
  ],
};
const TALK: Readonly<Record<'nb' | 'nn' | 'da' | 'sv' | 'en', readonly string[]>> = {
  nb: ['snakke med', 'prate med'],
  nn: ['snakke med', 'prate med'],
  da: ['tale med', 'snakke med'],
  sv: ['prata med', 'tala med'],
  en: ['talk to', 'talk with', 'speak to', 'speak with'],
};
const CAN = { nb: 'kan', nn: 'kan', da: 'kan', sv: 'kan', en: 'can' } as const;

function groupTalk(): Concept {
  const out: Record<string, string[]> = {};
  for (const lang of ['nb', 'nn', 'da', 'sv', 'en'] as const) {
    out[lang] = GROUPS[lang].flatMap((g) => TALK[lang].map((t) => `${CAN[lang]} ${g} ${t}`));
  }
  return out;
}

/**
 * General questions about a service that share words with a handover: whether a service offers talks, how
 * to appeal, handing in old medicine, and the question part of "context, then a question about a service".
 */
export const SERVICE_CONCEPTS: Concepts = {
  /** Whether a group of people can talk to someone at a service ("kan ungdommar snakke med nokon på …"). */
  group_can_talk: groupTalk(),
  /** How to appeal and how long the deadline is: the general appeal answer, even with one's own refusal. */
  how_to_appeal: {
    nb: [
      'hvordan klager',
      'hvordan klage',
      'hvordan påklager',
      'hvordan anker',
      'hvordan går * frem for å klage',
      'hvor lang frist',
      'hvor lang klagefrist',
      'hva er klagefristen',
      'hvor lenge har * på å klage',
    ],
    nn: [
      'korleis klagar',
      'korleis klage',
      'korleis påklagar',
      'kor lang frist',
      'kor lang klagefrist',
      'kva er klagefristen',
      'kor lenge har * på å klage',
    ],
    da: [
      'hvordan klager',
      'hvordan klage',
      'hvordan påklager',
      'hvordan anker',
      'hvor lang frist',
      'hvor lang klagefrist',
      'hvad er klagefristen',
      'hvor lang tid har * til at klage',
    ],
    sv: [
      'hur överklagar',
      'hur överklaga',
      'hur klagar',
      'hur lång tid har * på * överklaga',
      'hur lång är överklagandetiden',
      'hur lång frist',
      'vad är överklagandetiden',
    ],
    en: [
      'how do i appeal',
      'how do we appeal',
      'how can i appeal',
      'how can we appeal',
      'how to appeal',
      'how do i complain',
      'how do we complain',
      'appeal deadline',
      'how long do * have to appeal',
      'deadline for appealing',
      'deadline to appeal',
    ],
  },
  /** Asking why: wanting one's own decision explained, which only a caseworker can do. */
  why_question: {
    nb: ['hvorfor'],
    nn: ['kvifor', 'korfor'],
    da: ['hvorfor'],
    sv: ['varför'],
    en: ['why'],
  },
  /** Medicine as a thing to hand in or throw away. */
  medicine: {
    nb: ['medisin*', 'legemiddel*', 'legemidler', 'piller', 'pillene', 'tabletter', 'tablettene'],
    nn: ['medisin*', 'legemiddel*', 'legemiddel', 'piller', 'pillene', 'tablettar', 'tablettane'],
    da: ['medicin*', 'lægemiddel*', 'lægemidler', 'piller', 'pillerne', 'tabletter', 'tabletterne'],
    sv: ['medicin*', 'läkemedel*', 'piller', 'pillren', 'tabletter', 'tabletterna'],
    en: ['medicine*', 'medication*', 'pills', 'tablets', 'drugs'],
  },
  /** Handing in or throwing away (beside `disposal` in crisis-concepts.ts, which also names places). */
  get_rid_of: {
    nb: [
      'levere inn',
      'levere tilbake',
      'levere',
      'leverer',
      'kaste',
      'kaster',
      'bli kvitt',
      'kvitte meg med',
    ],
    nn: ['levere inn', 'levere attende', 'levere', 'kaste', 'kastar', 'bli kvitt'],
    da: ['aflevere', 'afleverer', 'indlevere', 'smide ud', 'smide væk', 'kassere', 'komme af med'],
    sv: ['lämna in', 'lämnar in', 'lämna tillbaka', 'slänga', 'kasta', 'bli av med', 'göra mig av med'],
    en: ['hand in', 'return', 'dispose', 'disposal', 'throw away', 'throw out', 'get rid of', 'drop off'],
  },
  /** Depending on or misusing pills: handing the rest in is then no waste question. */
  dependence: {
    nb: ['avhengig*', 'misbruk*', 'abstinens*'],
    nn: ['avhengig*', 'misbruk*', 'abstinens*'],
    da: ['afhængig*', 'misbrug*', 'abstinens*'],
    sv: ['beroende', 'missbruk*', 'abstinens*'],
    en: ['addict*', 'dependent', 'dependence', 'abuse', 'abusing', 'withdrawal'],
  },
  /** Opens a how- or can-I-question ("hvordan søker man", "kan jeg nå at få", "how do I"). */
  question_opener: {
    nb: [
      'hvordan',
      'kan jeg',
      'kan man',
      'kan vi',
      'hvor lang',
      'hvor lenge',
      'hva koster',
      'hvor mye koster',
    ],
    nn: ['korleis', 'kan eg', 'kan ein', 'kan vi', 'kor lang', 'kor lenge', 'kva kostar'],
    da: ['hvordan', 'kan jeg', 'kan man', 'kan vi', 'hvor lang', 'hvor længe', 'hvad koster'],
    sv: ['hur', 'kan jag', 'kan man', 'kan vi', 'vad kostar'],
    en: ['how', 'can i', 'can we', 'can one', 'what does it cost', 'what is the fee'],
  },
  /** A municipal service asked about: passport, fee, deadline, waiting time, applying. */
  service_topic: {
    nb: [
      'pass',
      'passet',
      'nødpass',
      'gebyr*',
      'avgift*',
      'frist*',
      'ventetid*',
      'venteliste*',
      'søke',
      'søker',
      'søknad*',
    ],
    nn: [
      'pass',
      'passet',
      'naudpass',
      'gebyr*',
      'avgift*',
      'frist*',
      'ventetid*',
      'venteliste*',
      'søkje',
      'søke',
      'søknad*',
    ],
    da: [
      'pas',
      'passet',
      'nødpas',
      'gebyr*',
      'afgift*',
      'frist*',
      'ventetid*',
      'venteliste*',
      'søge',
      'søger',
      'ansøg*',
    ],
    sv: ['pass', 'passet', 'nödpass', 'avgift*', 'frist*', 'väntetid*', 'kötid*', 'söka', 'söker', 'ansök*'],
    en: [
      'passport*',
      'fee',
      'fees',
      'charge',
      'deadline*',
      'waiting time',
      'waiting list',
      'apply',
      'application',
    ],
  },
};
