import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local server that speaks the part of the Botpress Cloud Files API that `npm run botpress` uses, so the
 * real `@botpress/client` can be tested on a machine without internet: upsert a file and PUT its content to
 * the upload URL, list (tag filter, pages), get, download and delete. It checks the bot id and token like
 * the cloud does, records every request, and can be told to answer 429 or to drop connections.
 */
export interface FakeFile {
  id: string;
  key: string;
  tags: Record<string, string>;
  contentType: string;
  size: number;
  index: boolean;
  status: 'upload_pending' | 'upload_completed';
  content?: Buffer;
  createdAt: string;
  updatedAt: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface FakeBotpressApi {
  url: string;
  files: Map<string, FakeFile>;
  requests: RecordedRequest[];
  /** The next `count` API calls (not uploads) answer 429 with Retry-After. */
  throttleNext(count: number, retryAfterSeconds?: number): void;
  /** After `count` more successful content uploads, every request gets its connection destroyed. */
  failAfterUploads(count: number): void;
  /** Serve again after failAfterUploads. */
  recover(): void;
  /** Adds a file as if someone uploaded it in the Botpress dashboard. */
  addFile(key: string, content: string, tags?: Record<string, string>, contentType?: string): FakeFile;
  close(): Promise<void>;
}

const PAGE_SIZE = 20;

function apiError(res: ServerResponse, code: number, type: string, message: string): void {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ id: `err_${randomUUID()}`, code, type, message }));
}

function json(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startFakeBotpressApi(auth: { token: string; botId: string }): Promise<FakeBotpressApi> {
  const files = new Map<string, FakeFile>();
  const requests: RecordedRequest[] = [];
  let throttle = { count: 0, retryAfter: 0 };
  let uploadsBeforeFailure = Infinity;
  let base = '';

  const view = (f: FakeFile) => ({
    id: f.id,
    botId: auth.botId,
    key: f.key,
    url: `${base}/content/${f.id}`,
    size: f.status === 'upload_completed' ? f.size : null,
    contentType: f.contentType,
    tags: f.tags,
    metadata: {},
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
    accessPolicies: [],
    index: f.index,
    status: f.status,
  });

  const addFile = (
    key: string,
    content: string,
    tags: Record<string, string> = {},
    contentType = 'text/markdown',
  ) => {
    const now = new Date().toISOString();
    const existing = [...files.values()].find((f) => f.key === key);
    const file: FakeFile = {
      id: existing?.id ?? `file_${randomUUID()}`,
      key,
      tags,
      contentType,
      size: Buffer.byteLength(content),
      index: true,
      status: 'upload_completed',
      content: Buffer.from(content),
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    files.set(file.id, file);
    return file;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (uploadsBeforeFailure <= 0) {
      req.socket.destroy();
      return;
    }
    const url = new URL(req.url ?? '/', base);
    const raw = await readBody(req);

    if (req.method === 'PUT' && url.pathname.startsWith('/upload/')) {
      const file = files.get(url.pathname.slice('/upload/'.length));
      if (!file) return apiError(res, 404, 'ResourceNotFound', 'no such upload');
      file.content = raw;
      file.size = raw.byteLength;
      file.status = 'upload_completed';
      uploadsBeforeFailure--;
      res.writeHead(200);
      res.end();
      return;
    }
    if (req.method === 'GET' && url.pathname.startsWith('/content/')) {
      const file = files.get(url.pathname.slice('/content/'.length));
      if (!file?.content) return apiError(res, 404, 'ResourceNotFound', 'no content');
      res.writeHead(200, { 'content-type': file.contentType });
      res.end(file.content);
      return;
    }

    let body: unknown = undefined;
    if (raw.byteLength) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return apiError(res, 400, 'InvalidPayload', 'body is not JSON');
      }
    }
    requests.push({
      method: req.method ?? '',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
    });

    if (req.headers.authorization !== `Bearer ${auth.token}`) {
      return apiError(res, 401, 'Unauthorized', 'Invalid or expired token');
    }
    if (req.headers['x-bot-id'] !== auth.botId) return apiError(res, 403, 'Forbidden', 'Unknown bot');
    if (throttle.count > 0) {
      throttle.count--;
      res.setHeader('retry-after', String(throttle.retryAfter));
      return apiError(res, 429, 'RateLimited', 'Too many requests');
    }

    if (req.method === 'PUT' && url.pathname === '/v1/files') {
      const input = body as {
        key: string;
        tags?: Record<string, string>;
        size: number;
        index?: boolean;
        contentType?: string;
      };
      const existing = [...files.values()].find((f) => f.key === input.key);
      const now = new Date().toISOString();
      const file: FakeFile = {
        id: existing?.id ?? `file_${randomUUID()}`,
        key: input.key,
        tags: input.tags ?? {},
        contentType: input.contentType ?? 'application/octet-stream',
        size: input.size,
        index: input.index ?? false,
        status: 'upload_pending',
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      };
      files.set(file.id, file);
      return json(res, { file: { ...view(file), uploadUrl: `${base}/upload/${file.id}` } });
    }
    if (req.method === 'GET' && url.pathname === '/v1/files') {
      const wanted = [...url.searchParams]
        .filter(([k]) => k.startsWith('tags.'))
        .map(([k, v]) => [k.slice(5), v]);
      const all = [...files.values()]
        .filter((f) => wanted.every(([k, v]) => f.tags[k!] === v))
        .sort((a, b) => a.key.localeCompare(b.key));
      const start = Number(url.searchParams.get('nextToken') ?? '0');
      const page = all.slice(start, start + PAGE_SIZE);
      const next = start + PAGE_SIZE < all.length ? String(start + PAGE_SIZE) : undefined;
      return json(res, { files: page.map(view), meta: next ? { nextToken: next } : {} });
    }
    const byId = /^\/v1\/files\/([^/]+)$/.exec(url.pathname);
    const file = byId ? files.get(decodeURIComponent(byId[1] ?? '')) : undefined;
    if (byId && !file) return apiError(res, 404, 'ResourceNotFound', 'File not found');
    if (file && req.method === 'GET') return json(res, { file: view(file) });
    if (file && req.method === 'DELETE') {
      files.delete(file.id);
      return json(res, {});
    }
    return apiError(res, 404, 'ResourceNotFound', `no route ${req.method} ${url.pathname}`);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => apiError(res, 500, 'Internal', String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    files,
    requests,
    throttleNext: (count, retryAfter = 0) => {
      throttle = { count, retryAfter };
    },
    failAfterUploads: (count) => {
      uploadsBeforeFailure = count;
    },
    recover: () => {
      uploadsBeforeFailure = Infinity;
    },
    addFile,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
