import type { SignalRule, SignalVeto } from './engine.ts';

/**
 * Which combinations of concepts (crisis-concepts.ts, request-concepts.ts) raise a handover. Crisis rules are
 * never weak and never vetoed: a missed crisis costs far more than a staff member's look at a false one.
 */
export const SIGNAL_RULES: readonly SignalRule[] = [
  // --- crisis: the writer's own life ---
  { id: 'no reason to live', reason: 'crisis', all: ['despair_strong'] },
  {
    id: 'despair with a means or a plan',
    reason: 'crisis',
    all: ['despair', ['method', 'drug', 'farewell', 'farewell_strong', 'act']],
  },
  { id: 'farewell letter', reason: 'crisis', all: ['farewell_strong'] },
  { id: 'farewell with a plan', reason: 'crisis', all: ['farewell', ['act', 'night', 'drug', 'method']] },
  { id: 'took all the pills', reason: 'crisis', all: ['took', 'drug_all'] },
  { id: 'how many pills are enough', reason: 'crisis', all: ['drug', 'quantity', 'lethal'] },
  { id: 'lethal dose', reason: 'crisis', all: ['drug', 'lethal_strong'] },
  { id: 'self-harm', reason: 'crisis', all: ['self_harm'], unless: ['accident'] },
  { id: 'hoarding pills', reason: 'crisis', all: ['hoard', 'drug'], unless: ['disposal'] },
  {
    id: 'arranging for when one is gone',
    reason: 'crisis',
    all: ['gone', ['care_after', 'nothing_matters', 'drug', 'hoard', 'despair', 'farewell']],
    unless: ['trip'],
  },
  {
    id: 'not here by then, nothing matters',
    reason: 'crisis',
    all: ['not_here_by', ['nothing_matters', 'despair', 'drug', 'hoard', 'farewell']],
    unless: ['trip'],
  },
  {
    id: 'despair with a decided plan',
    reason: 'crisis',
    all: ['plan_decided', ['despair', 'ending'], ['night', 'method', 'drug', 'act', 'ending', 'despair']],
  },
  { id: 'bleeding that does not stop', reason: 'crisis', all: ['bleeding', 'not_stopping'] },
  // --- crisis: violence and fear ---
  {
    id: 'violence against a person',
    reason: 'crisis',
    all: ['violence_verb', ['person', 'person_weak']],
    within: 2,
    unless: ['violence_idiom'],
  },
  {
    id: 'thrown or pushed',
    reason: 'crisis',
    all: ['throw_verb', 'person'],
    within: 1,
    unless: ['violence_idiom'],
  },
  { id: 'being beaten', reason: 'crisis', all: ['violence_passive', 'home'], unless: ['violence_idiom'] },
  { id: 'hiding in fear', reason: 'crisis', all: ['hiding', ['fear', 'aggressor']] },
  { id: 'afraid of someone raging', reason: 'crisis', all: ['fear', 'aggressor'] },
  // A noise complaint has shouting or banging, but no child crying through it.
  { id: 'a child crying while someone rages', reason: 'crisis', all: ['crying_child', 'raging_sounds'] },
  {
    id: 'a child in danger',
    reason: 'crisis',
    all: ['child_self', ['aggressor', 'hiding', 'despair', 'violence_passive', 'afraid_home', 'secrecy']],
  },
  // --- crisis: danger now ---
  { id: 'danger now', reason: 'crisis', all: ['danger'] },
  {
    id: 'someone vulnerable not answering the door',
    reason: 'crisis',
    all: ['no_response', 'door', 'vulnerable'],
  },
  { id: 'fallen and cannot get up', reason: 'crisis', all: ['cant_get_up', ['fallen', 'vulnerable']] },
  {
    id: 'collapsed and not responding',
    reason: 'crisis',
    all: ['collapsed', ['no_response', 'breathing_odd']],
    unless: ['first_aid'],
  },
  {
    id: 'breathing oddly and not responding',
    reason: 'crisis',
    all: ['breathing_odd', 'no_response'],
    unless: ['first_aid'],
  },
  { id: 'turning blue', reason: 'crisis', all: ['turning_blue'], unless: ['first_aid'] },
  // --- crisis: threats ---
  {
    id: 'threat with a weapon',
    reason: 'crisis',
    all: ['weapon', ['coming_for', 'for_good', 'kill_threat']],
  },
  { id: 'threat to kill', reason: 'crisis', all: ['kill_threat'] },
  { id: 'threat to stab, burn or do away with', reason: 'crisis', all: ['threatening', 'harm_act'] },
  { id: 'restraining order broken', reason: 'crisis', all: ['restraining_order', 'turning_up'] },
  { id: 'a weapon to school', reason: 'crisis', all: ['firearm', 'school_place', 'bring_along'] },
  {
    id: 'sexual abuse of a child or teen',
    reason: 'crisis',
    all: [
      ['sexual_touch', 'sexual_force'],
      ['child_self', 'kin_adult'],
    ],
    unless: ['touch_idiom'],
  },
  {
    id: 'a small child alone by a road or water',
    reason: 'crisis',
    all: ['small_child', 'unattended', 'road_water'],
  },
  { id: 'choking', reason: 'crisis', all: ['choking'], unless: ['first_aid'] },
  { id: 'trapped with water or fire rising', reason: 'crisis', all: ['trapped', 'hazard'] },
  { id: 'strangled', reason: 'crisis', all: ['grab', 'strangle_hold'], within: 3 },
  {
    id: 'told to keep it secret',
    reason: 'crisis',
    all: ['secrecy', ['child_self', 'afraid_home', 'fear', 'aggressor', 'strangle_hold', 'violence_passive']],
  },

  // --- human_request ---
  { id: 'put me through', reason: 'human_request', all: ['transfer_verb', 'me', 'through'], within: 1 },
  { id: 'connect me', reason: 'human_request', all: ['connect_verb', 'me'], within: 0 },
  { id: 'someone instead of the bot', reason: 'human_request', all: ['not_the_bot', ['staff', 'converse']] },
  {
    id: 'rather a person than the bot',
    reason: 'human_request',
    all: ['prefer', 'converse', 'staff'],
    within: 3,
  },
  { id: 'staff take over the chat', reason: 'human_request', all: ['take_over'] },
  {
    id: 'someone to write with',
    reason: 'human_request',
    all: ['staff', 'converse'],
    within: 3,
    weak: true,
  },

  // --- complaint ---
  { id: 'refusing to accept', reason: 'complaint', all: ['refuse_accept'] },
  { id: 'outrage with a demand', reason: 'complaint', all: ['outrage', 'demand'], unless: ['hypothetical'] },
  {
    id: 'outrage about one’s own',
    reason: 'complaint',
    all: ['outrage', 'own'],
    unless: ['hypothetical'],
    weak: true,
  },

  {
    id: 'a bill or decision about one is wrong',
    reason: 'complaint',
    all: [
      ['charge', 'decision_noun'],
      ['own', 'addressed'],
      ['wrong_claim', 'demand'],
    ],
    unless: ['hypothetical'],
    weak: true,
  },

  {
    id: 'formal complaint about staff or service conduct',
    reason: 'complaint',
    all: ['complain_intent', 'conduct_target'],
    unless: ['hypothetical'],
  },

  // --- personal ---
  {
    id: 'progress of one’s own case',
    reason: 'personal',
    all: ['progress', ['own', 'own_subject']],
    weak: true,
  },
  { id: 'look up one’s own case', reason: 'personal', all: ['check_request', 'own_subject'], weak: true },
  {
    id: 'asks staff to look into one’s own bill or place',
    reason: 'personal',
    all: ['look_into', ['own_subject', 'why_own']],
    weak: true,
  },

  {
    id: 'is my application decided yet',
    reason: 'personal',
    all: [['own_subject', 'own'], 'decided', 'yet'],
    weak: true,
  },
  { id: 'still on the waiting list', reason: 'personal', all: ['still_on', 'waiting_list'], weak: true },

  // --- sensitive ---
  { id: 'worried about a child', reason: 'sensitive', all: ['worry', 'child'], within: 3 },
  { id: 'a neglected child', reason: 'sensitive', all: ['worry', 'child', 'neglect'] },
  { id: 'pregnant and using substances', reason: 'sensitive', all: ['pregnant', 'substance'], weak: true },
  {
    id: 'a child who has stopped eating',
    reason: 'sensitive',
    all: ['stopped_eating', ['child', 'kin_child']],
    weak: true,
  },
  {
    id: 'someone to talk to about a struggle',
    reason: 'sensitive',
    all: ['converse', 'struggle'],
    weak: true,
  },
  { id: 'serious illness, not coping', reason: 'sensitive', all: ['serious_illness', 'cant_cope'] },
];

