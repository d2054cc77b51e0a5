/**
 * One log line for a socket the ws library closed (frame too large, invalid UTF-8, bad opcode): these are
 * the client's doing, and a stack trace per frame would let anyone fill the log.
 */
export function socketErrorLine(side: 'citizen' | 'staff', error: unknown): string {
  const e = error as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : 'error';
  const message = typeof e.message === 'string' ? e.message.split('\n')[0]!.slice(0, 200) : '';
  return `${side} socket closed: ${code}${message ? ` (${message})` : ''}`;
}
