import type { Lang } from '../../knowledge/index.ts';
import { rawWords } from '../text/normalize.ts';
import type { ReplyLang } from '../types.ts';
import { fastTextLoadError, predictLanguage } from './fasttext-model.ts';
import { hintScores } from './lexical-hints.ts';

export interface LanguageGuess {
  /** What the message looks like; a language the bot does not know falls back to the widget's (or nb). */
  detected: Lang;
  /** Language to reply in. */
  reply: ReplyLang;
  why: string[];
}

/** Messages this short follow the widget's language unless a word or fastText gives a strong signal. */
const SHORT_WORDS = 3;
/** fastText alone counts as a strong signal for en/sv at this probability. */
const FASTTEXT_STRONG = 0.9;
/** fastText's family vote weighs like two marker words. */
const FASTTEXT_WEIGHT = 2;
/** Within nb/nn/da, the marker leader must be this far ahead; otherwise the widget (or fastText) decides. */
const MARKER_MARGIN = 0.5;
/** Short messages need a whole marker word's lead ("menneske please" stays in the widget's language). */
const SHORT_MARKER_MARGIN = 1;

const SCANDINAVIAN: readonly Lang[] = ['nb', 'nn', 'da'];
const isScandinavian = (l: string | undefined): l is 'nb' | 'nn' | 'da' => SCANDINAVIAN.includes(l as Lang);

/** Swedish is answered in Danish in a Danish widget, otherwise in Bokmål; nb/nn/da/en as themselves. */
export function replyLanguageFor(detected: Lang, widgetLang?: ReplyLang): ReplyLang {
  if (detected === 'sv') return widgetLang === 'da' ? 'da' : 'nb';
  return detected;
}

const fmt = (x: number): string => x.toFixed(2);

export async function detectLanguage(text: string, widgetLang?: ReplyLang): Promise<LanguageGuess> {
  const why: string[] = [];
  const fallback: Lang = widgetLang ?? 'nb';
  const tokens = rawWords(text).filter((w) => /\p{L}/u.test(w));
  const done = (detected: Lang, reason: string): LanguageGuess => {
    why.push(reason);
    return { detected, reply: replyLanguageFor(detected, widgetLang), why };
  };
  if (tokens.length === 0)
    return done(fallback, `language: no words, using ${widgetLang ? 'the widget language' : 'nb'}`);

  const { scores: hints, found } = hintScores(tokens);
  const prediction = await predictLanguage(text);
  const p = (code: string): number => prediction?.probs.get(code) ?? 0;
  const ft: Record<Lang, number> = { nb: p('no'), nn: p('nn'), da: p('da'), sv: p('sv'), en: p('en') };
  let otherCode = '';
  let otherP = 0;
  for (const [code, prob] of prediction?.probs ?? []) {
    if (!['no', 'nn', 'da', 'sv', 'en'].includes(code) && prob > otherP) {
      otherCode = code;
      otherP = prob;
    }
  }
  if (prediction) {
    const top = Object.entries(ft).sort((a, b) => b[1] - a[1])[0]!;
    const other = otherP > top[1] ? ` (overall most likely ${otherCode} ${fmt(otherP)})` : '';
    why.push(`language: fastText says ${top[0]} ${fmt(top[1])}${other}`);
  } else {
    why.push(`language: fastText unavailable (${fastTextLoadError() ?? 'not loaded'}), markers only`);
  }
  if (found.length > 0) why.push(`language markers: ${found.slice(0, 6).join(', ')}`);

  const ranked = (Object.entries(hints) as [Lang, number][]).sort((a, b) => b[1] - a[1]);
  const leaderScore = ranked[0]![1];
  const runnerUp = ranked[1]![1];
  const markerStrong = leaderScore >= 1 && leaderScore - runnerUp >= SHORT_MARKER_MARGIN;

  if (tokens.length <= SHORT_WORDS && !markerStrong) {
    const ftTop = ft.en >= ft.sv ? 'en' : 'sv';
    if (ft[ftTop] >= FASTTEXT_STRONG)
      return done(ftTop, `language: short message, fastText is sure (${ftTop})`);
    return done(
      fallback,
      `language: short message without a clear signal, using ${widgetLang ? 'the widget language' : 'nb'}`,
    );
  }

  // Family first (Scandinavian / Swedish / English / other), then which Scandinavian language.
  const family = {
    scandinavian: FASTTEXT_WEIGHT * (ft.nb + ft.nn + ft.da) + Math.max(hints.nb, hints.nn, hints.da),
    sv: FASTTEXT_WEIGHT * ft.sv + hints.sv,
    en: FASTTEXT_WEIGHT * ft.en + hints.en,
    other: FASTTEXT_WEIGHT * otherP,
  };
  const bestFamily = (Object.entries(family) as [keyof typeof family, number][]).sort(
    (a, b) => b[1] - a[1],
  )[0]![0];
  if (bestFamily === 'sv' || bestFamily === 'en') return done(bestFamily, `language: ${bestFamily}`);
  if (bestFamily === 'other') {
    return done(
      fallback,
      `language: looks like ${otherCode || 'another language'}, replying in ${widgetLang ? 'the widget language' : 'nb'}`,
    );
  }

  const scand = SCANDINAVIAN.map((l) => [l, hints[l]] as const).sort((a, b) => b[1] - a[1]);
  const [scandLeader, scandScore] = scand[0]!;
  if (scandScore > 0 && scandScore - scand[1]![1] >= MARKER_MARGIN) {
    return done(scandLeader, `language: ${scandLeader} by marker words`);
  }
  if (ft.nn >= 0.5) return done('nn', 'language: nn by fastText');
  if (isScandinavian(widgetLang))
    return done(widgetLang, 'language: nb/nn/da too close to call, using the widget language');
  const ftScand = SCANDINAVIAN.map((l) => [l, ft[l]] as const).sort((a, b) => b[1] - a[1])[0]![0];
  return done(ftScand, `language: ${ftScand} by fastText (nb/nn/da too close to call by words)`);
}
