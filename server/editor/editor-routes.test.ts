import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express, { type RequestHandler } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBotEnvironment, decide } from '../../bot/index.ts';
import { openKnowledge, type KnowledgeBase } from '../../knowledge/index.ts';
import { errorHandler } from '../http/errors.ts';
import { sendError } from '../http/respond.ts';
import { silentLogger } from '../log.ts';
import { createEditorRouter } from './editor-routes.ts';

const FILE = `---
id: hundeskatt
title: Hundeskatt
lang: nb
questions:
  - Må jeg betale hundeskatt?
owner: teknisk
---
Fjordvik har ingen hundeskatt.
`;

let server: Server;
let base: string;
let knowledge: KnowledgeBase;

// Stand-ins for the server's session and CSRF middleware, so each refusal can be tested on its own.
const requireRole: RequestHandler = (req, res, next) =>
  req.headers['x-test-role'] === 'editor' ? next() : sendError(res, 403, 'forbidden');
const csrfProtect: RequestHandler = (req, res, next) =>
  req.headers['x-csrf-token'] === 'good' ? next() : sendError(res, 403, 'csrf_invalid');

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'svar-editor-'));
  mkdirSync(join(dir, 'k', 'teknisk'), { recursive: true });
  writeFileSync(join(dir, 'k', 'teknisk', 'hundeskatt.md'), FILE);
  knowledge = await openKnowledge({ knowledgeDir: join(dir, 'k'), dataDir: join(dir, 'd') });
  const { env } = await createBotEnvironment({ retriever: knowledge.retriever });
  const app = express();
  app.use(
    createEditorRouter({
      knowledge,
      ask: (q) => decide(q, { history: [] }, env),
      unanswered: async (limit) =>
        [
          { text: 'Når kommer snøbrøyteren?', count: 7, lastAt: '2026-03-04T09:00:00.000Z' },
          { text: 'Kan jeg låne en kano?', count: 2, lastAt: '2026-03-03T09:00:00.000Z' },
        ].slice(0, limit),
      requireRole,
      csrfProtect,
    }),
  );
  app.use(errorHandler(silentLogger));
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const editor = { 'x-test-role': 'editor', 'x-csrf-token': 'good', 'content-type': 'application/json' };
const post = (path: string, body: unknown, headers: Record<string, string> = editor) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('editor API', () => {
  it('refuses anyone without the editor role, and writes without the CSRF token', async () => {
    expect((await fetch(`${base}/api/editor/status`)).status).toBe(403);
    const noCsrf = await post(
      '/api/editor/ask',
      { question: 'hund' },
      { 'x-test-role': 'editor', 'content-type': 'application/json' },
    );
    expect(noCsrf.status).toBe(403);
    expect(await noCsrf.json()).toMatchObject({ code: 'csrf_invalid' });
  });

  it('reports the knowledge status', async () => {
    const res = await fetch(`${base}/api/editor/status`, { headers: editor });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ mode: 'lexical', files: 1, errors: [], warnings: [] });
  });

  it('explains a decision with its candidates and scores', async () => {
    const res = await post('/api/editor/ask', { question: 'Må jeg betale hundeskatt?' });
    const { decision } = (await res.json()) as {
      decision: {
        kind: string;
        fileId: string;
        why: string[];
        candidates: { fileId: string; path: string; lexical: { rank: number }; passage: { text: string } }[];
      };
    };
    expect(decision.kind).toBe('answer');
    expect(decision.fileId).toBe('hundeskatt');
    expect(decision.why.length).toBeGreaterThan(0);
    expect(decision.candidates[0]).toMatchObject({ fileId: 'hundeskatt', path: 'teknisk/hundeskatt.md' });
    expect(decision.candidates[0]?.lexical.rank).toBe(1);
    expect(decision.candidates[0]?.passage.text.length).toBeLessThanOrEqual(300);
  });

  it('validates questions: empty, too long and unknown fields are refused with a stable code', async () => {
    for (const body of [
      { question: ' ' },
      { question: 'x'.repeat(2001) },
      { question: 'hund', extra: 1 },
      'not json',
    ]) {
      const res = await post('/api/editor/ask', body);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'bad_frame' });
    }
    const huge = await post('/api/editor/ask', { question: 'x'.repeat(20_000) });
    expect(huge.status).toBe(413);
  });

  it('lists unanswered questions up to the limit and checks the limit', async () => {
    const res = await fetch(`${base}/api/editor/unanswered?limit=1`, { headers: editor });
    expect(await res.json()).toEqual({
      questions: [{ text: 'Når kommer snøbrøyteren?', count: 7, lastAt: '2026-03-04T09:00:00.000Z' }],
    });
    expect((await fetch(`${base}/api/editor/unanswered?limit=0`, { headers: editor })).status).toBe(400);
  });

  it('writes drafts into drafts/ without overwriting, and they do not go live', async () => {
    const first = await post('/api/editor/drafts', {
      question: 'Når kommer snøbrøyteren?',
      owner: 'teknisk',
    });
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({
      draft: { id: 'nar-kommer-snobroyteren', path: 'drafts/nar-kommer-snobroyteren.md' },
    });
    const second = await post('/api/editor/drafts', {
      question: 'Når kommer snøbrøyteren?',
      answer: 'Etter kl. 06.',
    });
    expect(await second.json()).toMatchObject({ draft: { id: 'nar-kommer-snobroyteren-2' } });

    const dir = join(knowledge.knowledgeDir, 'drafts');
    expect(readdirSync(dir).sort()).toEqual(['nar-kommer-snobroyteren-2.md', 'nar-kommer-snobroyteren.md']);
    const text = readFileSync(join(dir, 'nar-kommer-snobroyteren.md'), 'utf8');
    expect(text).toMatch(/^---\nid: nar-kommer-snobroyteren\ntitle: Når kommer snøbrøyteren\?\nlang: nb\n/);
    expect(text).toContain('owner: teknisk');
    expect(readFileSync(join(dir, 'nar-kommer-snobroyteren-2.md'), 'utf8')).toContain('Etter kl. 06.');
    expect((await knowledge.reload()).files).toBe(1);

    const badOwner = await post('/api/editor/drafts', {
      question: 'Når kommer snøbrøyteren?',
      owner: '../../etc',
    });
    expect(badOwner.status).toBe(400);
  });
});
