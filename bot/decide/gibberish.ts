/**
 * Keyboard mashing ("asdfgh", "qqqqq", "xkcdvbn") gets a "could you rephrase?" instead of a search, so it
 * does not fill the editors' list of unanswered questions. Deliberately conservative: a message is gibberish
 * only if it has no letters at all or every word in it looks mashed. Nordic compounds have long consonant
 * runs ("angstskrik"), so the run limit is generous.
 */
const VOWELS = /[aeiouy]/;
/** Runs of keys along a keyboard row; four-key runs only where no real word contains them ("property"). */
const KEYBOARD_RUNS = [
  'qwer',
  'qwert',
  'werty',
  'ertyu',
  'rtyui',
  'tyuio',
  'yuiop',
  'asdf',
  'sdfg',
  'dfgh',
  'fghj',
  'ghjk',
  'hjkl',
  'zxcv',
  'xcvb',
  'cvbn',
  'vbnm',
];

function wordLooksMashed(word: string): boolean {
  if (!/^\p{L}+$/u.test(word)) return false;
  if (/(.)\1{3,}/.test(word)) return true;
  if (word.length >= 5 && !VOWELS.test(word)) return true;
  if (/[^aeiouy]{8,}/.test(word)) return true;
  return KEYBOARD_RUNS.some((run) => word.includes(run));
}

/** `foldedTokens`: the message's folded words. */
export function looksLikeGibberish(rawMessage: string, foldedTokens: readonly string[]): boolean {
  if (!/\p{L}/u.test(rawMessage)) return true;
  const letterWords = foldedTokens.filter((w) => /\p{L}/u.test(w));
  return letterWords.length > 0 && letterWords.every(wordLooksMashed);
}
