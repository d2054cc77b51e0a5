/**
 * Matching form of citizen text: lower case, Nordic letters folded to the spellings people use on keyboards
 * without them (æ/ä → ae, ø/ö/oe → o, å/aa → a), accents dropped. Lexicon phrases go through the same fold,
 * so "slår", "slaar" and "slar" meet, as do "søknad", "soknad" and "soeknad".
 */
export function fold(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[æä]/g, 'ae')
    .replace(/[øö]/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/aa/g, 'a')
    .replace(/oe/g, 'o');
}

/** Words of already folded text: anything that is not a letter or digit separates words. */
export function words(folded: string): string[] {
  return folded.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
}

/** Folded words of raw text. */
export function foldedWords(text: string): string[] {
  return words(fold(text));
}

/** Lower-cased words with their letters intact (language detection needs æ/ø/ä/ö). */
export function rawWords(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}
