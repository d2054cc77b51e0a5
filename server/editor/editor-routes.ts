import express, { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Decision } from '../../bot/types.ts';
import type { KnowledgeBase, KnowledgeIssue } from '../../knowledge/index.ts';
import { sendError } from '../http/respond.ts';
import { MAX_MESSAGE_CHARS } from '../protocol.ts';
import { writeDraft } from './draft-file.ts';
import { createFileRoutes, type FileRoutesDeps } from './file-routes.ts';

export interface EditorRouterDeps {
  knowledge: KnowledgeBase;
  ask(question: string): Promise<Decision>;
  unanswered(limit: number): Promise<{ text: string; count: number; lastAt: string }[]>;
  /** Lets editors and admins through (e.g. requireStaff(store, clock, ['editor', 'admin'])). */
  requireRole: RequestHandler;
  /** The server's CSRF check for state-changing requests (csrf.protect). */
  csrfProtect: RequestHandler;
  /** Problems outside the knowledge files proper (policy.yaml, canned replies), shown with the status. */
  issues?: () => Promise<KnowledgeIssue[]>;
  /** Editing files in the browser (list, save, publish, retire, history); absent: read-only console. */
  files?: Omit<FileRoutesDeps, 'requireRole' | 'csrfProtect'>;
}

const askBody = z.strictObject({ question: z.string().trim().min(1).max(MAX_MESSAGE_CHARS) });
const draftBody = z.strictObject({
  question: z.string().trim().min(3).max(300),
  title: z.string().trim().min(1).max(200).optional(),
  lang: z.enum(['nb', 'nn', 'da', 'en']).default('nb'),
  owner: z
    .string()
    .regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/)
    .max(40)
    .optional(),
  answer: z.string().trim().min(1).max(5000).optional(),
  questions: z.array(z.string().trim().min(3).max(300)).max(10).optional(),
});
const unansweredQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) });

const PASSAGE_CHARS = 300;

/** The decision as editors need it: what happened, why, and the candidates with their scores. */
function explain(d: Decision) {
  return {
    kind: d.kind,
    lang: d.lang,
    detectedLang: d.detectedLang,
    handoverReason: d.handoverReason,
    fallbackReason: d.fallbackReason,
    fileId: d.fileId,
    queue: d.queue,
    priority: d.priority,
    retrievalMode: d.retrievalMode,
    why: d.why,
    unanswered: d.unanswered,
    redacted: d.redacted,
    reply: d.reply,
    candidates: d.candidates.map((c) => ({
      fileId: c.fileId,
      title: c.title,
      path: c.path,
      lang: c.lang,
      kind: c.kind,
      confidence: c.confidence,
      lexical: c.lexical,
      dense: c.dense,
      why: c.why,
      passage: {
        kind: c.passage.kind,
        heading: c.passage.heading,
        text: c.passage.text.slice(0, PASSAGE_CHARS),
      },
    })),
  };
}

/**
 * The editor console's API: knowledge status, trying a question, the unanswered list, and writing FAQ
 * drafts into <knowledgeDir>/drafts/ (not live). Every route needs an editor or admin session.
 */
export function createEditorRouter(deps: EditorRouterDeps): Router {
  const router = Router();
  const json = express.json({ limit: '16kb' });

  router.get('/api/editor/status', deps.requireRole, async (_req, res, next) => {
    try {
      const status = deps.knowledge.status();
      const extra = (await deps.issues?.()) ?? [];
      res.set('Cache-Control', 'no-store').json({
        ...status,
        errors: [...status.errors, ...extra.filter((i) => i.severity === 'error')],
        warnings: [...status.warnings, ...extra.filter((i) => i.severity !== 'error')],
      });
    } catch (error) {
      next(error);
    }
  });

  router.post('/api/editor/ask', deps.requireRole, deps.csrfProtect, json, async (req, res, next) => {
    const body = askBody.safeParse(req.body);
    if (!body.success) return sendError(res, 400, 'bad_frame');
    try {
      res.json({ decision: explain(await deps.ask(body.data.question)) });
    } catch (error) {
      next(error);
    }
  });

  router.get('/api/editor/unanswered', deps.requireRole, async (req, res) => {
    const query = unansweredQuery.safeParse(req.query);
    if (!query.success) return sendError(res, 400, 'bad_frame');
    res.set('Cache-Control', 'no-store').json({ questions: await deps.unanswered(query.data.limit) });
  });

  router.post('/api/editor/drafts', deps.requireRole, deps.csrfProtect, json, async (req, res, next) => {
    const body = draftBody.safeParse(req.body);
    if (!body.success) return sendError(res, 400, 'bad_frame');
    try {
      res.status(201).json({ draft: await writeDraft(deps.knowledge.knowledgeDir, body.data) });
    } catch (error) {
      next(error);
    }
  });

  if (deps.files) {
    router.use(
      createFileRoutes({ ...deps.files, requireRole: deps.requireRole, csrfProtect: deps.csrfProtect }),
    );
  }
  return router;
}
