import { readFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import {
  createBotEnvironment,
  decide,
  REPLY_LANGS,
  type HandoverModel,
  type ReplyLang,
} from '../bot/index.ts';
import { openKnowledge } from '../knowledge/index.ts';
import { trainShippedModel, type TrainingFile } from './handover-training.ts';
import { CORPUS_LABELS, parseCorpus, type CorpusLine } from './training-corpus.ts';

/**
 * Cross-validation of the whole safety decision (rules, ID numbers, distress, classifier) on the training
 * corpus, one fold per corpus file: each file is decided by a model trained on the other files only, so every
 * figure is on text the model did not learn from. The rules were not written for the corpus either, but
 * whoever tunes them on these figures makes them tuning figures: report the locked sets' first runs instead.
 */

export interface CvRow {
  file: string;
  lang: string;
  label: CorpusLine['label'];
  /** The handover reason decided, or undefined when the bot kept the message. */
  reason: string | undefined;
  text: string;
}

export interface CvSummary {
  rows: number;
  /** Per label: messages, handed over (any reason), and handed over for that reason. */
  perLabel: Record<string, { n: number; handover: number; exact: number }>;
  perLang: Record<string, { handovers: number; caught: number; none: number; falseHandovers: number }>;
  handoverRecall: number;
  falseHandoverRate: number;
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);

export function summarise(rows: readonly CvRow[]): CvSummary {
  const perLabel: CvSummary['perLabel'] = {};
  const perLang: CvSummary['perLang'] = {};
  for (const label of CORPUS_LABELS) perLabel[label] = { n: 0, handover: 0, exact: 0 };
  for (const row of rows) {
    const l = (perLabel[row.label] ??= { n: 0, handover: 0, exact: 0 });
    const g = (perLang[row.lang] ??= { handovers: 0, caught: 0, none: 0, falseHandovers: 0 });
    l.n += 1;
    if (row.reason) l.handover += 1;
    if (row.reason === row.label) l.exact += 1;
    if (row.label === 'none') {
      g.none += 1;
      if (row.reason) g.falseHandovers += 1;
    } else {
      g.handovers += 1;
      if (row.reason) g.caught += 1;
    }
  }
  const handovers = rows.filter((r) => r.label !== 'none');
  const nones = rows.filter((r) => r.label === 'none');
  return {
    rows: rows.length,
    perLabel,
    perLang,
    handoverRecall: ratio(handovers.filter((r) => r.reason).length, handovers.length),
    falseHandoverRate: 1 - ratio(nones.filter((r) => !r.reason).length, nones.length),
  };
}

export async function readCorpusRows(paths: readonly string[]): Promise<Map<string, CorpusLine[]>> {
  const out = new Map<string, CorpusLine[]>();
  for (const path of paths) {
    const parsed = parseCorpus(await readFile(path, 'utf8'), basename(path), new Set());
    out.set(path, parsed.rows);
  }
  return out;
}

/** Decides every row of each held-out file with `modelFor(file)`, over knowledge/sample in lexical mode. */
export async function decideRows(
  files: Map<string, CorpusLine[]>,
  modelFor: (path: string) => HandoverModel | undefined,
  knowledgeDir = 'knowledge/sample',
): Promise<CvRow[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'svar-cv-'));
  try {
    const knowledge = await openKnowledge({ knowledgeDir, dataDir });
    const out: CvRow[] = [];
    for (const [path, rows] of files) {
      const model = modelFor(path);
      const { env } = await createBotEnvironment({
        retriever: knowledge.retriever,
        ...(knowledge.policyText !== undefined ? { policyText: knowledge.policyText } : {}),
        ...(model ? { handoverModel: model } : {}),
      });
      for (const row of rows) {
        const widgetLang = (REPLY_LANGS as readonly string[]).includes(row.lang)
          ? (row.lang as ReplyLang)
          : 'nb';
        const d = await decide(row.text, { history: [], widgetLang }, env);
        out.push({
          file: basename(path),
          lang: row.lang,
          label: row.label,
          reason: d.kind === 'handover' ? d.handoverReason : undefined,
          text: row.text,
        });
      }
    }
    return out;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Leave-one-file-out: a model per corpus file, trained without it. */
export async function crossValidate(
  training: readonly TrainingFile[],
  onFold?: (file: string) => void,
): Promise<CvRow[]> {
  const files = await readCorpusRows(training.map((f) => f.path));
  const rows: CvRow[] = [];
  for (const [path, lines] of files) {
    onFold?.(basename(path));
    const model = trainShippedModel(training.filter((f) => f.path !== path));
    rows.push(...(await decideRows(new Map([[path, lines]]), () => model)));
  }
  return rows;
}

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

export function formatSummary(s: CvSummary): string {
  const lines = [
    `${s.rows} messages; handover recall ${pct(s.handoverRecall)}, false handovers ${pct(s.falseHandoverRate)}`,
    'label            n   handed over   right reason',
  ];
  for (const [label, v] of Object.entries(s.perLabel)) {
    if (v.n === 0) continue;
    const handed = label === 'none' ? `${pct(v.handover / v.n)} (false)` : pct(v.handover / v.n);
    lines.push(
      `${label.padEnd(14)} ${String(v.n).padStart(4)}   ${handed.padStart(11)}   ${pct(v.exact / v.n)}`,
    );
  }
  lines.push('lang   recall    false handovers');
  for (const [lang, v] of Object.entries(s.perLang)) {
    lines.push(
      `${lang.padEnd(5)} ${pct(ratio(v.caught, v.handovers)).padStart(8)}  ${pct(1 - ratio(v.none - v.falseHandovers, v.none)).padStart(8)}`,
    );
  }
  return lines.join('\n');
}
