import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import {
  createBotEnvironment,
  decide,
  type Decision,
  type HandoverModel,
  type ReplyLang,
  type Turn,
} from '../bot/index.ts';
import { openKnowledge } from '../knowledge/index.ts';
import { parseQuestions } from './dataset.ts';
import { calibrateOffsets } from './handover-calibration.ts';
import { trainShippedModel, type TrainingFile } from './handover-training.ts';
import { parseCorpus } from './training-corpus.ts';

/**
 * The honest development figure for the safety layer: leave one corpus out (each corpus, written blind by its
 * own writers, is decided by a model trained and calibrated on the other corpora only), and the spent locked
 * and labelled sets decided by the model trained on every corpus (none of them is in it). Every figure goes
 * through the whole decision (rules, ID numbers, distress, classifier) and says which mechanism made it.
 */

export interface HonestRow {
  set: string;
  id: string;
  lang: string;
  /** The reason a person should take it, or `none`. */
  label: string;
  /** The decision: a handover reason, `check_in`, or undefined when the bot kept the message. */
  reason: string | undefined;
  /** Which mechanism made a handover or check-in: rule, id, distress, classifier, check-in. */
  mechanism: string;
  /** The rule or classifier line of `why` that decided it, for tracing. */
  detail: string;
  /** The crisis kind where the set names it. */
  kind?: string;
  text: string;
}

export function mechanismOf(d: Decision): { mechanism: string; detail: string } {
  const find = (re: RegExp) => d.why.find((w) => re.test(w));
  if (d.kind === 'check_in') return { mechanism: 'check-in', detail: find(/check in/) ?? '' };
  if (d.kind !== 'handover') return { mechanism: '-', detail: '' };
  // The classifier's reason verdict, or its P(crisis) on its own (signals/crisis-model.ts).
  const classifier = find(/^classifier:/) ?? find(/^classifier P\(crisis\)/);
  if (classifier) return { mechanism: 'classifier', detail: classifier };
  const id = find(/^rule pii: (?!matched)/);
  if (id) return { mechanism: 'id', detail: id };
  const distress = find(/^distress score/);
  if (distress) return { mechanism: 'distress', detail: distress };
  const rule = find(/^rule \w+: matched/);
  return { mechanism: rule ? 'rule' : 'other', detail: rule ?? '' };
}

interface Item {
  id: string;
  lang: string;
  label: string;
  text: string;
  context: readonly string[];
  kind?: string;
}

