import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addHomes, addWordings, buildInbox, searchFiles, type HandoverModel } from '../../bot/index.ts';
import { openKnowledge } from '../../knowledge/index.ts';
import { parseQuestions } from '../dataset.ts';
import { runEval, type EvalOptions, type EvalReport } from '../run-eval.ts';
import { simulatedEditor } from './simulated-editor.ts';
import { simulateMonth } from './simulate-month.ts';

/** Key figures of a month, for the replayed month beside the measured one. */
export type MonthFigures = Pick<
  EvalReport,
  | 'questions'
  | 'answer_top1'
  | 'answer_accuracy'
  | 'wrong_answer_rate'
  | 'fallback_recall'
  | 'handover_recall'
>;
const figures = (r: EvalReport): MonthFigures => ({
  questions: r.questions,
  answer_top1: r.answer_top1,
  answer_accuracy: r.answer_accuracy,
  wrong_answer_rate: r.wrong_answer_rate,
  fallback_recall: r.fallback_recall,
  handover_recall: r.handover_recall,
});

export interface LearningSummary {
  month1: {
    label: string;
    questions: number;
    signals: Record<string, number>;
    /** MONTH1 itself before learning, and after: after is learned from, so it is no measure of new text. */
    before: MonthFigures;
    afterLearnedFrom: MonthFigures;
  };
  inbox: {
    wordings: number;
    downvotedFiles: number;
    unansweredClusters: number;
    filtered: Record<string, number>;
  };
  editor: { approved: number; dismissed: number; filesChanged: number; notAdded: number };
}

export interface LearnEvalReport {
  before: EvalReport;
  after: EvalReport;
  learning: LearningSummary;
}

/**
 * The target in the eval: MONTH2 measured on the knowledge as it is, then MONTH1 replayed as traffic
 * into the same learning code the server runs, a simulated editor's verdicts written into a copy of the
 * folder with the same front matter edit the editor console makes, and MONTH2 measured again. The answer
 * model calibrates itself on the changed folder, as after a live reload.
 */
export async function runLearnEval(
  o: Omit<EvalOptions, 'questionFiles' | 'handoverModelFor'> & {
    learnFrom: { label: string; text: string };
    questionFiles: EvalOptions['questionFiles'];
    handoverModelFor?: (label: string) => HandoverModel | null;
  },
): Promise<LearnEvalReport> {
  const work = await mkdtemp(join(tmpdir(), 'svar-learn-'));
  try {
    const before = await runEval(o);
    const month1Files = [o.learnFrom];
    const month1Before = await runEval({ ...o, questionFiles: month1Files });
    const copy = join(work, 'knowledge');
    await cp(o.knowledgeDir, copy, { recursive: true });
    const knowledge = await openKnowledge({
      knowledgeDir: copy,
      dataDir: join(work, 'data'),
      ...(o.mode !== 'lexical' && o.embedder ? { embedder: o.embedder, preferMode: o.mode } : {}),
    });
    const files = knowledge.retriever.files();
    const month1 = parseQuestions(o.learnFrom.text, new Set(files.map((f) => f.id)));
    const simulated = await simulateMonth({
      questions: month1.questions,
      retriever: knowledge.retriever,
      policyText: knowledge.policyText,
      botConfig: o.botConfig,
      handoverModel: o.handoverModelFor?.(o.learnFrom.label),
      month: '2026-01',
    });
    const inbox = await addHomes(buildInbox(simulated.signals, [], files), searchFiles(knowledge.retriever));
    const editor = simulatedEditor(inbox, simulated.labels, '2026-02-01T00:00:00.000Z');
    let notAdded = 0;
    for (const [fileId, wordings] of editor.approved) {
      const file = files.find((f) => f.id === fileId);
      if (!file) continue;
      const path = join(copy, file.path);
      const edited = addWordings(await readFile(path, 'utf8'), wordings);
      if (!edited.ok) {
        notAdded += wordings.length;
        continue;
      }
      notAdded += wordings.length - edited.added.length;
      await writeFile(path, edited.text);
    }
    const after = await runEval({ ...o, knowledgeDir: copy });
    const month1After = await runEval({ ...o, knowledgeDir: copy, questionFiles: month1Files });
    const signals: Record<string, number> = {};
    for (const s of simulated.signals) {
      const k = s.kind === 'vote' ? (s.helpful ? 'vote_up' : 'vote_down') : s.kind;
      signals[k] = (signals[k] ?? 0) + 1;
    }
    return {
      before,
      after,
      learning: {
        month1: {
          label: o.learnFrom.label,
          questions: month1.questions.length,
          signals,
          before: figures(month1Before),
          afterLearnedFrom: figures(month1After),
        },
        inbox: {
          wordings: inbox.wordings.reduce((n, g) => n + g.wordings.length, 0),
          downvotedFiles: inbox.downvoted.length,
          unansweredClusters: inbox.unanswered.length,
          filtered: inbox.filtered,
        },
        editor: { ...editor.counts, filesChanged: editor.approved.size, notAdded },
      },
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
