import { clusterQuestions } from './cluster.ts';
import { questionProblem, wordingKey } from './filters.ts';
import {
  DEFAULT_LEARNING_OPTIONS,
  type DownvotedAnswer,
  type FileWordings,
  type HandedOverAnswerable,
  type LearnableFile,
  type LearningInbox,
  type LearningOptions,
  type LearningSignal,
  type LearningVerdict,
  type UnansweredCluster,
  type WordingProposal,
} from './types.ts';

export const itemKey = {
  wording: (fileId: string, wording: string) => `wording:${fileId}:${wordingKey(wording)}`,
  downvoted: (fileId: string) => `downvoted:${fileId}`,
  handover: (fileId: string) => `handover:${fileId}`,
  unanswered: (lang: string, question: string) => `unanswered:${lang}:${wordingKey(question)}`,
};

/**
 * Fallbacks that say the knowledge lacks something. Injections and gibberish say nothing about it, and what
 * the bot found outside the municipality's business (the weather, a poem) is counted, not listed.
 */
const GAP_REASONS = new Set(['no_match']);

/**
 * Counts support the way the guards require: each conversation once and each client once, so one citizen
 * (or one script) opening many chats counts as one.
 */
class Support {
  private readonly conversations = new Set<string>();
  private readonly clients = new Set<string>();
  count = 0;
  distinct = 0;
  lastAt = '';
  add(s: LearningSignal): void {
    this.count++;
    if (s.at > this.lastAt) this.lastAt = s.at;
    if (this.conversations.has(s.conversationId) || this.clients.has(s.client)) return;
    this.conversations.add(s.conversationId);
    this.clients.add(s.client);
    this.distinct++;
  }
}

function tally(texts: string[]): { text: string; count: number }[] {
  const byKey = new Map<string, { text: string; count: number }>();
  for (const text of texts) {
    const k = wordingKey(text);
    const entry = byKey.get(k);
    if (entry) entry.count++;
    else byKey.set(k, { text: text.trim(), count: 1 });
  }
  return [...byKey.values()].sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
}

/**
 * Turns signals into what editors review. Nothing here changes the knowledge: approving is the editor's
 * (or, when switched on, the auto-approval's) and goes through the normal save path.
 */
