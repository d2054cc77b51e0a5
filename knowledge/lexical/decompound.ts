/**
 * Splits Nordic compounds ("barnehageplass" → "barnehag" + "plass") against a vocabulary of known stems.
 *
 * Hunspell dictionaries (dictionary-nb/-da) list words but do not decompose them, and a general word list
 * finds many false splits. The knowledge base's own vocabulary (plus the glossary) is the dictionary that
 * matters here: a split is only useful if both halves occur somewhere in the knowledge.
 */
const MIN_PART = 3;
const MIN_COMPOUND = 7;
/** Linking letters between compound parts: "søknad-s-frist", "barnehag-e-plass". */
const LINKS = ['s', 'e'];

/** Returns the vocabulary form of a candidate part (it may need stemming first), or undefined. */
export type KnownForm = (part: string) => string | undefined;

export function splitCompound(term: string, known: KnownForm, depth = 0): string[] {
  if (term.length < MIN_COMPOUND || depth > 2) return [];
  for (let cut = term.length - MIN_PART; cut >= MIN_PART; cut -= 1) {
    const left = term.slice(0, cut);
    const right = term.slice(cut);
    let leftForm = known(left);
    for (const link of LINKS) {
      if (leftForm) break;
      if (left.endsWith(link) && left.length - 1 >= MIN_PART) leftForm = known(left.slice(0, -1));
    }
    if (!leftForm) continue;
    const rightForm = known(right);
    if (rightForm) return [leftForm, rightForm];
    const rest = splitCompound(right, known, depth + 1);
    if (rest.length > 0) return [leftForm, ...rest];
  }
  return [];
}
