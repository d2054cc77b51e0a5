import { deserialize } from 'node:v8';
import { readBuiltInFile } from '../built-in-file.ts';
import { foldedWords } from '../text/normalize.ts';
import { STOPWORDS } from '../text/stopwords.ts';
import type { CompiledPhrase } from '../text/phrase.ts';
import { parseSafety, readBuiltInSafety } from './concepts/load.ts';
import type { SafetyData, SafetyIssue, SourcePhrase } from './concepts/load.ts';
import { LIST_REASONS, RULE_REASONS } from './concepts/schema.ts';
import type { ListReason, RuleReason } from './concepts/schema.ts';
import { compileSafety, distressOf, evaluateRules, scanSafety, vetoesOf } from './engine.ts';
import type { CompiledSafety, DistressScore, ReasonHit, SafetyScan } from './engine.ts';

/** What a phrase or rule can signal. Handover reasons first, in the order decide() checks them. */
export const PHRASE_REASONS = [...RULE_REASONS, ...LIST_REASONS] as const;
export type PhraseReason = RuleReason | ListReason;

/** Phrase lists in the syntax of bot/text/phrase.ts (policy.yaml's `handover` and `out_of_scope`). */
export type PhraseLists = Partial<Record<PhraseReason, readonly string[]>>;

/** What policy.yaml adds to the built-in safety data (see bot/policy/policy-file.ts). */
export interface SafetyExtension {
  origin: string;
  lists: PhraseLists;
  /** More words for built-in concepts. */
  concepts?: Readonly<Record<string, readonly string[]>>;
  /** Built-in rules (by id) and concepts (by name) this municipality turns off. */
  veto?: readonly string[];
}

export type CompiledLexicon = Readonly<Record<PhraseReason, readonly CompiledPhrase[]>> & {
  readonly safety: CompiledSafety;
};

export interface LexiconHit {
  reason: PhraseReason;
  phrase: string;
  origin: string;
}

let builtIn: SafetyData | undefined;

/**
 * The built-in concept files, validated once. Shipped with the code and checked by its tests, so a broken one
 * is a broken installation: start-up stops with every problem's path and line.
 */
export function builtInSafetyData(): SafetyData {
  if (builtIn) return builtIn;
  const parsed = readBuiltInFile(SAFETY_DATA_FILE);
  return (builtIn = parsed ? (deserialize(parsed) as SafetyData) : parseBuiltInSafetyData());
}

/** The built-in safety data as the build leaves it parsed (bot/built-ins.ts). */
export const SAFETY_DATA_FILE = 'safety-data.v8';

export function parseBuiltInSafetyData(): SafetyData {
  const { data, issues } = parseSafety(readBuiltInSafety());
  if (!data) throw new SafetyFilesInvalid(issues);
  return data;
}

export class SafetyFilesInvalid extends Error {
  constructor(readonly issues: readonly SafetyIssue[]) {
    super(`Invalid safety data:\n${issues.map((i) => `${i.path}:${i.line}  ${i.message}`).join('\n')}`);
    this.name = 'SafetyFilesInvalid';
  }
}

/** Built-ins plus what policy.yaml adds or vetoes, compiled into one matcher. */
export function compileLexicon(extra: readonly SafetyExtension[] = []): CompiledLexicon {
  const base = builtInSafetyData();
  const vetoed = new Set(extra.flatMap((e) => e.veto ?? []));
  const concepts = new Map<string, SourcePhrase[]>(
    [...base.concepts].map(([name, list]) => [name, vetoed.has(name) ? [] : [...list]]),
  );
  const lists = new Map<ListReason, SourcePhrase[]>([...base.lists].map(([r, list]) => [r, [...list]]));
  const policyRules: SafetyData['rules'] = [];
  for (const e of extra) {
    for (const [name, words] of Object.entries(e.concepts ?? {})) {
      concepts.set(name, [
        ...(concepts.get(name) ?? []),
        ...words.map((source) => ({ source, origin: e.origin })),
      ]);
    }
    for (const [reason, words] of Object.entries(e.lists) as [PhraseReason, readonly string[]][]) {
      const phrases = words.map((source) => ({ source, origin: e.origin }));
      if ((RULE_REASONS as readonly string[]).includes(reason)) {
        // A policy phrase for a handover reason is a one-concept rule of its own.
        const name = `policy_${reason}`;
        concepts.set(name, [...(concepts.get(name) ?? []), ...phrases]);
        if (!policyRules.some((r) => r.id === name))
          policyRules.push({ id: name, reason: reason as RuleReason, all: [name] });
      } else {
        lists.set(reason as ListReason, [...(lists.get(reason as ListReason) ?? []), ...phrases]);
      }
    }
  }
  const keep = (r: SafetyData['rules'][number]) => !vetoed.has(r.id);
  const safety = compileSafety({
    concepts,
    lists,
    rules: [...policyRules, ...base.rules.filter(keep)],
    vetoes: base.vetoes.filter(keep),
    distress: base.distress,
    protectedWords: base.protectedWords,
  });
  const byReason = Object.fromEntries(
    PHRASE_REASONS.map((r) => [r, safety.lists.get(r as ListReason) ?? []]),
  ) as Record<PhraseReason, readonly CompiledPhrase[]>;
  return { ...byReason, safety };
}

