/**
 * Every labelled question's decision in a few stable fields, to show that a speed-up changed no decision:
 * `npx tsx eval/decision-snapshot.ts --write` records it in eval/snapshots/decisions.json, and
 * decision-snapshot.int.test.ts compares today's decisions with the record. A change that is meant to alter
 * decisions rewrites the file in the same commit, so the diff shows which ones moved.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { CROSS_KNOWLEDGE, DEFAULT_QUESTIONS } from './default-questions.ts';
import { runEval } from './run-eval.ts';

export const SNAPSHOT_FILE = fileURLToPath(new URL('./snapshots/decisions.json', import.meta.url));

/** Question id → "kind file reason | suggestions | top candidates with confidence to 4 places". */
export type DecisionSnapshot = Record<string, string>;

const SUITES = [
  { label: 'sample', knowledge: 'knowledge/sample', questions: DEFAULT_QUESTIONS },
  ...CROSS_KNOWLEDGE,
];

export async function decisionSnapshot(): Promise<DecisionSnapshot> {
  const out: DecisionSnapshot = {};
  for (const suite of SUITES) {
    const questionFiles = await Promise.all(
      suite.questions.map(async (file) => ({ label: file, text: await readFile(file, 'utf8') })),
    );
    const report = await runEval({ knowledgeDir: suite.knowledge, questionFiles, mode: 'lexical' });
    for (const o of report.outcomes) {
      const reason = o.handoverReason ?? o.fallbackReason ?? '';
      const top = o.top.map((t) => `${t.fileId}:${t.confidence.toFixed(4)}`).join(' ');
      out[`${suite.label}/${o.question.id}`] =
        `${o.kind} ${o.fileId ?? '-'} ${reason} | ${o.suggestions.join(' ')} | ${top}`;
    }
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const snapshot = await decisionSnapshot();
  if (process.argv.includes('--write')) {
    await writeFile(SNAPSHOT_FILE, `${JSON.stringify(snapshot, null, 2)}\n`);
    console.log(`${Object.keys(snapshot).length} decisions written to ${SNAPSHOT_FILE}`);
  } else console.log(JSON.stringify(snapshot, null, 2));
}
