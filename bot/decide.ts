import type { Candidate } from '../knowledge/index.ts';
import {
  answerDecision,
  checkInDecision,
  clarifyDecision,
  fallbackDecision,
  handoverDecision,
  smalltalkDecision,
} from './decide/build.ts';
import type { DecisionBase } from './decide/build.ts';
import { followUpSignals, previousContext, rerankFollowUp } from './decide/follow-up.ts';
import { looksLikeGibberish } from './decide/gibberish.ts';
import { retrievalQuery } from './decide/query.ts';
import { search } from './decide/retrieval.ts';
import { smalltalkOf } from './decide/smalltalk.ts';
import { queryFacts } from './answer/features.ts';
import { judgeAnswer } from './answer/outcomes.ts';
import { reranked, scoreQuestion } from './answer/scoring.ts';
import type { AnswerJudgement } from './answer/outcomes.ts';
import type { BotEnvironment } from './environment.ts';
import { classify } from './safety/classifier/handover-model.ts';
import { findIds } from './safety/ids.ts';
import { KEYWORDS_ONLY, scanLexicon, scanVetoes } from './safety/lexicons.ts';
import type { LexiconHit, PhraseReason } from './safety/lexicons.ts';
import { redact, stripSensitive } from './safety/redact.ts';
import { distressScore } from './safety/signals/distress.ts';
import { crisisFromModel } from './safety/signals/crisis-model.ts';
import { distressLevel } from './safety/signals/distress-level.ts';
import { foldedWords } from './text/normalize.ts';
import { withoutPhraseWords } from './text/phrase.ts';
import type { ConversationContext, Decision, HandoverReason, ReplyLang } from './types.ts';

/**
 * Messages beyond this are only scanned for safety rules up to here. Far above any real chat message; it
 * bounds the work an abusive client can cause.
 */
const SAFETY_SCAN_CHARS = 20_000;

/** Handover rules after crisis and pii, in the order they are checked. */
const HANDOVER_ORDER: readonly (HandoverReason & PhraseReason)[] = [
  'human_request',
  'complaint',
  'personal',
  'sensitive',
];

const ruleWhy = (hit: LexiconHit): string => `rule ${hit.reason}: matched "${hit.phrase}" (${hit.origin})`;

/**
 * One decision for one citizen message. Pure and deterministic for a given environment: the rules run in a
 * fixed order (safety first), then retrieval decides between answer, clarify and fallback. Never throws.
 */
