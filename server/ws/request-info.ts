import type { IncomingMessage } from 'node:http';
import ipaddr from 'ipaddr.js';
import proxyaddr from 'proxy-addr';
import type { Config } from '../config/schema.ts';

/** Whether the hop at `addr`, `i` steps from the server, is a proxy we trust (Express's `trust proxy`). */
export type TrustProxy = (addr: string, i: number) => boolean;

export function compileTrust(setting: Config['server']['trustProxy']): TrustProxy {
  if (setting === false) return () => false;
  if (typeof setting === 'number') return (_addr, i) => i < setting;
  return proxyaddr.compile(setting);
}

/**
 * The client's address, walking X-Forwarded-For from the right past trusted proxies only, so an entry the
 * client wrote itself is never taken. The same function is Express's `trust proxy`, so HTTP and websocket
 * limits count the same address.
 */
export function clientIp(req: IncomingMessage, trust: TrustProxy): string {
  return req.socket.remoteAddress ? limitKey(proxyaddr(req, trust)) : 'unknown';
}

/**
 * What per-IP limits count under: an IPv4 address, or the /56 an IPv6 address lies in, since one household
 * or server gets billions of IPv6 addresses to rotate through (the login limit counts the same way).
 */
export function limitKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${parsed.toString()}/56`).toString()}/56`;
}

/** Same scheme-less host as the page the request came from. */
export function isSameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** The widget may be embedded on the configured sites, and on the server's own pages. */
export function isAllowedOrigin(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
): boolean {
  if (!origin) return false;
  if (isSameOrigin(origin, host)) return true;
  let normalised: string;
  try {
    normalised = new URL(origin).origin;
  } catch {
    return false;
  }
  return allowed.some((a) => new URL(a).origin === normalised);
}