export function buildInbox(
  signals: readonly LearningSignal[],
  verdicts: readonly LearningVerdict[],
  files: readonly LearnableFile[],
  options: Partial<LearningOptions> = {},
): LearningInbox {
  const o = { ...DEFAULT_LEARNING_OPTIONS, ...options };
  const filtered: Record<string, number> = {};
  const skip = (why: string) => (filtered[why] = (filtered[why] ?? 0) + 1);
  const fileOf = new Map(files.map((f) => [f.id, f]));
  const known = new Map(files.map((f) => [f.id, new Set([f.title, ...f.questions].map(wordingKey))]));
  const verdictAt = new Map<string, string>();
  for (const v of verdicts) if ((verdictAt.get(v.key) ?? '') < v.at) verdictAt.set(v.key, v.at);
  // A question an editor already moved into a file (from the 👎 list) is settled, whichever file it went to.
  const approvedWordings = new Set(
    verdicts
      .filter((v) => v.action === 'approved' && v.key.startsWith('wording:'))
      .map((v) => v.key.slice(v.key.indexOf(':', 'wording:'.length) + 1)),
  );
  const decidedAfter = (key: string, at: string) => {
    const v = verdictAt.get(key);
    return v !== undefined && v >= at;
  };

  const perClient = new Map<string, number>();
  for (const s of signals) perClient.set(s.client, (perClient.get(s.client) ?? 0) + 1);

  const wordings = new Map<
    string,
    { p: Omit<WordingProposal, 'count' | 'conversations' | 'lastAt'>; s: Support }
  >();
  const downvoted = new Map<string, { s: Support; questions: string[] }>();
  const handedOver = new Map<string, { s: Support; questions: string[] }>();
  const gaps = new Map<string, { text: string; signals: LearningSignal[] }[]>();

  for (const s of signals) {
    if ((perClient.get(s.client) ?? 0) > o.floodSignalsPerClient) {
      skip('flood');
      continue;
    }
    const problem = questionProblem(s, o);
    const file = s.fileId ? fileOf.get(s.fileId) : undefined;
    if (s.kind === 'choice' || s.kind === 'staff_label') {
      if (s.kind === 'staff_label' && file && !decidedAfter(itemKey.handover(file.id), s.at)) {
        const entry = handedOver.get(file.id) ?? { s: new Support(), questions: [] };
        entry.s.add(s);
        if (!problem) entry.questions.push(s.question);
        handedOver.set(file.id, entry);
      }
      if (problem) {
        skip(problem);
        continue;
      }
      if (!file) continue;
      const key = itemKey.wording(file.id, s.question);
      if (verdictAt.has(key) || known.get(file.id)?.has(wordingKey(s.question))) continue;
      const entry = wordings.get(key) ?? {
        p: { key, fileId: file.id, wording: s.question.trim(), lang: s.lang, sources: {} },
        s: new Support(),
      };
      entry.s.add(s);
      entry.p.sources[s.kind] = (entry.p.sources[s.kind] ?? 0) + 1;
      wordings.set(key, entry);
    } else if (s.kind === 'rephrase' || (s.kind === 'vote' && s.helpful === false)) {
      if (!file || decidedAfter(itemKey.downvoted(file.id), s.at)) continue;
      if (approvedWordings.has(wordingKey(s.question))) continue;
      const entry = downvoted.get(file.id) ?? { s: new Support(), questions: [] };
      entry.s.add(s);
      if (problem) skip(problem);
      else entry.questions.push(s.question);
      downvoted.set(file.id, entry);
    } else if (s.kind === 'fallback') {
      if (problem || !GAP_REASONS.has(s.questionReason ?? 'no_match')) {
        skip(problem ?? s.questionReason ?? 'not_a_gap');
        continue;
      }
      if (decidedAfter(itemKey.unanswered(s.lang, s.question), s.at)) continue;
      const byLang = gaps.get(s.lang) ?? [];
      const k = wordingKey(s.question);
      const same = byLang.find((g) => wordingKey(g.text) === k);
      if (same) same.signals.push(s);
      else byLang.push({ text: s.question.trim(), signals: [s] });
      gaps.set(s.lang, byLang);
    }
  }

  const byFile = new Map<string, FileWordings>();
  for (const { p, s } of wordings.values()) {
    const title = fileOf.get(p.fileId)?.title ?? p.fileId;
    const group = byFile.get(p.fileId) ?? { fileId: p.fileId, title, wordings: [] };
    group.wordings.push({ ...p, count: s.count, conversations: s.distinct, lastAt: s.lastAt });
    byFile.set(p.fileId, group);
  }
  const supportOf = (g: FileWordings) => g.wordings.reduce((n, w) => n + w.conversations, 0);
  for (const g of byFile.values())
    g.wordings.sort((a, b) => b.conversations - a.conversations || b.count - a.count);

  const perFile = <T>(m: Map<string, { s: Support; questions: string[] }>, key: (id: string) => string) =>
    [...m.entries()]
      .map(([fileId, { s, questions }]) => ({
        key: key(fileId),
        fileId,
        title: fileOf.get(fileId)?.title ?? fileId,
        count: s.distinct,
        conversations: s.distinct,
        questions: tally(questions),
        lastAt: s.lastAt,
      }))
      .sort((a, b) => b.count - a.count) as T[];

  const unanswered: UnansweredCluster[] = [];
  for (const [lang, items] of gaps) {
    // Clustering is quadratic: the most asked questions of a language are grouped, the long tail waits.
    const entries = items
      .map((g) => ({ text: g.text, count: g.signals.length, signals: g.signals }))
      .sort((a, b) => b.count - a.count)
      .slice(0, o.maxClusterQuestions);
    for (const members of clusterQuestions(entries, o.clusterSimilarity)) {
      const s = new Support();
      const likely = new Map<string, number>();
      for (const m of members)
        for (const sig of m.signals) {
          s.add(sig);
          if (sig.fileId) likely.set(sig.fileId, (likely.get(sig.fileId) ?? 0) + 1);
        }
      const top = [...likely.entries()].sort((a, b) => b[1] - a[1])[0];
      const first = members[0]!;
      unanswered.push({
        key: itemKey.unanswered(lang, first.text),
        keys: members.map((m) => itemKey.unanswered(lang, m.text)),
        lang,
        questions: members.map((m) => ({ text: m.text, count: m.count })),
        count: s.count,
        conversations: s.distinct,
        ...(top && fileOf.has(top[0]) ? { likelyFileId: top[0] } : {}),
        lastAt: s.lastAt,
      });
    }
  }
  unanswered.sort((a, b) => b.conversations - a.conversations || b.count - a.count);

  return {
    wordings: [...byFile.values()].sort((a, b) => supportOf(b) - supportOf(a)),
    downvoted: perFile<DownvotedAnswer>(downvoted, itemKey.downvoted),
    handedOver: perFile<HandedOverAnswerable>(handedOver, itemKey.handover),
    unanswered,
    filtered,
  };
}

/** Wordings the optional auto-approval may take: enough distinct conversations (and clients). */
export function autoApprovable(inbox: LearningInbox, minConversations: number): WordingProposal[] {
  return inbox.wordings.flatMap((g) => g.wordings.filter((w) => w.conversations >= minConversations));
}
