import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/password.ts';
import { silentLogger } from '../log.ts';
import { startSvar, type Svar } from '../main.ts';
import { FakeClock } from '../test-support/fake-clock.ts';
import { postgresMissing, startPostgres, type TestPostgres } from '../test-support/postgres.ts';
import { redisMissing, startRedis, type TestRedis } from '../test-support/redis.ts';
import { OPEN_HOURS, PASSWORD, TEST_SCRYPT, testConfig } from '../test-support/test-app.ts';

/**
 * Two nodes on one PostgreSQL, one Redis and one shared knowledge folder: saves of the same file racing from
 * both nodes, and learned wordings approved on both at once. Nothing one node saved may be lost by the other.
 */
const missing = postgresMissing() ?? redisMissing;
if (missing) console.warn(`two-node save tests skipped: ${missing}`);

const PATH = 'teknisk/hundeskatt.md';
const faq = (body: string) =>
  `---\nid: hundeskatt\ntitle: Hundeskatt\nlang: nb\nquestions:\n  - Må jeg betale hundeskatt?\nowner: teknisk\n---\n${body}\n`;

interface Node {
  svar: Svar;
  headers: Record<string, string>;
}

describe.skipIf(missing !== undefined)('knowledge saves from two nodes on one folder', () => {
  let pg: TestPostgres;
  let redis: TestRedis;
  let knowledgeDir: string;
  const nodes: Node[] = [];

  const send = (n: Node, method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${n.svar.app.url}${path}`, {
      method,
      headers: { ...n.headers, ...headers },
      body: JSON.stringify(body),
    });
  const open = async (n: Node) =>
    (await (
      await fetch(`${n.svar.app.url}/api/editor/file?path=${PATH}`, { headers: n.headers })
    ).json()) as {
      text: string;
      etag: string;
    };
  const save = (n: Node, text: string, etag: string) =>
    send(n, 'PUT', '/api/editor/file', { path: PATH, text }, { 'if-match': etag });
  const onDisk = () => readFileSync(join(knowledgeDir, PATH), 'utf8');

  beforeAll(async () => {
    [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
    const url = await pg.createDatabase('saves');
    knowledgeDir = mkdtempSync(join(tmpdir(), 'svar-shared-knowledge-'));
    mkdirSync(join(knowledgeDir, 'teknisk'), { recursive: true });
    writeFileSync(join(knowledgeDir, PATH), faq('Fjordvik har ingen hundeskatt.'));
    for (const name of ['a', 'b']) {
      const config = testConfig(mkdtempSync(join(tmpdir(), `svar-node-${name}-`)), (c) => {
        c.paths.knowledgeDir = knowledgeDir;
        c.knowledge.watch = false;
        c.database.url = url;
        c.redis.url = redis.url;
        c.redis.keyPrefix = 'saves:';
      });
      const svar = await startSvar(config, {
        log: silentLogger,
        clock: new FakeClock(OPEN_HOURS),
        useModel: false,
      });
      nodes.push({ svar, headers: {} });
    }
    const [a] = nodes;
    await a!.svar.app.store.staff.create({
      username: 'redaktor',
      displayName: 'Redaktør',
      role: 'editor',
      passwordHash: await hashPassword(PASSWORD, TEST_SCRYPT),
      at: OPEN_HOURS,
    });
    for (const n of nodes) {
      const res = await fetch(`${n.svar.app.url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'redaktor', password: PASSWORD }),
      });
      const cookie = res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const { csrfToken } = (await res.json()) as { csrfToken: string };
      n.headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
    }
  }, 180_000);

  afterAll(async () => {
    for (const n of nodes) await n.svar.close();
    await redis?.stop();
    await pg?.stop();
  });

  it('two saves from the same version: one lands, the other gets edit_conflict with the version on disk', async () => {
    const [a, b] = nodes as [Node, Node];
    for (let round = 0; round < 3; round++) {
      const base = await open(a);
      const texts = [faq(`Runde ${round}: svar fra node A.`), faq(`Runde ${round}: svar fra node B.`)];
      const responses = await Promise.all([save(a, texts[0]!, base.etag), save(b, texts[1]!, base.etag)]);
      const bodies = (await Promise.all(responses.map((r) => r.json()))) as {
        code?: string;
        etag?: string;
        current?: { text: string; etag: string };
      }[];
      expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
      const won = responses.findIndex((r) => r.status === 200);
      const lost = bodies[1 - won]!;
      expect(lost.code).toBe('edit_conflict');
      // The refused editor is offered exactly what is on disk, whichever node saved it.
      expect(lost.current).toEqual({ text: texts[won], etag: bodies[won]!.etag });
      expect(onDisk()).toBe(texts[won]);
    }
  });

  it('a save based on the other node’s new version goes through: both land, in order', async () => {
    const [a, b] = nodes as [Node, Node];
    const base = await open(b);
    const first = await save(a, faq('Først fra node A.'), base.etag);
    expect(first.status).toBe(200);
    const { etag } = (await first.json()) as { etag: string };
    const second = await save(b, faq('Så fra node B, etter A.'), etag);
    expect(second.status).toBe(200);
    expect(onDisk()).toBe(faq('Så fra node B, etter A.'));
    const history = (await (
      await fetch(`${b.svar.app.url}/api/editor/history?path=${PATH}`, { headers: b.headers })
    ).json()) as { versions: { message: string }[] };
    // Every save is one version, none doubled or lost: 3 rounds with one winner, these two, and the start.
    expect(history.versions).toHaveLength(3 + 2 + 1);
  });

  it('learned wordings approved on both nodes at once both land in the file', async () => {
    const [a, b] = nodes as [Node, Node];
    const wordings = [
      ['Koster det noe å ha hund i kommunen?', 'Er det avgift på hund?'],
      ['Må hundeeiere betale noe til kommunen?', 'Skatt for å ha bikkje?'],
    ];
    for (const pair of wordings) {
      const responses = await Promise.all([
        send(a, 'POST', '/api/editor/learning/approve', { fileId: 'hundeskatt', wordings: [pair[0]] }),
        send(b, 'POST', '/api/editor/learning/approve', { fileId: 'hundeskatt', wordings: [pair[1]] }),
      ]);
      expect(responses.map((r) => r.status)).toEqual([200, 200]);
    }
    const text = onDisk();
    for (const w of wordings.flat()) expect(text).toContain(w);
  });
});
