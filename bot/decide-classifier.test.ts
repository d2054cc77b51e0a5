import { describe, expect, it } from 'vitest';
import { createBotEnvironment, decide, trainHandoverModel } from './index.ts';
import type { BotEnvironment, HandoverModel, ModelClass, Thresholds } from './index.ts';
import { FAKE_RETRIEVER_THRESHOLDS, FakeRetriever } from './test-support/fake-retriever.ts';
import { SAMPLE_FILES } from './test-support/sample-files.ts';

// Toy models that give one topic a handover reason, so the tests can tell the classifier's doing from the
// rules' and from retrieval: "trampoline" is no rule's word, and "barnehage" is an ordinary question.
function toyModel(topic: string, label: ModelClass): HandoverModel {
  const examples = [
    `${topic} i hagen`,
    `${topic} igjen i dag`,
    `hjelp med ${topic}`,
    `${topic} hos naboen`,
  ].map((text) => ({ text, label }));
  const ordinary = [
    'hva koster sfo',
    'når er fristen for skolebytte',
    'åpningstider biblioteket',
    'hvor er gjenvinningsstasjonen',
    'hvordan søker jeg startlån',
    'hva koster eiendomsskatt',
  ].map((text) => ({ text, label: 'none' as const }));
  return trainHandoverModel([...examples, ...ordinary], { minDocs: 1 });
}

async function envWith(
  model: HandoverModel | null,
  thresholds: Partial<Thresholds> = {},
): Promise<BotEnvironment> {
  const { env } = await createBotEnvironment({
    retriever: new FakeRetriever(SAMPLE_FILES),
    config: { thresholds: { ...FAKE_RETRIEVER_THRESHOLDS, ...thresholds } },
    handoverModel: model,
  });
  return env;
}

const ask = (message: string, env: BotEnvironment) => decide(message, { history: [], widgetLang: 'nb' }, env);

describe('decide: the handover classifier under the rules', () => {
  it('hands over what no rule caught, with its reason and why', async () => {
    const env = await envWith(toyModel('trampoline', 'sensitive'));
    const d = await ask('trampoline i hagen til naboen', env);
    expect(d).toMatchObject({ kind: 'handover', handoverReason: 'sensitive', priority: 'normal' });
    expect(d.why.join('\n')).toMatch(
      /classifier: handover 0\.\d\d ≥ handoverModelMin 0\.7, most likely sensitive/,
    );
  });

  it('treats a crisis verdict like a crisis rule: emergency numbers, urgent', async () => {
    const env = await envWith(toyModel('trampoline', 'crisis'));
    const d = await ask('det er trampoline igjen i dag', env);
    expect(d).toMatchObject({ kind: 'handover', handoverReason: 'crisis', priority: 'urgent' });
    expect(d.reply.emergency?.length).toBeGreaterThan(0);
  });

  it('takes over an ordinary question only when the model is that sure', async () => {
    const model = toyModel('barnehage', 'personal');
    expect(await ask('barnehage i dag', await envWith(model))).toMatchObject({ handoverReason: 'personal' });
    expect(await ask('barnehage i dag', await envWith(model, { handoverModelMin: 1 }))).not.toMatchObject({
      kind: 'handover',
    });
    expect(await ask('barnehage i dag', await envWith(null))).not.toMatchObject({ kind: 'handover' });
  });

  it('can be turned off by a municipality in policy.yaml', async () => {
    const { env, issues } = await createBotEnvironment({
      retriever: new FakeRetriever(SAMPLE_FILES),
      config: { thresholds: FAKE_RETRIEVER_THRESHOLDS },
      policyText: 'thresholds: { handoverModelMin: 1 }\n',
      handoverModel: toyModel('trampoline', 'sensitive'),
    });
    expect(issues).toEqual([]);
    const d = await ask('trampoline i hagen til naboen', env);
    expect(d.kind).not.toBe('handover');
    expect(d.why.join('\n')).not.toContain('classifier');
  });

  it('leaves general how-to questions and bare keywords to the rules and retrieval', async () => {
    const env = await envWith(toyModel('trampoline', 'sensitive'));
    expect(await ask('trampoline i hagen', env)).toMatchObject({ kind: 'handover' });
    expect(await ask('trampoline hagen', env)).not.toMatchObject({ kind: 'handover' });
    expect(await ask('hvordan søker jeg om trampoline i hagen?', env)).not.toMatchObject({
      kind: 'handover',
    });
  });

  it('leaves the reason to the rules when a rule fired', async () => {
    const env = await envWith(toyModel('menneske', 'sensitive'));
    const d = await ask('Kan jeg snakke med et menneske?', env);
    expect(d).toMatchObject({ kind: 'handover', handoverReason: 'human_request' });
    expect(d.why.join('\n')).not.toContain('classifier');
  });

  it('uses the built-in model unless told otherwise', async () => {
    const { env } = await createBotEnvironment({ retriever: new FakeRetriever(SAMPLE_FILES) });
    expect(env.handoverModel?.format).toBe('svar-handover-model/1');
    expect(env.handoverModel?.trainedOn.sources.length).toBeGreaterThan(0);
  });
});