export async function decide(
  message: string,
  context: ConversationContext,
  env: BotEnvironment,
): Promise<Decision> {
  const t = env.thresholds;
  const scanned = message.slice(0, SAFETY_SCAN_CHARS);
  const guess = await env.detectLanguage(stripSensitive(scanned), context.widgetLang);
  const searchable = retrievalQuery(scanned);
  const base: DecisionBase = {
    lang: guess.reply,
    detectedLang: guess.detected,
    redacted: redact(message),
    why: [...guess.why],
    candidates: [],
  };
  if (!message.trim()) {
    base.why.push('rule empty: nothing to answer');
    return fallbackDecision(base, 'gibberish');
  }

  const tokens = foldedWords(scanned);
  const vetoes: string[] = [];
  const hits = scanLexicon(env.lexicon, tokens, vetoes);
  base.why.push(...vetoes);
  const general = hits.get('general_question');
  if (general)
    base.why.push(
      general.phrase === KEYWORDS_ONLY
        ? 'keywords only, no sentence: weak phrases ignored'
        : `general question ("${general.phrase}"): weak phrases ignored`,
    );

  /** Emergency numbers at once, urgent, no retrieval: whichever rule, score or model heard the crisis. */
  const crisisHandover = (...why: string[]): Decision => {
    base.why.push(...why, 'crisis: emergency numbers shown, urgent handover');
    base.distress = 'crisis';
    return handoverDecision(base, 'crisis', env, undefined);
  };

  // Safety first: a crisis reply must never wait for, or be replaced by, an FAQ.
  const crisis = hits.get('crisis');
  if (crisis) return crisisHandover(ruleWhy(crisis));
  // Safety net under the rules: single distress concepts, weighted (see safety/signals/distress.ts).
  const distress = distressScore(tokens, general !== undefined, env.lexicon);
  base.distress = distressLevel(distress.score, t);
  if (distress.score >= t.distressHighMin) {
    return crisisHandover(`${distress.note} ≥ distressHighMin ${t.distressHighMin}`);
  }
  /** No confident answer: a moderate distress score is reason enough for a person to look (policy (b)). */
  const distressInstead = (instead = 'no confident answer'): Decision | undefined => {
    if (distress.score < t.distressModerateMin) return undefined;
    return crisisHandover(`${distress.note} ≥ distressModerateMin ${t.distressModerateMin} and ${instead}`);
  };
  /**
   * Nothing to offer at all (no answer, no suggestions): with uncertain distress, asking gently whether the
   * citizen is safe beats "I don't know". Where the bot has suggestions it offers those instead.
   */
  // The classifier is asked once, before the rules for the other reasons: a crisis outranks them all, and its
  // P(crisis) counts on its own (see safety/signals/crisis-model.ts). Nothing the bot declines anyway (an
  // injection attempt; a poem or the weather asked for in the message's own language, since "været" is the
  // weather in Bokmål but "been" in Danish): the rules have already looked for a crisis in it.
  const declined = hits.has('injection') || hits.get('out_of_scope')?.origin === guess.detected;
  const verdict =
    env.handoverModel && t.handoverModelMin < 1 && !declined
      ? classify(env.handoverModel, tokens)
      : undefined;
  const modelCrisis = crisisFromModel(verdict, t);
  let uncertainWhy = `${distress.note} ≥ distressCheckInMin ${t.distressCheckInMin}`;
  if (modelCrisis.level === 'uncertain' && base.distress === 'none') {
    base.distress = 'uncertain';
    uncertainWhy = modelCrisis.why;
  }
  const checkInInstead = (): Decision | undefined => {
    if (base.distress !== 'uncertain') return undefined;
    base.why.push(`${uncertainWhy}, no match: check in`);
    return checkInDecision(base, env);
  };

  // The handover goes to the department the message is about, so search without the handover phrase itself.
  const routeTo = async (reason: HandoverReason, hit?: LexiconHit): Promise<Decision> => {
    const query = hit ? withoutPhraseWords(searchable, hit.phrase) : searchable;
    const found = await search(env.retriever, query, guess.detected);
    base.candidates = found.candidates;
    base.retrievalMode = found.mode;
    base.why.push(...found.why);
    const top = found.candidates[0];
    let queue: string | undefined;
    if (top?.owner && top.confidence >= t.queueMin) {
      queue = top.owner;
      base.why.push(
        `queue: ${top.owner}, owner of "${top.fileId}" (${top.confidence.toFixed(2)} ≥ queueMin ${t.queueMin})`,
      );
    } else {
      base.why.push(`queue: default (no candidate with an owner ≥ queueMin ${t.queueMin})`);
    }
    return handoverDecision(base, reason, env, queue);
  };

  // A case number in a general how-to question is no reason for a person (LABELS.md); an ID always is.
  const howTo = general !== undefined && general.phrase !== KEYWORDS_ONLY;
  const ids = findIds(scanned).filter((id) => id.kind !== 'case_no' || !howTo);
  const piiPhrase = hits.get('pii');
  if (ids.length > 0 || piiPhrase) {
    for (const id of ids) base.why.push(`rule pii: ${id.note}`);
    if (piiPhrase) base.why.push(ruleWhy(piiPhrase));
    return routeTo('pii');
  }
  // Crisis as an asymmetric cost: P(crisis) alone makes a crisis handover, before the other reasons, also in a
  // how-to question ("… forresten er planen å kjøre utfor"). After ID numbers, which are exact where the model
  // guesses (a crisis rule or score has already spoken). Not on a message of pleasantries alone ("cheers,
  // goodbye"): two words are too little for the model to call a crisis on, and a final farewell is the rules'
  // and the distress score's to read ("si farvel til alle", "ikke være her i morgen").
  let smalltalk: ReturnType<typeof smalltalkOf> | null = null;
  if (modelCrisis.level === 'crisis') {
    smalltalk = smalltalkOf(env.lexicon, hits, scanned);
    if (!smalltalk) return crisisHandover(modelCrisis.why);
    base.why.push(`${modelCrisis.why}, but small talk only: no crisis from the classifier`);
  }
  for (const reason of HANDOVER_ORDER) {
    const hit = hits.get(reason);
    if (hit) {
      base.why.push(ruleWhy(hit));
      return routeTo(reason, hit);
    }
  }

  // Learned safety net: the rules only know the wordings someone wrote down (see safety/classifier/). Not for
  // how-to questions and bare keywords, the near misses it confuses most, as with the rules' weak phrases.
  if (env.handoverModel && verdict && !general) {
    // Each reason's threshold is the configured one plus the offset calibrated on the training corpus; a
    // lowered one only for a clear reason, at least half of the handover probability (handover-calibration).
    const calibrated = env.handoverModel.offsets?.[verdict.reason] ?? 0;
    const clear = verdict.reasonProbability >= 0.5 * verdict.handover;
    const offset = calibrated < 0 && !clear ? 0 : calibrated;
    const min = Math.round((t.handoverModelMin + offset) * 100) / 100;
    const minWhy = offset
      ? `handoverModelMin ${t.handoverModelMin} ${offset > 0 ? '+' : '−'} ${Math.abs(offset)} for ${verdict.reason}`
      : `handoverModelMin ${t.handoverModelMin}`;
    // What vetoes a rule's reason vetoes the model's too ("er telefonnummeret … 31 00 01 00?").
    const veto = scanVetoes(env.lexicon, tokens).find((v) => v.reason === verdict.reason);
    if (veto && verdict.handover >= min)
      base.why.push(
        `veto ${veto.reason}: ${veto.rule} ("${veto.words}"; the classifier's verdict is dropped)`,
      );
    else if (verdict.handover >= min) {
      const why = `classifier: handover ${verdict.handover.toFixed(2)} ≥ ${minWhy}, most likely ${verdict.reason} (${verdict.reasonProbability.toFixed(2)}; ${verdict.evidence.join(', ') || 'letter patterns'})`;
      base.why.push(why);
      return routeTo(verdict.reason);
    }
  }

  const injection = hits.get('injection');
  if (injection) {
    base.why.push(ruleWhy(injection));
    return fallbackDecision(base, 'injection');
  }
  if (message.length > t.maxMessageChars) {
    base.why.push(`rule too long: ${message.length} characters > maxMessageChars ${t.maxMessageChars}`);
    return fallbackDecision(base, 'gibberish', { textKey: 'fallbackTooLong' });
  }
  if (looksLikeGibberish(scanned, tokens)) {
    base.why.push('rule gibberish: no letters, or every word looks like keyboard mashing');
    return fallbackDecision(base, 'gibberish');
  }
  // Worked out once: above, where P(crisis) asked for it, or here.
  if (smalltalk === null) smalltalk = smalltalkOf(env.lexicon, hits, scanned);
  if (smalltalk) {
    // "takk for alt, ha det" may be a farewell: pleasantries never talk distress down.
    const instead = distressInstead(`small talk (${smalltalk.why})`);
    if (instead) return instead;
    base.why.push(smalltalk.why);
    return smalltalkDecision(base, smalltalk.kind);
  }

  const { judgement, failed } = await retrieveAndJudge(searchable, tokens, context, env, base);
  if (failed) {
    // Not a gap in the knowledge, so it stays off the editors' unanswered list.
    return fallbackDecision(base, 'no_match', { textKey: 'fallbackError', unanswered: false });
  }
  const outOfScope = hits.get('out_of_scope');
  if (outOfScope) {
    base.why.push(ruleWhy(outOfScope));
    if (judgement.kind === 'answer' && judgement.p >= t.outOfScopeOverride) {
      base.why.push(
        `out-of-scope overruled: "${judgement.top.fileId}" P(answers) ${judgement.p.toFixed(2)} ≥ outOfScopeOverride ${t.outOfScopeOverride}`,
        judgement.why,
      );
      return answerDecision(base, judgement.top, env.retriever.file(judgement.top.fileId), judgement.related);
    }
    return distressInstead() ?? fallbackDecision(base, 'out_of_scope');
  }
  base.why.push(judgement.why);
  if (judgement.kind === 'answer')
    return answerDecision(base, judgement.top, env.retriever.file(judgement.top.fileId), judgement.related);
  const instead = distressInstead();
  if (instead) return instead;
  if (judgement.kind === 'clarify') return clarifyDecision(base, judgement.options);
  return checkInInstead() ?? fallbackDecision(base, 'no_match', { nothingAbout: judgement.understood });
}