async function decideItems(
  set: string,
  items: readonly Item[],
  model: HandoverModel,
  knowledgeDir: string,
): Promise<HonestRow[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'svar-loco-'));
  try {
    const knowledge = await openKnowledge({ knowledgeDir, dataDir });
    const { env } = await createBotEnvironment({
      retriever: knowledge.retriever,
      ...(knowledge.policyText !== undefined ? { policyText: knowledge.policyText } : {}),
      handoverModel: model,
    });
    const out: HonestRow[] = [];
    for (const item of items) {
      const widgetLang: ReplyLang = item.lang === 'sv' ? 'nb' : (item.lang as ReplyLang);
      const history: Turn[] = [];
      for (const earlier of item.context) {
        const d = await decide(earlier, { history: [...history], widgetLang }, env);
        history.push({ role: 'citizen', text: earlier }, { role: 'bot', text: d.reply.text, decision: d });
      }
      const d = await decide(item.text, { history, widgetLang }, env);
      const reason =
        d.kind === 'handover' ? d.handoverReason : d.kind === 'check_in' ? 'check_in' : undefined;
      out.push({
        set,
        id: item.id,
        lang: item.lang,
        label: item.label,
        reason,
        ...mechanismOf(d),
        ...(item.kind ? { kind: item.kind } : {}),
        text: item.text,
      });
    }
    return out;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The corpus a training file belongs to: the letter before the first dash ("c-nb-1.jsonl" → "c"). */
export const corpusOf = (path: string): string => basename(path).split('-')[0] ?? basename(path);

/** A model trained on `files`, with offsets calibrated on those files alone (nothing of the held-out corpus). */
export function trainCalibrated(files: readonly TrainingFile[], handoverModelMin: number): HandoverModel {
  const model = trainShippedModel(files);
  const offsets = calibrateOffsets(files, handoverModelMin).offsets;
  return Object.keys(offsets).length ? { ...model, offsets } : model;
}

export async function leaveOneCorpusOut(
  files: readonly TrainingFile[],
  handoverModelMin: number,
  onFold?: (corpus: string) => void,
  only?: string,
): Promise<HonestRow[]> {
  const corpora = [...new Set(files.map((f) => corpusOf(f.path)))]
    .filter((c) => only === undefined || c === only)
    .sort();
  const rows: HonestRow[] = [];
  for (const corpus of corpora) {
    onFold?.(corpus);
    const model = trainCalibrated(
      files.filter((f) => corpusOf(f.path) !== corpus),
      handoverModelMin,
    );
    const items: Item[] = [];
    for (const file of files.filter((f) => corpusOf(f.path) === corpus)) {
      const parsed = parseCorpus(await readFile(file.path, 'utf8'), basename(file.path), new Set());
      for (const r of parsed.rows) {
        items.push({ id: r.id, lang: r.lang, label: r.label, text: r.text, context: r.context ?? [] });
      }
    }
    rows.push(...(await decideItems(`corpus ${corpus}`, items, model, 'knowledge/sample')));
  }
  return rows;
}

/** The spent sets: locked sets run once already (safety-3 and kommune-d since 8e8bf19), the labelled sets, the cross-knowledge set. */
export const SPENT_SETS = [
  { set: 'safety', knowledge: 'knowledge/sample', questions: ['eval/locked/safety/questions.jsonl'] },
  {
    set: 'safety-2',
    knowledge: 'knowledge/sample',
    questions: ['eval/locked/safety-2/questions.jsonl'],
    kinds: 'eval/locked/safety-2/crisis_kinds.json',
  },
  {
    set: 'safety-3',
    knowledge: 'knowledge/sample',
    questions: ['eval/locked/safety-3/questions.jsonl'],
    kinds: 'eval/locked/safety-3/crisis_kinds.json',
  },
  {
    set: 'kommune-b',
    knowledge: 'eval/locked/kommune-b/knowledge',
    questions: ['eval/locked/kommune-b/questions.jsonl'],
  },
  {
    set: 'kommune-c',
    knowledge: 'eval/locked/kommune-c/knowledge',
    questions: ['eval/locked/kommune-c/questions.jsonl'],
  },
  {
    set: 'kommune-d',
    knowledge: 'eval/locked/kommune-d/knowledge',
    questions: ['eval/locked/kommune-d/questions.jsonl'],
  },
  {
    set: 'kommune-a',
    knowledge: 'eval/knowledge/kommune-a',
    questions: ['eval/cross-knowledge/kommune-a-questions.jsonl'],
  },
  {
    set: 'datasets',
    knowledge: 'knowledge/sample',
    questions: [
      'eval/datasets/tuning.jsonl',
      'eval/datasets/heldout.jsonl',
      ...Array.from({ length: 10 }, (_, i) => `eval/datasets/heldout-${i + 2}.jsonl`),
    ],
  },
] as const;

export async function spentSets(model: HandoverModel): Promise<HonestRow[]> {
  const rows: HonestRow[] = [];
  for (const spec of SPENT_SETS) {
    const kinds: Record<string, string> =
      'kinds' in spec && existsSync(spec.kinds)
        ? (JSON.parse(await readFile(spec.kinds, 'utf8')) as Record<string, string>)
        : {};
    const items: Item[] = [];
    for (const path of spec.questions) {
      if (!existsSync(path)) continue;
      for (const q of parseQuestions(await readFile(path, 'utf8')).questions) {
        const kind = kinds[q.id];
        items.push({
          id: q.id,
          lang: q.lang,
          label: q.expect === 'handover' ? (q.reason ?? 'none') : 'none',
          text: q.text,
          context: q.context,
          ...(kind ? { kind } : {}),
        });
      }
    }
    rows.push(...(await decideItems(spec.set, items, model, spec.knowledge)));
  }
  return rows;
}

const pct = (a: number, b: number): string =>
  b === 0 ? '   -  ' : `${((100 * a) / b).toFixed(1)}`.padStart(5);
const count = <T>(xs: readonly T[], f: (x: T) => boolean) => xs.filter(f).length;
const handed = (r: HonestRow) => r.reason !== undefined && r.reason !== 'check_in';
const REASONS = ['crisis', 'pii', 'personal', 'complaint', 'sensitive', 'human_request'];
const LANGS = ['nb', 'nn', 'da', 'sv', 'en'];

/** One table per set: per reason, per language, crisis kinds, and the mechanisms of catches and misses. */
export function formatHonest(rows: readonly HonestRow[]): string {
  const out: string[] = [];
  const sets = [...new Set(rows.map((r) => r.set))];
  for (const set of [...sets, 'ALL corpora']) {
    const rs =
      set === 'ALL corpora'
        ? rows.filter((r) => r.set.startsWith('corpus'))
        : rows.filter((r) => r.set === set);
    if (rs.length === 0 || (set === 'ALL corpora' && sets.filter((s) => s.startsWith('corpus')).length < 2))
      continue;
    const pos = rs.filter((r) => r.label !== 'none');
    const neg = rs.filter((r) => r.label === 'none');
    out.push(
      `\n== ${set}: ${rs.length} messages; handover recall ${pct(count(pos, handed), pos.length)} %, false handovers ${pct(count(neg, handed), neg.length)} % (${count(neg, handed)} of ${neg.length}), check-ins on none ${count(neg, (r) => r.reason === 'check_in')}`,
    );
    out.push('reason          n  handed  right  check-in   caught by (rule/id/distress/classifier)');
    for (const reason of REASONS) {
      const g = rs.filter((r) => r.label === reason);
      if (g.length === 0) continue;
      const by = ['rule', 'id', 'distress', 'classifier'].map((m) =>
        count(g, (r) => handed(r) && r.mechanism === m),
      );
      out.push(
        `${reason.padEnd(14)} ${String(g.length).padStart(4)}  ${pct(count(g, handed), g.length)}  ${pct(
          count(g, (r) => r.reason === reason),
          g.length,
        )}  ${String(count(g, (r) => r.reason === 'check_in')).padStart(6)}     ${by.join('/')}`,
      );
    }
    out.push('lang   recall  crisis  false-h  (n none)  false by (rule/distress/classifier)');
    for (const lang of LANGS) {
      const p = pos.filter((r) => r.lang === lang);
      const n = neg.filter((r) => r.lang === lang);
      const c = p.filter((r) => r.label === 'crisis');
      if (p.length + n.length === 0) continue;
      const by = ['rule', 'distress', 'classifier'].map((m) =>
        count(n, (r) => handed(r) && r.mechanism === m),
      );
      out.push(
        `${lang.padEnd(5)} ${pct(count(p, handed), p.length)}  ${pct(count(c, handed), c.length)}   ${pct(count(n, handed), n.length)}  ${String(n.length).padStart(8)}  ${by.join('/')}`,
      );
    }
    const kinds = [
      ...new Set(rs.filter((r) => r.kind && r.label === 'crisis').map((r) => r.kind as string)),
    ].sort();
    if (kinds.length) {
      out.push(
        'crisis kinds (handed/n): ' +
          kinds
            .map((k) => {
              const g = rs.filter((r) => r.kind === k && r.label === 'crisis');
              return `${k} ${count(g, handed)}/${g.length}`;
            })
            .join(', '),
      );
    }
  }
  return out.join('\n');
}

export function formatMisses(rows: readonly HonestRow[]): string {
  return rows
    .filter((r) => (r.label === 'none' ? handed(r) : r.reason !== r.label))
    .map(
      (r) =>
        `${r.set}\t${r.id}\t${r.lang}\t${r.label}\t${r.reason ?? '-'}\t${r.mechanism}\t${r.text}\t${r.detail}`,
    )
    .join('\n');
}
