import type { Candidate, KnowledgeFile, Lang, RetrievalMode } from '../../knowledge/index.ts';
import type { BotEnvironment } from '../environment.ts';
import { emergencyFor } from '../policy/emergency.ts';
import { fill, texts } from '../texts/index.ts';
import type { TextKey } from '../texts/index.ts';
import type {
  BotReply,
  Decision,
  DistressLevel,
  FallbackReason,
  HandoverReason,
  ReplyLang,
} from '../types.ts';

/** What every decision shares, gathered while decide() works through its rules. */
export interface DecisionBase {
  lang: ReplyLang;
  detectedLang: Lang;
  redacted: string;
  why: string[];
  candidates: Candidate[];
  retrievalMode?: RetrievalMode;
  distress?: DistressLevel;
}

const MAX_CANDIDATES = 5;
const MAX_PASSAGE_TEXT = 240;

/** Candidates as logged: the first few, with passage text shortened and the Markdown dropped. */
function trimCandidates(candidates: readonly Candidate[]): Candidate[] {
  return candidates.slice(0, MAX_CANDIDATES).map((c) => {
    const { markdown: _markdown, ...passage } = c.passage;
    return { ...c, passage: { ...passage, text: passage.text.slice(0, MAX_PASSAGE_TEXT) } };
  });
}

function make(
  base: DecisionBase,
  fields: Omit<Decision, keyof DecisionBase | 'priority' | 'unanswered'> &
    Partial<Pick<Decision, 'priority' | 'unanswered'>>,
): Decision {
  return {
    priority: 'normal',
    unanswered: false,
    ...fields,
    lang: base.lang,
    detectedLang: base.detectedLang,
    redacted: base.redacted,
    why: base.why,
    candidates: trimCandidates(base.candidates),
    ...(base.retrievalMode ? { retrievalMode: base.retrievalMode } : {}),
    ...(base.distress ? { distress: base.distress } : {}),
  };
}

/** The editor's text: an FAQ's whole body; for a guide, the matched section under its heading. */
export function answerText(
  candidate: Pick<Candidate, 'kind' | 'passage'>,
  file: KnowledgeFile | undefined,
): string {
  if (candidate.kind === 'faq' && file) return file.body.trim();
  const passage = candidate.passage;
  const body = (passage.markdown ?? passage.text).trim();
  return passage.heading ? `**${passage.heading}**\n\n${body}` : body;
}

export function answerDecision(
  base: DecisionBase,
  candidate: Candidate,
  file: KnowledgeFile | undefined,
  related: readonly Candidate[] = [],
): Decision {
  const reply: BotReply = {
    text: answerText(candidate, file),
    source: {
      fileId: candidate.fileId,
      title: file?.title ?? candidate.title,
      path: file?.path ?? candidate.path,
    },
    askFeedback: true,
  };
  const link = file?.link ?? candidate.link;
  if (link) reply.link = link;
  if (related.length > 0) reply.related = related.map((c) => ({ fileId: c.fileId, title: c.title }));
  return make(base, { kind: 'answer', reply, fileId: candidate.fileId });
}

export function clarifyDecision(base: DecisionBase, options: readonly Candidate[]): Decision {
  return make(base, {
    kind: 'clarify',
    reply: {
      text: texts(base.lang).clarifyIntro,
      suggestions: options.map((c) => ({ fileId: c.fileId, title: c.title })),
      askFeedback: false,
    },
  });
}

const HANDOVER_TEXT: Record<Exclude<HandoverReason, 'crisis'>, TextKey> = {
  pii: 'handoverPii',
  personal: 'handoverPersonal',
  complaint: 'handoverComplaint',
  sensitive: 'handoverSensitive',
  human_request: 'handoverHumanRequest',
};

export function handoverDecision(
  base: DecisionBase,
  reason: HandoverReason,
  env: BotEnvironment,
  queue: string | undefined,
): Decision {
  const t = texts(base.lang);
  let reply: BotReply;
  if (reason === 'crisis') {
    const emergency = emergencyFor(env.emergency, base.lang);
    // The numbers are in the text as well, so they survive any renderer, transcript or e-mail.
    const list = emergency.map((n) => `- **${n.number}** – ${n.label}`).join('\n');
    reply = { text: `${t.crisisIntro}\n\n${list}\n\n${t.crisisHandover}`, emergency, askFeedback: false };
  } else {
    reply = { text: t[HANDOVER_TEXT[reason]], askFeedback: false };
  }
  return make(base, {
    kind: 'handover',
    reply,
    handoverReason: reason,
    priority: reason === 'crisis' ? 'urgent' : 'normal',
    ...(queue ? { queue } : {}),
  });
}

const FALLBACK_TEXT: Record<FallbackReason, TextKey> = {
  no_match: 'fallbackNoMatch',
  out_of_scope: 'fallbackOutOfScope',
  injection: 'fallbackInjection',
  gibberish: 'fallbackGibberish',
};

/**
 * `unanswered` defaults to true for no_match and out_of_scope: those are the editors' to-do list.
 * `nothingAbout` names what the bot understood the question to be about ("I found nothing about *x*").
 */
export function fallbackDecision(
  base: DecisionBase,
  reason: FallbackReason,
  options: { textKey?: TextKey; unanswered?: boolean; nothingAbout?: readonly string[] } = {},
): Decision {
  const t = texts(base.lang);
  const topic = (options.nothingAbout ?? []).map((w) => w.replace(/[*_`[\]]/g, '')).filter(Boolean);
  const text =
    options.textKey === undefined && topic.length > 0
      ? fill(t.fallbackNothingAbout, { topic: topic.join(' ') })
      : t[options.textKey ?? FALLBACK_TEXT[reason]];
  return make(base, {
    kind: 'fallback',
    reply: { text, askFeedback: false },
    fallbackReason: reason,
    unanswered: options.unanswered ?? (reason === 'no_match' || reason === 'out_of_scope'),
  });
}

/**
 * Distress is uncertain and there is no confident answer: ask gently whether the citizen is safe, with the
 * numbers to call, and leave the next step to them (no handover of its own).
 */
export function checkInDecision(base: DecisionBase, env: BotEnvironment): Decision {
  const t = texts(base.lang);
  const emergency = emergencyFor(env.emergency, base.lang);
  const list = emergency.map((n) => `- **${n.number}** – ${n.label}`).join('\n');
  return make(base, {
    kind: 'check_in',
    reply: { text: `${t.checkInQuestion}\n\n${list}\n\n${t.checkInInvite}`, emergency, askFeedback: false },
  });
}

export type SmalltalkKind = 'hello' | 'thanks' | 'bye' | 'ack' | 'bot';
const SMALLTALK_TEXT: Record<SmalltalkKind, TextKey> = {
  hello: 'smalltalkHello',
  thanks: 'smalltalkThanks',
  bye: 'smalltalkBye',
  ack: 'smalltalkAck',
  bot: 'smalltalkBot',
};

export function smalltalkDecision(base: DecisionBase, kind: SmalltalkKind): Decision {
  return make(base, {
    kind: 'smalltalk',
    reply: { text: texts(base.lang)[SMALLTALK_TEXT[kind]], askFeedback: false },
  });
}
