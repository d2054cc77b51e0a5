import {
  createBotEnvironment,
  decide,
  redact,
  type BotConfig,
  type HandoverModel,
  type LearningSignal,
  type Turn,
} from '../../bot/index.ts';
import type { Retriever } from '../../knowledge/index.ts';
import type { EvalQuestion } from '../dataset.ts';

export interface SimulatedMonth {
  signals: LearningSignal[];
  /** What the simulated editor knows: the right files for each redacted question, by its text. */
  labels: Map<string, string[]>;
}

/**
 * One month of traffic as the server would record it: each labelled question is one citizen's conversation
 * from their own client. A citizen picks the right file when the bot offers it (suggestions or "related"),
 * rates a wrong answer 👎 and a right one 👍; questions that fall back are logged as such, with the closest
 * file retrieval found. The signals carry redacted text, as the server stores them.
 */
export async function simulateMonth(o: {
  questions: readonly EvalQuestion[];
  retriever: Retriever;
  policyText?: string | undefined;
  botConfig?: BotConfig | undefined;
  handoverModel?: HandoverModel | null | undefined;
  month: string;
}): Promise<SimulatedMonth> {
  const { env } = await createBotEnvironment({
    retriever: o.retriever,
    ...(o.botConfig ? { config: o.botConfig } : {}),
    ...(o.policyText !== undefined ? { policyText: o.policyText } : {}),
    ...(o.handoverModel !== undefined ? { handoverModel: o.handoverModel } : {}),
  });
  const signals: LearningSignal[] = [];
  const labels = new Map<string, string[]>();
  let n = 0;
  for (const q of o.questions) {
    n++;
    const history: Turn[] = [];
    for (const earlier of q.context) {
      const d = await decide(earlier, { history: [...history], widgetLang: 'nb' }, env);
      history.push({ role: 'citizen', text: earlier }, { role: 'bot', text: d.reply.text, decision: d });
    }
    const d = await decide(q.text, { history, widgetLang: 'nb' }, env);
    const question = redact(q.text);
    labels.set(question, [...(labels.get(question) ?? []), ...q.faq]);
    const base = {
      conversationId: `${o.month}-${q.id}`,
      client: `${o.month}-client-${n}`,
      lang: d.detectedLang,
      question,
      questionKind: d.kind,
      questionReason: d.handoverReason ?? d.fallbackReason,
      at: `${o.month}-01T00:00:00.000Z`,
    };
    const offered = [...(d.reply.suggestions ?? []), ...(d.reply.related ?? [])].map((s) => s.fileId);
    const answeredRight = d.kind === 'answer' && d.fileId !== undefined && q.faq.includes(d.fileId);
    if (d.kind === 'answer' && d.fileId) {
      signals.push({ ...base, kind: 'vote', fileId: d.fileId, helpful: answeredRight });
    }
    const right = answeredRight ? undefined : offered.find((id) => q.faq.includes(id));
    if (right) signals.push({ ...base, kind: 'choice', fileId: right });
    else if (d.kind === 'fallback') {
      signals.push({ ...base, kind: 'fallback', fileId: d.candidates[0]?.fileId ?? null });
    }
  }
  return { signals, labels };
}
