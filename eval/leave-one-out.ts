import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { AnswerModel, HandoverModel, OperatingPoints, Probe } from '../bot/index.ts';
import type { RetrievalMode } from '../knowledge/index.ts';
import { answerTrainingRecords, trainShippedAnswerModel } from './answer-training.ts';
import { DEFAULT_QUESTIONS } from './default-questions.ts';
import type { Metrics } from './metrics.ts';
import { runEval, type EvalReport } from './run-eval.ts';

/**
 * Leave one municipality out: the answer model is fitted on every other knowledge folder's labelled questions
 * and probes, then measured on the one left out, over that folder's own self-calibration. This is how a new
 * municipality meets the bot, so it is the development figure for the answer decision (issue 14): a change that
 * only helps the folders it was fitted on shows up here as no gain.
 */
export interface Municipality {
  label: string;
  knowledge: string;
  questions: readonly string[];
}

/** Every knowledge folder with labelled questions; all of them are tuning sets by now. */
export const MUNICIPALITIES: readonly Municipality[] = [
  { label: 'sample', knowledge: 'knowledge/sample', questions: DEFAULT_QUESTIONS },
  {
    label: 'kommune-a',
    knowledge: 'eval/knowledge/kommune-a',
    questions: ['eval/cross-knowledge/kommune-a-questions.jsonl'],
  },
  {
    label: 'kommune-b',
    knowledge: 'eval/locked/kommune-b/knowledge',
    questions: ['eval/locked/kommune-b/questions.jsonl'],
  },
  {
    label: 'kommune-c',
    knowledge: 'eval/locked/kommune-c/knowledge',
    questions: ['eval/locked/kommune-c/questions.jsonl'],
  },
  {
    label: 'kommune-d',
    knowledge: 'eval/locked/kommune-d/knowledge',
    questions: ['eval/locked/kommune-d/questions.jsonl'],
  },
];

export type Records = { labelled: Probe[]; probes: Probe[] };

/** Labelled questions and probes of each folder, searched once. */
export async function municipalityRecords(
  folders: readonly Municipality[] = MUNICIPALITIES,
): Promise<Map<string, Records>> {
  const out = new Map<string, Records>();
  for (const m of folders) out.set(m.label, await answerTrainingRecords(m.knowledge, m.questions));
  return out;
}

/** Pools the records of every folder but `heldOut`. */
export function pooledWithout(records: ReadonlyMap<string, Records>, heldOut: string): Records {
  const labelled: Probe[] = [];
  const probes: Probe[] = [];
  for (const [label, r] of records) {
    if (label === heldOut) continue;
    labelled.push(...r.labelled);
    probes.push(...r.probes);
  }
  return { labelled, probes };
}

export function modelWithout(records: ReadonlyMap<string, Records>, heldOut: string): AnswerModel {
  const others = [...records.keys()].filter((l) => l !== heldOut);
  return trainShippedAnswerModel(
    [...records].filter(([label]) => label !== heldOut).map(([, r]) => r),
    `leave-one-out: fitted on ${others.join(', ')} without ${heldOut}`,
  );
}

export interface HeldOutRun {
  label: string;
  report: EvalReport;
}

export async function runLeaveOneOut(options: {
  folders?: readonly Municipality[];
  mode?: RetrievalMode;
  handoverModelFor?: (label: string) => HandoverModel | null;
  /** Only these folders are measured (all are still trained on). */
  only?: readonly string[];
  /** Operating points instead of policy.yaml's and the defaults, to choose them on held-out folders. */
  points?: Partial<OperatingPoints>;
}): Promise<HeldOutRun[]> {
  const folders = options.folders ?? MUNICIPALITIES;
  const records = await municipalityRecords(folders);
  const runs: HeldOutRun[] = [];
  for (const m of folders) {
    if (options.only && !options.only.includes(m.label)) continue;
    const answerModel = modelWithout(records, m.label);
    const questionFiles = await Promise.all(
      m.questions.map(async (file) => ({ label: file, text: await readFile(resolve(file), 'utf8') })),
    );
    const report = await runEval({
      knowledgeDir: resolve(m.knowledge),
      questionFiles,
      mode: options.mode ?? 'lexical',
      botConfig: { answerModel, ...(options.points ? { answers: options.points } : {}) },
      ...(options.handoverModelFor ? { handoverModelFor: options.handoverModelFor } : {}),
    });
    runs.push({ label: m.label, report });
  }
  return runs;
}

const pct = (x: number | null | undefined): string =>
  x === null || x === undefined ? '–' : `${(x * 100).toFixed(1)}`;

const COLUMNS: readonly [string, keyof Metrics][] = [
  ['direct', 'answer_top1'],
  ['wrong', 'wrong_answer_rate'],
  ['ans+sugg', 'answer_accuracy'],
  ['noans rec', 'fallback_recall'],
  ['noans prec', 'fallback_precision'],
];

/** One row per held-out folder and per language within it, in percent. */
export function leaveOneOutRows(
  runs: readonly HeldOutRun[],
): { folder: string; lang: string; figures: Metrics }[] {
  return runs.flatMap((r) => [
    { folder: r.label, lang: 'all', figures: r.report as Metrics },
    ...Object.entries(r.report.per_lang).map(([lang, figures]) => ({ folder: r.label, lang, figures })),
  ]);
}

export function formatLeaveOneOut(runs: readonly HeldOutRun[]): string {
  const header = ['held out', 'lang', 'n', ...COLUMNS.map(([name]) => name)];
  const rows = leaveOneOutRows(runs).map((r) => [
    r.folder,
    r.lang,
    String(r.figures.questions),
    ...COLUMNS.map(([, key]) => pct(r.figures[key] as number | null)),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