/** Retrieval, the answer model and the follow-up retry; fills base.candidates / retrievalMode / why. */
async function retrieveAndJudge(
  query: string,
  tokens: readonly string[],
  context: ConversationContext,
  env: BotEnvironment,
  base: DecisionBase,
): Promise<{ judgement: AnswerJudgement; failed: boolean }> {
  const t = env.thresholds;
  const lang = base.detectedLang;
  const { model, points } = env.answers;
  const fileOf = (id: string) => env.retriever.file(id);
  const own = await search(env.retriever, query, lang);
  base.retrievalMode = own.mode;
  base.why.push(...own.why);
  const ownFacts = queryFacts(query, lang, own.mode, own.unknownWords);
  const ownScoring = scoreQuestion(own.candidates, ownFacts, fileOf, model);
  const ownJudgement = judgeAnswer({ scoring: ownScoring, model, points, facts: ownFacts, question: query });
  base.candidates = reranked(ownScoring.scored, own.candidates);
  if (own.failed) return { judgement: ownJudgement, failed: true };

  const signals = followUpSignals(tokens, t.followUpMaxWords);
  const previous = previousContext(context.history, t.followUpMaxWords);
  // "og for SFO?" or "what does it cost?" is a follow-up even when it happens to match something on its own.
  const clearlyFollowUp = signals.continuation || (signals.backReference && signals.contentWords <= 1);
  const eligible = signals.short && (clearlyFollowUp || ownJudgement.kind !== 'answer');
  if (!eligible || previous.question === undefined) return { judgement: ownJudgement, failed: false };

  const [before, combined] = await Promise.all([
    search(env.retriever, previous.question, lang),
    search(env.retriever, `${previous.question} ${query}`, lang),
  ]);
  base.why.push(...before.why, ...combined.why);
  const followed = rerankFollowUp({
    combined: combined.candidates,
    standalone: own.candidates,
    previous: before.candidates,
    answeredFileId: previous.answeredFileId,
    retriever: env.retriever,
    t,
  });
  // The message's own words decide what is unknown: a follow-up of known words is not spoilt by an unknown
  // word earlier in the chat.
  const followFacts = queryFacts(`${previous.question} ${query}`, lang, combined.mode, own.unknownWords);
  const followScoring = scoreQuestion(followed.candidates, followFacts, fileOf, model);
  const followJudgement = judgeAnswer({
    scoring: followScoring,
    model,
    points,
    facts: followFacts,
    question: `${previous.question} ${query}`,
  });
  const better =
    followJudgement.kind === 'answer' ||
    (followJudgement.kind === 'clarify' && (ownJudgement.kind === 'none' || clearlyFollowUp));
  if (!better) {
    base.why.push(
      `follow-up tried with the previous question, kept the message's own result (${followJudgement.kind})`,
    );
    return { judgement: ownJudgement, failed: false };
  }
  base.candidates = reranked(followScoring.scored, followed.candidates);
  base.why.push(
    `follow-up: short message${signals.continuation ? ' opening like a continuation' : ''}${signals.backReference ? ' pointing back' : ''}, scored with the previous question "${previous.question.slice(0, 80)}"`,
    followed.why,
  );
  return { judgement: followJudgement, failed: false };
}