/** General questions that share words with a handover. They drop the reason, whether a phrase or a rule found it. */
export const SIGNAL_VETOES: readonly SignalVeto[] = [
  {
    id: 'asks for a phone number',
    reason: 'human_request',
    when: ['number_question'],
    unless: ['not_the_bot'],
  },
  {
    id: 'asks where to complain',
    reason: 'complaint',
    when: ['where_to_complain'],
    unless: ['outrage', 'refuse_accept', 'demand'],
  },
  {
    id: 'wants to talk about a personal struggle',
    reason: 'human_request',
    when: ['struggle'],
    unless: ['not_the_bot', 'take_over', 'connect_verb'],
  },
  {
    id: 'asks how long processing takes',
    reason: 'personal',
    when: ['duration_question'],
    unless: ['overdue', 'progress'],
  },
  {
    id: 'asks whether a service offers talks',
    reason: 'human_request',
    when: ['group_can_talk'],
    unless: ['not_the_bot', 'take_over', 'connect_verb', 'me'],
  },
  {
    id: 'asks how to appeal',
    reason: 'personal',
    when: ['how_to_appeal'],
    unless: ['why_question', 'progress', 'check_request', 'overdue', 'decided'],
  },
  {
    id: 'asks where to hand in old medicine',
    reason: 'sensitive',
    when: ['get_rid_of', 'disposal'],
    also: ['medicine'],
    unless: ['despair', 'struggle', 'substance', 'dependence', 'hoard'],
  },
];
