import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_ENDED_CLOSE } from '../auth/live-sessions.ts';
import type { TestServer } from '../test-support/test-app.ts';
import { TestSocket } from '../test-support/ws-client.ts';
import { clusterMissing, TwoNodes } from './test-support/two-apps.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A console on `node` with the session behind `cookie` (sessions are in the shared database). */
async function consoleOn(node: TestServer, cookie: string): Promise<TestSocket> {
  const s = await TestSocket.open(node.staffUrl, { origin: node.origin, cookie });
  await s.next('hello');
  return s;
}

const post = (node: TestServer, path: string, s: { cookie: string; csrfToken: string }, body = {}) =>
  fetch(`${node.app.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrfToken },
    body: JSON.stringify(body),
  });

/**
 * The nodes share one fake clock that these tests never move, so a socket's own session recheck (a clock
 * timer, every 5 s at most) cannot fire: a socket that closes was closed by the event from the other node.
 */
describe.skipIf(clusterMissing)('an ended session closes its consoles on every node at once', () => {
  let nodes: TwoNodes;
  beforeAll(async () => {
    nodes = await TwoNodes.start();
  });
  afterAll(async () => await nodes?.stop());

  it('logout on node A closes the same session’s console on node B with 4401', async () => {
    const { a, b } = await nodes.pair();
    await a.addStaff('kari');
    const session = await a.login('kari');
    const onB = await consoleOn(b, session.cookie);
    const other = await consoleOn(b, (await b.login('kari')).cookie);
    expect((await post(a, '/api/logout', session)).status).toBe(204);
    expect(await onB.closed).toEqual({ code: SESSION_ENDED_CLOSE });
    // Another session of the same account stays.
    other.send({ type: 'presence', status: 'away' });
    await other.next('agents');
    other.close();
  });

  it('a password change on node A closes the account’s other consoles on node B, not its own', async () => {
    const { a, b } = await nodes.pair();
    await a.addStaff('kari');
    const mine = await a.login('kari');
    const stolen = await b.login('kari');
    const stolenOnB = await consoleOn(b, stolen.cookie);
    const mineOnB = await consoleOn(b, mine.cookie);
    const changed = await post(a, '/api/password', mine, {
      currentPassword: 'correct horse battery',
      newPassword: 'a much better passphrase',
    });
    expect(changed.status).toBe(204);
    expect(await stolenOnB.closed).toEqual({ code: SESSION_ENDED_CLOSE });
    mineOnB.send({ type: 'presence', status: 'away' });
    await mineOnB.next('agents');
    mineOnB.close();
  });

  it('an account disabled with the staff CLI has its consoles closed on both nodes', async () => {
    const { a, b, databaseUrl } = await nodes.pair(undefined, 'svar:');
    await a.addStaff('kari');
    const onA = await consoleOn(a, (await a.login('kari')).cookie);
    const onB = await consoleOn(b, (await b.login('kari')).cookie);
    await promisify(execFile)(
      join(root, 'node_modules', '.bin', 'tsx'),
      ['server/staff-cli.ts', 'disable', 'kari'],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? '',
          SVAR_DATA_DIR: mkdtempSync(join(tmpdir(), 'svar-cli-')),
          SVAR_DATABASE_URL: databaseUrl,
          SVAR_REDIS_URL: nodes.redis.url,
        },
      },
    );
    expect(await onA.closed).toEqual({ code: SESSION_ENDED_CLOSE });
    expect(await onB.closed).toEqual({ code: SESSION_ENDED_CLOSE });
  });
});
