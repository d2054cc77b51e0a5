import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize } from 'node:v8';
import { expect, it } from 'vitest';
import { classify, parseHandoverModel } from '../bot/safety/classifier/handover-model.ts';
import {
  BUILT_IN_MODEL_PATH,
  fromBuiltIn,
  type BuiltInHandoverModel,
} from '../bot/safety/classifier/built-in.ts';
import { foldedWords } from '../bot/text/normalize.ts';
import { parseBuiltInSafetyData } from '../bot/safety/lexicons.ts';
import { fold, stem } from '../knowledge/lexical/analyzer.ts';
import { parseBaseGlossary } from '../knowledge/lexical/glossary.ts';
import type { Lang } from '../knowledge/index.ts';
import { writeBuiltIns } from './write-built-ins.ts';

// What the built server reads instead of parsing must be exactly what parsing gives, or decisions would move.
it('writes built-in data that reads back exactly as the sources parse', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'svar-built-ins-'));
  const names = await writeBuiltIns(dir);
  const read = (name: string) => readFileSync(join(dir, name));
  expect(names.sort()).toEqual(
    ['analyzed-tokens.v8', 'base-glossary.v8', 'handover-model.v8', 'safety-data.v8'].sort(),
  );

  expect(deserialize(read('safety-data.v8'))).toEqual(parseBuiltInSafetyData());
  expect(deserialize(read('base-glossary.v8'))).toEqual(await parseBaseGlossary());

  const parsed = parseHandoverModel(readFileSync(BUILT_IN_MODEL_PATH, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error);
  const shipped = fromBuiltIn(deserialize(read('handover-model.v8')) as BuiltInHandoverModel);
  // Scored from the shipped table, and the same verdicts as from the parsed JSON.
  for (const text of [
    'Jeg vil klage på vedtaket om barnehageplass',
    'jeg orker ikke mer, vil ikke leve',
    'Kan jeg få snakke med en saksbehandler?',
    'Når er fristen for å søke SFO?',
  ]) {
    expect(classify(shipped, foldedWords(text))).toEqual(classify(parsed.model, foldedWords(text)));
  }
  expect(shipped).toEqual(parsed.model);
  // Feature ids follow key order (compiled-model.ts): the order must survive too.
  expect(Object.keys(shipped.features)).toEqual(Object.keys(parsed.model.features));

  const analyzed = deserialize(read('analyzed-tokens.v8')) as Map<string, Map<string, string>>;
  const langOf: Record<string, Lang> = { norwegian: 'nb', danish: 'da', swedish: 'sv', english: 'en' };
  let checked = 0;
  for (const [stemmer, forms] of analyzed) {
    const lang = langOf[stemmer];
    if (!lang) throw new Error(`unknown stemmer ${stemmer}`);
    for (const [token, form] of forms) {
      expect(form).toBe(fold(stem(token, lang)));
      checked += 1;
    }
  }
  expect(checked).toBeGreaterThan(1000);
});
