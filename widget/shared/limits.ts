/** Mirrors server/protocol.ts (which the browser bundles must not import at runtime: it pulls in zod). */
export const MAX_MESSAGE_CHARS = 2000;
