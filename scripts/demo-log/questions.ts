import { readFile } from 'node:fs/promises';
import { parseQuestions, type EvalQuestion } from '../../eval/dataset.ts';
import type { ChatLang } from '../../server/protocol.ts';
import type { Random } from './random.ts';

export interface DemoQuestion {
  text: string;
  /** What the citizen picks in the widget; Swedish speakers pick Bokmål, which the widget offers. */
  widgetLang: ChatLang;
  /** Earlier messages of a follow-up question, sent first. */
  context: string[];
}

export const KINDS = ['answer', 'followUp', 'fallback', 'smalltalk', 'handover'] as const;
export type QuestionKind = (typeof KINDS)[number];

/** Questions citizens of Fjordvik ask, mostly in Bokmål, as in a Norwegian municipality. */
const LANG_SHARE: readonly (readonly [EvalQuestion['lang'], number])[] = [
  ['nb', 70],
  ['nn', 9],
  ['en', 12],
  ['da', 4],
  ['sv', 5],
];

/**
 * Why citizens need a person, roughly as often as a switchboard sees it: case questions and ID numbers
 * often, crises rarely (the datasets hold many crisis messages because they matter most, not because they
 * are common).
 */
const HANDOVER_SHARE: readonly (readonly [string, number])[] = [
  ['personal', 30],
  ['pii', 20],
  ['human_request', 20],
  ['complaint', 15],
  ['sensitive', 10],
  ['crisis', 5],
];

const widgetLangOf = (q: EvalQuestion): ChatLang => (q.lang === 'sv' ? 'nb' : q.lang);

/** The labelled evaluation questions, sorted into what a demo citizen might ask. */
export class QuestionPools {
  private readonly pools = new Map<string, EvalQuestion[]>();

  constructor(questions: readonly EvalQuestion[]) {
    for (const q of questions) {
      const kind: QuestionKind = q.context.length > 0 ? 'followUp' : q.expect;
      this.add(kind, q);
      if (q.reason) this.add(`handover:${q.reason}`, q);
    }
  }

  private add(key: string, q: EvalQuestion): void {
    this.pools.set(key, [...(this.pools.get(key) ?? []), q]);
  }

  size(kind: QuestionKind): number {
    return this.pools.get(kind)?.length ?? 0;
  }

  /**
   * A question of this kind, in the widget language the citizen already chose or else in a language drawn
   * by share; any language when there is none in that one.
   */
  draw(kind: QuestionKind, random: Random, widgetLang?: ChatLang): DemoQuestion {
    const key = kind === 'handover' ? `handover:${random.weighted(HANDOVER_SHARE)}` : kind;
    const pool = this.pools.get(key) ?? this.pools.get(kind) ?? [];
    if (pool.length === 0) throw new Error(`the datasets have no ${kind} questions`);
    const lang = random.weighted(LANG_SHARE);
    const fits = (q: EvalQuestion) => (widgetLang ? widgetLangOf(q) === widgetLang : q.lang === lang);
    const inLang = pool.filter(fits);
    const q = random.pick(inLang.length > 0 ? inLang : pool);
    return { text: q.text, widgetLang: widgetLang ?? widgetLangOf(q), context: q.context };
  }
}

/** Reads the JSON Lines question files; lines naming files the knowledge base lacks are left out. */
export async function loadQuestionPools(
  files: readonly string[],
  knownFileIds: ReadonlySet<string>,
): Promise<QuestionPools> {
  const questions: EvalQuestion[] = [];
  for (const file of files) {
    questions.push(...parseQuestions(await readFile(file, 'utf8'), knownFileIds).questions);
  }
  const pools = new QuestionPools(questions);
  const missing = KINDS.filter((k) => pools.size(k) === 0);
  if (missing.length > 0) throw new Error(`the question files have no ${missing.join(', ')} questions`);
  return pools;
}
