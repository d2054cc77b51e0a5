/**
 * Redaction, remembering which texts it left as they were. One citizen message is redacted at the boundary,
 * then again as the `message_in` and `bot_decision` event payloads (the event log redacts every string it
 * stores), and the bot's reasons repeat from message to message: without this, redaction was a tenth of the
 * server's time per reply (issue 22). Only texts with nothing to redact are remembered, so the memo never
 * holds an ID number, and the answer for one of them is the text itself, exactly as `redact` gives it.
 */
export function rememberCleanTexts(
  redact: (text: string) => string,
  o: { max?: number; maxChars?: number } = {},
): (text: string) => string {
  const half = Math.max(1, Math.floor((o.max ?? 8192) / 2));
  const maxChars = o.maxChars ?? 1000;
  // Two generations: the older one is dropped whole when the younger fills, and a hit in it moves over.
  let young = new Set<string>();
  let old = new Set<string>();
  const remember = (text: string): void => {
    if (young.size >= half) {
      old = young;
      young = new Set();
    }
    young.add(text);
  };
  return (text) => {
    if (young.has(text)) return text;
    if (old.has(text)) {
      remember(text);
      return text;
    }
    const redacted = redact(text);
    if (redacted === text && text.length <= maxChars) remember(text);
    return redacted;
  };
}