describe('decide: crisis as an asymmetric cost on the classifier', () => {
  it('sends a handover for another reason out as a crisis when P(crisis) is high enough', async () => {
    // "gjeld" is a money-trouble rule word (sensitive); the toy model reads "trampoline" as a crisis.
    const env = await envWith(toyModel('trampoline', 'crisis'), { crisisUpgradeMin: 0.3 });
    const d = await ask('trampoline hos naboen, jeg har så mye gjeld', env);
    expect(d).toMatchObject({ kind: 'handover', handoverReason: 'crisis', priority: 'urgent' });
    expect(d.why.join('\n')).toMatch(/classifier P\(crisis\) 0\.\d\d ≥ crisisUpgradeMin 0\.3/);
    const off = await envWith(toyModel('trampoline', 'crisis'), { crisisUpgradeMin: 1 });
    expect(await ask('trampoline hos naboen, jeg har så mye gjeld', off)).toMatchObject({
      handoverReason: 'sensitive',
    });
  });

  it('makes a crisis handover from P(crisis) alone, where nothing else would hand the message over', async () => {
    const model = toyModel('trampoline', 'crisis');
    const alone = await envWith(model, { handoverModelMin: 0.99, crisisUpgradeMin: 0.3 });
    const d = await ask('hvordan søker jeg om trampoline i hagen?', alone);
    expect(d).toMatchObject({ kind: 'handover', handoverReason: 'crisis', priority: 'urgent' });
    expect(d.why.join('\n')).toMatch(/classifier P\(crisis\) 0\.\d\d ≥ crisisUpgradeMin 0\.3; trampoline/);
  });

  it('leaves pleasantries alone and lets an exact ID number outrank its guess', async () => {
    const env = await envWith(toyModel('goodbye', 'crisis'), { crisisUpgradeMin: 0.3 });
    const bye = await ask('cheers, goodbye', env);
    expect(bye.kind).toBe('smalltalk');
    expect(bye.why.join('\n')).toMatch(/≥ crisisUpgradeMin 0\.3; goodbye, but small talk only/);
    const id = await ask('goodbye i hagen, fnr 01019912345', env);
    expect(id).toMatchObject({ kind: 'handover', handoverReason: 'pii' });
  });

  it('never calls a crisis from the likeliest reason when P(crisis) is below its threshold', async () => {
    // The model is sure a person should take it and crisis is its likeliest reason, but the crisis threshold
    // is out of reach: the handover goes out for the likeliest other reason, without the numbers.
    const env = await envWith(toyModel('trampoline', 'crisis'), { crisisUpgradeMin: 1, crisisCheckInMin: 1 });
    const d = await ask('det er trampoline igjen i dag', env);
    expect(d).toMatchObject({ kind: 'handover', priority: 'normal' });
    expect(d.kind === 'handover' && d.handoverReason).not.toBe('crisis');
  });

  it('checks in with the numbers, not "I don\'t know", when P(crisis) is uncertain and nothing fits', async () => {
    // Below the handover threshold, above the check-in one: a person is not called, the citizen is asked.
    const env = await envWith(toyModel('trampoline', 'crisis'), {
      handoverModelMin: 0.99,
      crisisUpgradeMin: 0.99,
      crisisCheckInMin: 0.2,
    });
    const d = await ask('trampoline i hagen', env);
    expect(d.kind).toBe('check_in');
    expect(d.reply.emergency?.length).toBeGreaterThan(0);
    expect(d.why.join('\n')).toMatch(/crisisCheckInMin 0\.2; trampoline\b.*, no match: check in/);
  });
});
