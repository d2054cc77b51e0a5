/** Mirrors server/protocol.ts (which the browser bundles must not import at runtime: it pulls in zod). */
export const MAX_MESSAGE_CHARS = 2000;
/** Same as server/protocol.ts MAX_NOTE_CHARS: a rating's comment. */
export const MAX_NOTE_CHARS = 1000;
