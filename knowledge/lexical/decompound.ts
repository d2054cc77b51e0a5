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

export function splitCompound(term: string, known: (stem: string) => boolean, depth = 0): string[] {
  if (term.length < MIN_COMPOUND || depth > 2) return [];
  for (let cut = term.length - MIN_PART; cut >= MIN_PART; cut -= 1) {
    const left = term.slice(0, cut);
    const right = term.slice(cut);
    const leftStem = known(left)
      ? left
      : LINKS.map((link) => (left.endsWith(link) ? left.slice(0, -1) : '')).find(
          (l) => l.length >= MIN_PART && known(l),
        );
    if (!leftStem) continue;
    if (known(right)) return [leftStem, right];
    const rest = splitCompound(right, known, depth + 1);
    if (rest.length > 0) return [leftStem, ...rest];
  }
  return [];
}