/** The citizen picked one of the suggestions: answer with that file. */
export function decideChoice(fileId: string, context: ConversationContext, env: BotEnvironment): Decision {
  const lastBot = [...context.history].reverse().find((turn) => turn.role === 'bot' && turn.decision);
  const lang: ReplyLang = lastBot?.decision?.lang ?? context.widgetLang ?? 'nb';
  const file = env.retriever.file(fileId);
  const base: DecisionBase = {
    lang,
    detectedLang: lang,
    redacted: file ? `[choice] ${file.title}` : `[choice] ${fileId}`,
    why: [`choice: the citizen picked suggestion "${fileId}"`],
    candidates: [],
    retrievalMode: env.retriever.mode,
  };
  if (!file) {
    base.why.push('choice: that file is no longer in the knowledge base');
    return fallbackDecision(base, 'no_match');
  }
  const passage =
    file.kind === 'faq'
      ? file.passages.find((p) => p.kind === 'body')
      : file.passages.find((p) => p.kind === 'body' && p.markdown !== undefined);
  const candidate: Candidate = {
    fileId: file.id,
    title: file.title,
    lang: file.lang,
    kind: file.kind,
    path: file.path,
    confidence: 1,
    passage: passage ?? {
      id: `${file.id}#0`,
      fileId: file.id,
      kind: 'body',
      text: file.body,
      markdown: file.body,
    },
    why: ['picked by the citizen'],
    ...(file.link ? { link: file.link } : {}),
    ...(file.owner ? { owner: file.owner } : {}),
  };
  if (file.kind === 'guide') base.why.push('choice: guide, showing its first section');
  return answerDecision(base, candidate, file);
}
