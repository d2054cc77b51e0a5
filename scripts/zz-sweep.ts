import { readFile, mkdtemp } from 'node:fs/promises';
import { openKnowledge } from '../knowledge/index.ts';
import { calibrate, queryFacts, shippedAnswerModel, expectedRates, DEFAULT_OPERATING_POINTS } from '../bot/index.ts';
import type { AnswerModel } from '../bot/index.ts';
import { scoreQuestion } from '../bot/answer/scoring.ts';
import { parseQuestions } from '../eval/dataset.ts';
import { DEFAULT_QUESTIONS } from '../eval/default-questions.ts';
const dir = process.argv[2] ?? 'knowledge/sample';
const qfiles = process.argv.slice(3).length ? process.argv.slice(3) : DEFAULT_QUESTIONS;
const kb = await openKnowledge({ knowledgeDir: dir, dataDir: await mkdtemp('/tmp/ans/kb-') });
const r = kb.retriever;
const t0 = performance.now();
const base = process.env.MODEL ? (JSON.parse(await readFile(process.env.MODEL, 'utf8')) as AnswerModel) : shippedAnswerModel();
const cal = await calibrate(r, base);
console.log('calibrate ms', Math.round(performance.now() - t0), cal.answerable, cal.nearMiss, cal.warning ?? '', JSON.stringify(expectedRates(cal, DEFAULT_OPERATING_POINTS)));
const model = process.env.NOCAL ? base : cal.model;
const ids = new Set(r.files().map((f) => f.id));
const rows: { expect: string; ok: boolean[]; ps: number[]; pNone: number }[] = [];
for (const f of qfiles) {
  const { questions } = parseQuestions(await readFile(f, 'utf8'), ids);
  for (const q of questions) {
    if (q.expect !== 'answer' && q.expect !== 'fallback') continue;
    if (q.context.length > 0) continue;
    const res = await r.search(q.text, { lang: q.lang, limit: 20 });
    const facts = queryFacts(q.text, q.lang, res.mode, res.unknownWords);
    const sc = scoreQuestion(res.candidates, facts, (id) => r.file(id), model);
    rows.push({ expect: q.expect, ok: sc.scored.map((s) => q.faq.includes(s.candidate.fileId)), ps: sc.scored.map((s) => s.p), pNone: sc.pNone });
  }
}
const A = rows.filter((x) => x.expect === 'answer').length;
const F = rows.length - A;
console.log('answerable', A, 'fallback', F, 'top1 right', (rows.filter((x) => x.ok[0]).length / A).toFixed(3));
for (const answerAt of (process.env.AT ?? '0.5,0.6,0.7').split(',').map(Number)) for (const noAt of (process.env.NO ?? '0.5,0.6,0.7').split(',').map(Number)) for (const sAt of [0.05]) {
  let direct = 0, wrong = 0, inSug = 0, fbRight = 0, fbAll = 0;
  for (const x of rows) {
    const pTop = x.ps[0] ?? 0;
    let kind: string;
    if (pTop >= answerAt) kind = 'answer';
    else if (x.pNone >= noAt || !x.ps.some((p) => p >= sAt)) kind = 'none';
    else kind = 'clarify';
    if (kind === 'answer') { if (x.ok[0]) direct++; else wrong++; }
    if (kind === 'clarify' && x.ok.some((o, i) => o && (x.ps[i] ?? 0) >= sAt && i < 3)) inSug++;
    if (kind === 'none') { fbAll++; if (x.expect === 'fallback') fbRight++; }
  }
  console.log(answerAt, noAt, sAt, 'direct', (direct / A).toFixed(3), 'wrong', (wrong / rows.length).toFixed(3), 'acc', ((direct + inSug) / A).toFixed(3), 'fbRecall', (fbRight / F).toFixed(3), 'fbPrec', (fbRight / Math.max(1, fbAll)).toFixed(3));
}