/** Stands in for the phrase when a message counts as general because it is only keywords. */
export const KEYWORDS_ONLY = '(keywords only)';

/** Question words a keyword search may carry ("sosialhjelp søknad hvilke vedlegg"). */
const QUESTION_WORDS: ReadonlySet<string> = new Set(
  'hva kva hvad vad what hvilke hvilken hvilket kva vilka vilken vilket which hvor kor var where når nar hvornår when hur how'
    .split(' ')
    .map((w) => foldedWords(w)[0] ?? w),
);

/**
 * A message without a single function word ("handikap parkering søknad legeerklæring") is typed like a search,
 * not told like a story about oneself, so it is as general as a how-to question.
 */
function keywordsOnly(tokens: readonly string[]): boolean {
  return (
    tokens.some((t) => !QUESTION_WORDS.has(t)) &&
    tokens.every((t) => !STOPWORDS.has(t) || QUESTION_WORDS.has(t))
  );
}

/** Ages 6–17 written as a number ("im 14") read as the word `childage`, which concepts can name. */
const childAge = (t: string): string => (/^\d{1,2}$/.test(t) && +t >= 6 && +t <= 17 ? 'childage' : t);

interface Scanned {
  lexicon: CompiledLexicon;
  scan: SafetyScan;
  general: boolean;
}
/** decide() asks for the hits and then the distress score of the same words: scan them once. */
const lastScan = new WeakMap<readonly string[], Scanned>();

function scanned(lexicon: CompiledLexicon, tokens: readonly string[]): Scanned {
  const known = lastScan.get(tokens);
  if (known?.lexicon === lexicon) return known;
  const scan = scanSafety(lexicon.safety, tokens.map(childAge));
  const general = scan.lists.has('general_question') || keywordsOnly(tokens);
  const result = { lexicon, scan, general };
  lastScan.set(tokens, result);
  return result;
}

/**
 * The first rule of each reason that fires on the message's folded words, and the first phrase of each plain
 * list. Weak phrases and rules do not count when the message reads as a general how-to question or is only
 * keywords. Vetoes then drop reasons the message only seems to have; each veto is noted in `notes`.
 */
export function scanLexicon(
  lexicon: CompiledLexicon,
  tokens: readonly string[],
  notes?: string[],
): Map<PhraseReason, LexiconHit> {
  const { scan, general } = scanned(lexicon, tokens);
  const hits = new Map<PhraseReason, LexiconHit>();
  const opener = scan.lists.get('general_question');
  if (opener)
    hits.set('general_question', {
      reason: 'general_question',
      phrase: opener.source,
      origin: opener.origin,
    });
  else if (general)
    hits.set('general_question', { reason: 'general_question', phrase: KEYWORDS_ONLY, origin: 'built-in' });
  const rules = evaluateRules(lexicon.safety, scan, general);
  for (const [reason, hit] of rules.hits) {
    hits.set(reason, { reason, phrase: hit.words, origin: `rule "${hit.rule}"` });
  }
  for (const veto of rules.vetoes) {
    const dropped = hits.get(veto.reason);
    if (!dropped) continue;
    hits.delete(veto.reason);
    notes?.push(
      `veto ${veto.reason}: ${veto.rule} ("${veto.words}"; would have matched "${dropped.phrase}")`,
    );
  }
  for (const reason of LIST_REASONS) {
    if (reason === 'general_question') continue;
    const phrase = scan.lists.get(reason);
    if (phrase && !(phrase.weak && general))
      hits.set(reason, { reason, phrase: phrase.source, origin: phrase.origin });
  }
  // "Er du et menneske?" asks what the bot is, not for a person.
  const person = hits.get('human_request');
  if (person && hits.has('smalltalk_bot')) {
    hits.delete('human_request');
    notes?.push(`veto human_request: asks whether this is a bot (would have matched "${person.phrase}")`);
  }
  return hits;
}

/** The distress score of the message (see engine.ts `distressOf`), from the same scan as its rules. */
export function scanDistress(
  lexicon: CompiledLexicon,
  tokens: readonly string[],
  general?: boolean,
): DistressScore {
  const found = scanned(lexicon, tokens);
  return distressOf(lexicon.safety, found.scan, general ?? found.general);
}

let builtInLexicon: CompiledLexicon | undefined;
/** The built-in lists without any policy.yaml, compiled once (tests and tools that have no environment). */
export function builtInCompiledLexicon(): CompiledLexicon {
  return (builtInLexicon ??= compileLexicon());
}

/** The vetoes that fire on the message (a phone-number question, asking whether this is a bot, …). */
export function scanVetoes(lexicon: CompiledLexicon, tokens: readonly string[]): ReasonHit[] {
  return vetoesOf(lexicon.safety, scanned(lexicon, tokens).scan);
}
