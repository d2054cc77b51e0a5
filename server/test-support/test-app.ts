import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App, type AppDeps } from '../app.ts';
import { hashPassword, scryptCost } from '../auth/password.ts';
import type { Responder } from '../chat/responder.ts';
import { loadConfig } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { silentLogger } from '../log.ts';
import type { StaffRole } from '../store/staff.ts';
import { FakeClock } from './fake-clock.ts';
import { stubResponder } from './stub-responder.ts';
import { TestSocket } from './ws-client.ts';

/** Wednesday 4 March 2026, 10:00 in Oslo: every queue is open. */
export const OPEN_HOURS = '2026-03-04T09:00:00.000Z';
export const PASSWORD = 'correct horse battery';
/** Tests hash with scrypt's cheapest allowed cost: OWASP's N=2^17 takes over a second per login here. */
export const TEST_PASSWORD_COST = 14;
export const TEST_SCRYPT = scryptCost(TEST_PASSWORD_COST);

/** Logs in over HTTP; the cookie header to send on, and the CSRF token. */
export async function login(
  url: string,
  username: string,
  password = PASSWORD,
): Promise<{ cookie: string; csrfToken: string; status: number }> {
  const res = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const body = (await res.json()) as { csrfToken?: string };
  return { cookie, csrfToken: body.csrfToken ?? '', status: res.status };
}

export interface TestServer {
  app: App;
  config: Config;
  clock: FakeClock;
  dataDir: string;
  responder: Responder;
  origin: string;
  citizenUrl: string;
  staffUrl: string;
  citizen(): Promise<TestSocket>;
  addStaff(username: string, role?: StaffRole): Promise<number>;
  login(username: string, password?: string): Promise<{ cookie: string; csrfToken: string; status: number }>;
  agent(username: string): Promise<TestSocket>;
  /** Same data folder, new process: what a kill and restart does. */
  restart(): Promise<TestServer>;
  close(): Promise<void>;
}

export function testConfig(dataDir: string, patch?: (c: Config) => void): Config {
  const config = loadConfig({ env: {} });
  config.server.port = 0;
  config.server.host = '127.0.0.1';
  config.paths.dataDir = dataDir;
  config.paths.staticDir = join(dataDir, 'no-static');
  config.paths.knowledgeDir = join(dataDir, 'knowledge');
  config.widget.allowedOrigins = ['https://www.fjordvik.kommune.example'];
  config.session.passwordCost = TEST_PASSWORD_COST;
  // Queue changes reach staff in the same tick, so tests need not move the clock to see them.
  config.limits.staffQueueUpdateMs = 0;
  patch?.(config);
  return config;
}

/** A real server on a free port with a fresh SQLite file, a stub bot and a clock that moves when told. */
export async function startTestServer(
  o: {
    patch?: (c: Config) => void;
    dataDir?: string;
    clock?: FakeClock;
    responder?: Responder;
    deps?: Partial<AppDeps>;
  } = {},
): Promise<TestServer> {
  const dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'svar-app-'));
  const config = testConfig(dataDir, o.patch);
  const clock = o.clock ?? new FakeClock(OPEN_HOURS);
  const responder = o.responder ?? stubResponder();
  const app = await createApp({ config, responder, clock, log: silentLogger, ...o.deps });
  const ws = app.url.replace('http', 'ws');
  const origin = app.url;
  const server: TestServer = {
    app,
    config,
    clock,
    dataDir,
    responder,
    origin,
    citizenUrl: `${ws}/ws/citizen`,
    staffUrl: `${ws}/ws/staff`,
    citizen: () => TestSocket.open(`${ws}/ws/citizen`, { origin }),
    async addStaff(username, role = 'agent') {
      const existing = await app.store.staff.credentials(username);
      if (existing) return existing.id;
      return await app.store.staff.create({
        username,
        displayName: username[0]!.toUpperCase() + username.slice(1),
        role,
        passwordHash: await hashPassword(PASSWORD, TEST_SCRYPT),
        at: clock.now().toISOString(),
      });
    },
    login: (username, password = PASSWORD) => login(app.url, username, password),
    async agent(username) {
      await server.addStaff(username);
      const { cookie } = await server.login(username);
      const socket = await TestSocket.open(`${ws}/ws/staff`, { origin, cookie });
      await socket.next('hello');
      return socket;
    },
    restart: async () => {
      await app.close();
      return startTestServer({ ...o, dataDir, clock, responder });
    },
    close: () => app.close(),
  };
  return server;
}
