import type { Config } from './config/schema.ts';

const ANY_ADDRESS = new Set(['0.0.0.0', '::']);

/** Where the server really listens: "all interfaces" when bound to 0.0.0.0 or ::, with a URL to open. */
export function listeningMessage(config: Pick<Config, 'server'>, url: string): string {
  const { host } = config.server;
  const port = new URL(url).port;
  if (!ANY_ADDRESS.has(host)) return `listening on ${url}`;
  return `listening on all interfaces (${host === '::' ? `[::]` : host}:${port}); open http://localhost:${port}`;
}

/**
 * One line for the start-up failures an operator can fix, naming the setting to change; undefined for the
 * rest, which deserve their stack trace.
 */
export function startupFailure(error: unknown, config: Pick<Config, 'server'>): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const where = `${config.server.host}:${config.server.port}`;
  if (code === 'EADDRINUSE') {
    return `Port ${config.server.port} is already in use (${where}): stop the other program or choose another port with SVAR_PORT.`;
  }
  if (code === 'EACCES') {
    return `Not allowed to listen on ${where}: ports below 1024 need extra rights; choose another port with SVAR_PORT.`;
  }
  if (code === 'EADDRNOTAVAIL') {
    return `This machine has no address ${config.server.host}: set SVAR_HOST to one of its addresses, or 0.0.0.0.`;
  }
  return undefined;
}
