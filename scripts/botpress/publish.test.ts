import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadKnowledgeFolder } from '../../knowledge/index.ts';
import { botpressClient } from './connection.ts';
import { keyOf, listPublished, planPublish, publishableFile, runPublish } from './publish.ts';
import { startFakeBotpressApi, type FakeBotpressApi } from './test-support/fake-botpress-api.ts';

const AUTH = { token: 'bp_pat_test_token', botId: 'bot-fjordvik', workspaceId: 'wkspace-1' };
const TODAY = '2026-12-07';

let api: FakeBotpressApi;
let dir: string;

beforeEach(async () => {
  api = await startFakeBotpressApi(AUTH);
  dir = await mkdtemp(join(tmpdir(), 'svar-publish-'));
  await cp('knowledge/sample', dir, { recursive: true });
});

afterEach(async () => {
  await api.close();
  await rm(dir, { recursive: true, force: true });
});

const client = (token = AUTH.token) =>
  botpressClient({ ...AUTH, token, apiUrl: api.url }, { retries: 3, timeoutMs: 5_000 });

async function publishOnce(c = client()) {
  const loaded = await loadKnowledgeFolder(dir, TODAY);
  const plan = planPublish(loaded.files.map(publishableFile), await listPublished(c), loaded.brokenPaths);
  return { plan, result: await runPublish(c, plan), files: loaded.files };
}

describe('publish to Botpress Cloud', () => {
  it('uploads every knowledge file indexed, with id, language, owner and link as tags', async () => {
    const { plan, result, files } = await publishOnce();
    expect(result).toEqual({ uploaded: files.length, deleted: 0 });
    expect(plan.upload.every((f) => f.change === 'new')).toBe(true);
    const upserts = api.requests.filter((r) => r.method === 'PUT' && r.path === '/v1/files');
    expect(upserts).toHaveLength(files.length);
    for (const r of upserts) {
      expect(r.headers.authorization).toBe(`Bearer ${AUTH.token}`);
      expect(r.headers['x-bot-id']).toBe(AUTH.botId);
      expect(r.headers['x-workspace-id']).toBe(AUTH.workspaceId);
    }
    const soknad = upserts.find((r) => (r.body as { key: string }).key === keyOf('barnehage-soknadsfrist'));
    expect(soknad?.body).toMatchObject({
      index: true,
      contentType: 'text/markdown',
      tags: {
        source: 'svar',
        id: 'barnehage-soknadsfrist',
        lang: 'nb',
        owner: 'oppvekst',
        link: 'https://fjordvik.kommune.example/barnehage/sok-plass',
      },
    });
    const stored = [...api.files.values()].find((f) => f.key === keyOf('barnehage-soknadsfrist'));
    expect(stored?.status).toBe('upload_completed');
    expect(stored?.content?.toString()).toMatch(/^# Søknadsfrist for barnehageplass\n\n.*1\. mars/s);
  });

  it('skips unchanged files by content hash, uploads changed ones and deletes only what Svar published', async () => {
    await publishOnce();
    api.addFile('manual/brosjyre.pdf', '%PDF', { origin: 'dashboard' }, 'application/pdf');
    const again = await publishOnce();
    expect(again.result).toEqual({ uploaded: 0, deleted: 0 });

    const path = join(dir, 'oppvekst', 'barnehage-soknadsfrist.md');
    await writeFile(path, (await readFile(path, 'utf8')).replace('1. mars', '15. mars'));
    await rm(join(dir, 'oppvekst', 'skoleskyss.md'));
    const changed = await publishOnce();
    expect(changed.plan.upload.map((f) => [f.key, f.change])).toEqual([
      [keyOf('barnehage-soknadsfrist'), 'changed'],
    ]);
    expect(changed.plan.remove.map((f) => f.key)).toEqual([keyOf('skoleskyss')]);
    expect(changed.result).toEqual({ uploaded: 1, deleted: 1 });
    const keys = [...api.files.values()].map((f) => f.key);
    expect(keys).toContain('manual/brosjyre.pdf');
    expect(keys).not.toContain(keyOf('skoleskyss'));
  });

  it('keeps the published copy of a file that is broken on disk', async () => {
    await publishOnce();
    await writeFile(join(dir, 'oppvekst', 'skoleskyss.md'), '---\nid: [broken\n---\nno');
    const { plan } = await publishOnce();
    expect(plan.remove).toEqual([]);
  });

  it('fails at once on a wrong token, without retrying', async () => {
    await expect(publishOnce(client('bp_pat_wrong'))).rejects.toMatchObject({
      code: 401,
      message: 'Invalid or expired token',
    });
    expect(api.requests).toHaveLength(1);
    expect(api.files.size).toBe(0);
  });

  it('waits and retries when the API answers 429', async () => {
    await publishOnce();
    const path = join(dir, 'oppvekst', 'barnehage-soknadsfrist.md');
    await writeFile(path, (await readFile(path, 'utf8')).replace('1. mars', '2. mars'));
    api.throttleNext(2, 0);
    const before = api.requests.length;
    const { result, files } = await publishOnce();
    expect(result).toEqual({ uploaded: 1, deleted: 0 });
    // two refused calls, then every page of the listing and the one upsert
    const pages = Math.ceil(files.length / 20);
    expect(api.requests.length - before).toBe(2 + pages + 1);
  });

  it('stops on a network failure mid-run and resumes where it stopped', async () => {
    const total = (await loadKnowledgeFolder(dir, TODAY)).files.length;
    api.failAfterUploads(10);
    const first = await publishOnce(
      botpressClient({ ...AUTH, apiUrl: api.url }, { retries: 1, timeoutMs: 2_000 }),
    );
    expect(first.result.failed).toBeDefined();
    expect(first.result.uploaded).toBe(10);
    api.recover();
    const second = await publishOnce();
    expect(second.result.failed).toBeUndefined();
    expect(second.plan.unchanged.length).toBeGreaterThanOrEqual(10);
    expect(first.result.uploaded + second.result.uploaded).toBeGreaterThanOrEqual(total);
    expect([...api.files.values()].filter((f) => f.status === 'upload_completed')).toHaveLength(total);
  });
});
