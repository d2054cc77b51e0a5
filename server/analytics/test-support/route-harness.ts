import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { hashPassword, scryptCost } from '../../auth/password.ts';
import { loadConfig } from '../../config/load.ts';
import type { Config } from '../../config/schema.ts';
import { authRoutes } from '../../http/auth-routes.ts';
import { createCsrf } from '../../http/csrf.ts';
import { preferenceRoutes } from '../../http/preference-routes.ts';
import { errorHandler, notFound } from '../../http/errors.ts';
import { securityHeaders } from '../../http/security.ts';
import { silentLogger } from '../../log.ts';
import { createPrivacyRouter } from '../../privacy/privacy-routes.ts';
import { openStore, type Store } from '../../store/store.ts';
import { FakeClock } from '../../test-support/fake-clock.ts';
import { createStatsRouter } from '../stats-routes.ts';
import { SAMPLE_FILES, writeSampleWeek } from './sample-week.ts';

export const PASSWORD = 'correct horse battery';

export interface Harness {
  url: string;
  store: Store;
  config: Config;
  clock: FakeClock;
  /** What the routers logged as warnings (e.g. the statistics worker falling back). */
  warnings: string[];
  login(username: string): Promise<{ cookie: string; csrf: string }>;
  post(path: string, body: unknown, headers: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The stats and privacy routers mounted the way server/app.ts mounts its own routers — behind the real
 * security headers, login and CSRF, before the static files — on a real port, over a database holding the
 * sample week. Staff: anne (admin), kari (agent).
 */
export async function startHarness(o: { staticDir?: string; now?: string } = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'svar-routes-'));
  const config = loadConfig({ env: {} });
  config.paths.staticDir = o.staticDir ?? join(dir, 'static');
  config.session.passwordCost = 14;
  const store = openStore(join(dir, 'svar.db'));
  const clock = new FakeClock(o.now ?? '2026-03-10T09:00:00.000Z');
  const csrf = createCsrf('x'.repeat(40), false);
  const warnings: string[] = [];
  const log = { ...silentLogger, warn: (m: string) => warnings.push(m) };
  const app = express();
  app.use(securityHeaders(false));
  app.use(express.json({ limit: '16kb' }));
  app.use(csrf.parseCookies);
  app.use(authRoutes({ store, clock, config, csrf }));
  app.use(preferenceRoutes({ store, clock, csrf }));
  app.use(createStatsRouter({ store, clock, config, files: () => SAMPLE_FILES, log }));
  app.use(createPrivacyRouter({ store, clock, csrf }));
  app.use(express.static(config.paths.staticDir));
  app.use(notFound);
  app.use(errorHandler(silentLogger));
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const hash = await hashPassword(PASSWORD, scryptCost(config.session.passwordCost));
  for (const [username, role] of [
    ['anne', 'admin'],
    ['kari', 'agent'],
  ] as const) {
    await store.staff.create({
      username,
      displayName: username,
      role,
      passwordHash: hash,
      at: clock.now().toISOString(),
    });
  }
  await writeSampleWeek(store);
  return {
    url,
    store,
    config,
    clock,
    warnings,
    async login(username) {
      const res = await fetch(`${url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: PASSWORD }),
      });
      const cookie = res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
    },
    post: (path, body, headers) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      }),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}
