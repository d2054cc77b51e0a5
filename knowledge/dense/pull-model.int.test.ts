import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadEmbedder } from './load-embedder.ts';
import { pullModel } from './pull-model.ts';
import { TINY_MODEL_ID, writeTinyModel } from './tiny-model.ts';

/** A stand-in for the model hub: serves a tiny model under `/<model id>/resolve/main/<file>`. */
type Handler = (file: string, response: ServerResponse) => void | Promise<void>;

let sourceDir: string;
const cleanups: (() => Promise<void>)[] = [];

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function hub(handler: Handler): Promise<{ host: string; requests: string[]; server: Server }> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const prefix = `/${TINY_MODEL_ID}/resolve/main/`;
    const url = request.url ?? '';
    requests.push(url);
    if (!url.startsWith(prefix)) {
      response.writeHead(401).end();
      return;
    }
    void handler(url.slice(prefix.length), response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as AddressInfo;
  return { host: `http://127.0.0.1:${port}`, requests, server };
}

async function serveFrom(file: string, response: ServerResponse): Promise<void> {
  try {
    const body = await readFile(join(sourceDir, 'svar', 'tiny-e5', file));
    response.writeHead(200, { 'content-length': body.byteLength }).end(body);
  } catch {
    response.writeHead(404).end();
  }
}

async function leftovers(modelsDir: string): Promise<string[]> {
  return existsSync(modelsDir) ? (await readdir(modelsDir)).filter((e) => e.startsWith('.')) : [];
}

beforeAll(async () => {
  sourceDir = await mkdtemp(join(tmpdir(), 'svar-hub-source-'));
  await writeTinyModel(sourceDir, { texts: ['barnehage søknad frist'] });
});

afterAll(() => rm(sourceDir, { recursive: true, force: true }));

afterEach(async () => {
  vi.useRealTimers();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('pullModel', () => {
  it('downloads config, tokenizer and the best available weights, then loads offline', async () => {
    const { host, requests } = await hub(serveFrom);
    const modelsDir = await tempDir('svar-pull-');
    const messages: string[] = [];
    const pulled = await pullModel({
      modelId: TINY_MODEL_ID,
      modelsDir,
      remoteHost: host,
      onProgress: (m) => messages.push(m),
    });

    expect(pulled).toMatchObject({ ok: true, dtype: 'fp32', alreadyPresent: false });
    // int8 weights are asked for first; the tiny model only has fp32.
    expect(requests.slice(-2)).toEqual([
      `/${TINY_MODEL_ID}/resolve/main/onnx/model_quantized.onnx`,
      `/${TINY_MODEL_ID}/resolve/main/onnx/model.onnx`,
    ]);
    expect(messages.at(-1)).toMatch(/installed in .*fp32 weights/);
    expect(await leftovers(modelsDir)).toEqual([]);

    const loaded = await loadEmbedder({ modelId: TINY_MODEL_ID, modelsDir, allowRemote: false });
    expect(loaded.ok && loaded.embedder.dimensions).toBe(32);

    const again = await pullModel({ modelId: TINY_MODEL_ID, modelsDir, remoteHost: host });
    expect(again).toMatchObject({ ok: true, alreadyPresent: true });
  });

  it('lets loadEmbedder fetch a missing model once when remote is allowed', async () => {
    const { host } = await hub(serveFrom);
    const modelsDir = await tempDir('svar-pull-');
    const loaded = await loadEmbedder({
      modelId: TINY_MODEL_ID,
      modelsDir,
      allowRemote: true,
      remoteHost: host,
    });
    expect(loaded.ok && loaded.embedder.modelId).toBe(TINY_MODEL_ID);
  });

  it('fails in one line, leaving nothing behind, when the model does not exist on the hub', async () => {
    const { host } = await hub((_file, response) => void response.writeHead(404).end());
    const modelsDir = await tempDir('svar-pull-');
    const pulled = await pullModel({ modelId: TINY_MODEL_ID, modelsDir, remoteHost: host });
    expect(pulled).toMatchObject({
      ok: false,
      unreachable: false,
      reason: expect.stringContaining('config.json'),
    });
    expect(await readdir(modelsDir)).toEqual([]);
  });

  it('throws away a download that breaks off half way', async () => {
    const { host } = await hub(async (file, response) => {
      if (file !== 'onnx/model.onnx') return serveFrom(file, response);
      response.writeHead(200, { 'content-length': 100_000 });
      response.write(Buffer.alloc(1000));
      setImmediate(() => response.destroy());
    });
    const modelsDir = await tempDir('svar-pull-');
    const pulled = await pullModel({ modelId: TINY_MODEL_ID, modelsDir, remoteHost: host });
    expect(pulled.ok).toBe(false);
    if (pulled.ok) return;
    expect(pulled.reason).not.toContain('\n');
    expect(await readdir(modelsDir)).toEqual([]);
  });

  it('gives up on a hub that never answers after the timeout', async () => {
    const { host, requests } = await hub(() => undefined);
    const modelsDir = await tempDir('svar-pull-');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const pending = loadEmbedder({
      modelId: TINY_MODEL_ID,
      modelsDir,
      allowRemote: true,
      remoteHost: host,
      timeoutMs: 5000,
    });
    await vi.waitFor(() => expect(requests).toHaveLength(1), { interval: 5 });
    await vi.advanceTimersByTimeAsync(5000);
    const result = await pending;
    expect(result).toEqual({
      ok: false,
      reason: `embedding model ${TINY_MODEL_ID} not found in ${modelsDir}/ and the model hub could not be reached (no answer within 5 s)`,
    });
    expect(await readdir(modelsDir)).toEqual([]);
  });

  it('says the hub could not be reached when nothing listens', async () => {
    const { host, server } = await hub(serveFrom);
    await new Promise((resolve) => server.close(resolve));
    const modelsDir = await tempDir('svar-pull-');
    const result = await loadEmbedder({
      modelId: TINY_MODEL_ID,
      modelsDir,
      allowRemote: true,
      remoteHost: host,
    });
    expect(result).toEqual({
      ok: false,
      reason: expect.stringMatching(
        /and the model hub could not be reached \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)$/,
      ),
    });
  });
});
