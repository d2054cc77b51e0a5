import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import pLimit from 'p-limit';

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** OWASP's recommendation for scrypt (Password Storage Cheat Sheet): N=2^17, r=8, p=1. */
export const OWASP_SCRYPT: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };
/** A stored hash asking for more than this is refused rather than allowed to take the server's memory. */
const MAX_N = 2 ** 20;
const KEYLEN = 64;

/** Shortest password the staff CLI and the console's password change accept. */
export const MIN_PASSWORD_LENGTH = 10;

/** The cost from config: `session.passwordCost` is log2 N. */
export const scryptCost = (log2N: number): ScryptCost => ({ ...OWASP_SCRYPT, N: 2 ** log2N });

/**
 * At OWASP cost one derivation holds 128 MiB for a moment: two at a time keep a burst of logins from taking
 * the machine's memory (the others wait their turn).
 */
const twoAtATime = pLimit(2);

function derive(password: string, salt: Buffer, o: ScryptCost, keylen: number): Promise<Buffer> {
  // scrypt needs 128·N·r·p bytes; Node refuses anything above maxmem (32 MiB by default), so ask for twice that.
  const maxmem = 2 * 128 * o.N * o.r * o.p;
  return twoAtATime(
    () =>
      new Promise<Buffer>((resolve, reject) =>
        scrypt(password.normalize('NFC'), salt, keylen, { ...o, maxmem }, (err, key) =>
          err ? reject(err) : resolve(key),
        ),
      ),
  );
}

/** `scrypt$N$r$p$salt$hash` (base64url), so the parameters can be raised later without breaking old hashes. */
export async function hashPassword(password: string, cost: ScryptCost = OWASP_SCRYPT): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost, KEYLEN);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

function parse(stored: string): (ScryptCost & { salt: string; hash: string }) | undefined {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (scheme !== 'scrypt' || !salt || !hash) return undefined;
  if (![cost.N, cost.r, cost.p].every(Number.isSafeInteger) || cost.N > MAX_N || cost.r > 32 || cost.p > 16)
    return undefined;
  return { ...cost, salt, hash };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const h = parse(stored);
  if (!h) return false;
  const expected = Buffer.from(h.hash, 'base64url');
  const key = await derive(password, Buffer.from(h.salt, 'base64url'), h, expected.length);
  return timingSafeEqual(key, expected);
}

/** Whether a stored hash is cheaper than `cost` and should be replaced at the next successful login. */
export function needsRehash(stored: string, cost: ScryptCost = OWASP_SCRYPT): boolean {
  const h = parse(stored);
  return !h || h.N < cost.N || h.r < cost.r || h.p < cost.p;
}

/** Spends the same time as a real check, so a wrong username cannot be told from a wrong password. */
export const dummyHash = (cost: ScryptCost = OWASP_SCRYPT): string =>
  `scrypt$${cost.N}$${cost.r}$${cost.p}$AAAAAAAAAAAAAAAAAAAAAA$${'A'.repeat(86)}`;
