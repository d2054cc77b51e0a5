import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { KnowledgeIssue, KnowledgeStatus, Retriever } from '../../knowledge/index.ts';
import { parseKnowledgeFile } from '../../knowledge/index.ts';
import type { Clock } from '../handover/clock.ts';
import { staffOf } from '../http/staff-auth.ts';
import { SaveBusy } from '../store/knowledge-lock.ts';
import type { Store } from '../store/store.ts';
import { sendEditorError } from './editor-errors.ts';
import { VERSION_ID, type Editor, type FileHistory } from './file-history.ts';
import { etagOf, type KnowledgeFolder } from './file-store.ts';
import { isFolderName, parseKnowledgePath, type KnowledgePath } from './knowledge-path.ts';
import { validateFile, type FileIssue } from './validate-file.ts';
import { createSerial, type Serial } from './serial.ts';
import { createTwoFilesPatch } from 'diff';

export interface FileRoutesDeps {
  folder: KnowledgeFolder;
  retriever: Retriever;
  status(): KnowledgeStatus;
  validatePolicy?: (text: string) => KnowledgeIssue[];
  /** Makes a saved change live now (the watcher would too, a moment later). */
  reload(): Promise<{ version: number }>;
  history(): Promise<FileHistory>;
  store: Pick<Store, 'audit' | 'knowledgeEditing'>;
  clock: Clock;
  requireRole: RequestHandler;
  csrfProtect: RequestHandler;
  /** How the bot would answer after a change (server/knowledge-live/preview-change.ts). */
  preview?: (path: string, text: string, reached: (fileId: string) => Promise<string[]>) => Promise<unknown>;
  /** The queue changes to the folder go through; shared with approved learned wordings. */
  serial?: Serial;
}

/** Knowledge files are at most 256 KB; JSON escaping can double that. */
export const FILE_BODY_LIMIT = '600kb';
const USAGE_DAYS = 30;
const CONFIG_FILES = [
  'glossary.yaml',
  'policy.yaml',
  'canned/nb.yaml',
  'canned/nn.yaml',
  'canned/da.yaml',
  'canned/en.yaml',
];

const pathField = z.string().min(1).max(200);
const saveBody = z.strictObject({ path: pathField, text: z.string().max(300_000) });
const publishBody = z.strictObject({ path: pathField, folder: z.string().min(1).max(40) });
const retireBody = z.strictObject({ path: pathField });
const restoreBody = z.strictObject({ path: pathField, id: z.string().regex(VERSION_ID) });
const listQuery = z.object({
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(1_000),
});
const pathQuery = z.object({ path: pathField });
const versionQuery = z.object({ path: pathField, id: z.string().regex(VERSION_ID) });

export type FileStatus = 'live' | 'draft' | 'retired' | 'error';

export interface FileSummary {
  path: string;
  kind: KnowledgePath['kind'];
  id?: string;
  title?: string;
  lang?: string;
  owner?: string;
  review?: string;
  status: FileStatus;
  errors: number;
  /** Answers and 👍/👎 in the last 30 days. */
  answers: number;
  up: number;
  down: number;
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: Parameters<typeof sendEditorError>[2],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code);
  }
}

/**
 * Editing knowledge files in the browser: list, read, validate, save with If-Match, create, publish drafts,
 * retire into archive/, history and restore. Every change is validated first, recorded as a version, written
 * to the audit log, and made live by a reload.
 */
export function createFileRoutes(deps: FileRoutesDeps): Router {
  const router = Router();
  const json = express.json({ limit: FILE_BODY_LIMIT });
  const today = () => deps.clock.now().toISOString().slice(0, 10);
  // One change at a time: a save, its version and its reload are not interleaved with another's (nor with
  // an approved learned wording, which shares the queue when given).
  const serial = deps.serial ?? createSerial();
  const editorOf = (res: Response): Editor => {
    const staff = staffOf(res);
    return { username: staff.username, displayName: staff.displayName };
  };
  const audit = (res: Response, action: string, target: string, details: Record<string, unknown>) =>
    deps.store.audit.log({
      actor: staffOf(res).username,
      action,
      target,
      details,
      at: deps.clock.now().toISOString(),
    });
  const validate = (at: KnowledgePath, text: string): Promise<FileIssue[]> =>
    validateFile(at, text, {
      retriever: deps.retriever,
      ...(deps.validatePolicy ? { validatePolicy: deps.validatePolicy } : {}),
      today: today(),
    });
  const pathOf = (input: string): KnowledgePath => {
    const at = parseKnowledgePath(input);
    if (!at) throw new Refusal(400, 'path_invalid');
    return at;
  };
  const handle =
    (work: (req: Request, res: Response) => Promise<void>): RequestHandler =>
    async (req, res, next) => {
      try {
        await work(req, res);
      } catch (error) {
        if (error instanceof Refusal) return sendEditorError(res, error.status, error.code, error.extra);
        if ((error as { code?: string }).code === 'path_outside')
          return sendEditorError(res, 400, 'path_invalid');
        // Another node's save held the knowledge lock too long, or this node lost it: nothing was written.
        if (error instanceof SaveBusy) {
          res.set('Retry-After', '5');
          return sendEditorError(res, 503, 'save_busy');
        }
        next(error);
      }
    };
  const parse = <T>(schema: z.ZodType<T>, value: unknown): T => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new Refusal(400, 'bad_request');
    return parsed.data;
  };
  const errorsOf = (issues: readonly FileIssue[]) => issues.filter((i) => i.severity === 'error');

  /** Validates, checks the version the editor started from, writes, records and reloads. */
  const save = async (
    res: Response,
    at: KnowledgePath,
    text: string,
    ifMatch: string | undefined,
    createOnly: boolean,
    message: string,
  ) => {
    if (at.kind === 'retired') throw new Refusal(400, 'path_invalid');
    const issues = await validate(at, text);
    if (errorsOf(issues).length > 0) throw new Refusal(422, 'knowledge_invalid', { issues });
    const result = await serial(async (fence) => {
      const current = await deps.folder.read(at.path);
      if (current !== undefined && createOnly) throw new Refusal(409, 'already_exists');
      if (current !== undefined && ifMatch === undefined) throw new Refusal(428, 'precondition_required');
      if (current === undefined && !createOnly && ifMatch !== undefined) throw new Refusal(404, 'not_found');
      if (current !== undefined && ifMatch !== etagOf(current)) {
        throw new Refusal(409, 'edit_conflict', {
          current: { text: current, etag: etagOf(current) },
          yours: { text },
        });
      }
      await fence();
      await deps.folder.write(at.path, text);
      await (
        await deps.history()
      ).record([{ path: at.path, text, before: current ?? null }], editorOf(res), message);
      await audit(res, current === undefined ? 'knowledge.create' : 'knowledge.save', at.path, {
        etag: etagOf(text),
        bytes: Buffer.byteLength(text),
      });
      return { created: current === undefined };
    });
    const live = await deps.reload();
    res
      .status(result.created ? 201 : 200)
      .set('ETag', etagOf(text))
      .json({ path: at.path, etag: etagOf(text), issues, version: live.version });
  };

  router.get(
    '/api/editor/files',
    deps.requireRole,
    handle(async (req, res) => {
      const { q, limit } = parse(listQuery, req.query);
      const files = await listFiles(deps, today());
      const needle = q?.trim().toLowerCase();
      const matching = needle
        ? files.filter((f) => [f.path, f.id, f.title, f.owner].some((v) => v?.toLowerCase().includes(needle)))
        : files;
      res.set('Cache-Control', 'no-store').json({ total: matching.length, files: matching.slice(0, limit) });
    }),
  );

  router.get(
    '/api/editor/file',
    deps.requireRole,
    handle(async (req, res) => {
      const at = pathOf(parse(pathQuery, req.query).path);
      const text = await deps.folder.read(at.path);
      if (text === undefined) throw new Refusal(404, 'not_found');
      res
        .set('Cache-Control', 'no-store')
        .set('ETag', etagOf(text))
        .json({ path: at.path, kind: at.kind, text, etag: etagOf(text), issues: await validate(at, text) });
    }),
  );

  router.post(
    '/api/editor/validate',
    deps.requireRole,
    deps.csrfProtect,
    json,
    handle(async (req, res) => {
      const body = parse(saveBody, req.body);
      res.json({ issues: await validate(pathOf(body.path), body.text) });
    }),
  );

  router.put(
    '/api/editor/file',
    deps.requireRole,
    deps.csrfProtect,
    json,
    handle(async (req, res) => {
      const body = parse(saveBody, req.body);
      const createOnly = req.get('if-none-match') === '*';
      await save(res, pathOf(body.path), body.text, req.get('if-match'), createOnly, `Edit ${body.path}`);
    }),
  );

  router.post(
    '/api/editor/publish',
    deps.requireRole,
    deps.csrfProtect,
    json,
    handle(async (req, res) => {
      const body = parse(publishBody, req.body);
      const from = pathOf(body.path);
      if ((from.kind !== 'draft' && from.kind !== 'retired') || !isFolderName(body.folder)) {
        throw new Refusal(400, 'path_invalid');
      }
      const to = pathOf(`${body.folder}/${from.id}.md`);
      const moved = await serial(async (fence) => {
        const text = await deps.folder.read(from.path);
        if (text === undefined) throw new Refusal(404, 'not_found');
        if ((await deps.folder.read(to.path)) !== undefined) throw new Refusal(409, 'already_exists');
        const issues = await validate(to, text);
        if (errorsOf(issues).length > 0) throw new Refusal(422, 'knowledge_invalid', { issues });
        await fence();
        await deps.folder.move(from.path, to.path);
        await (
          await deps.history()
        ).record(
          [
            { path: from.path, text: null, before: text },
            { path: to.path, text, before: null },
          ],
          editorOf(res),
          `Publish ${from.path} as ${to.path}`,
        );
        await audit(res, 'knowledge.publish', to.path, { from: from.path });
        return { path: to.path, etag: etagOf(text) };
      });
      const live = await deps.reload();
      res.json({ ...moved, version: live.version });
    }),
  );

  router.post(
    '/api/editor/retire',
    deps.requireRole,
    deps.csrfProtect,
    json,
    handle(async (req, res) => {
      const from = pathOf(parse(retireBody, req.body).path);
      if (from.kind !== 'knowledge' && from.kind !== 'draft') throw new Refusal(400, 'path_invalid');
      const moved = await serial(async (fence) => {
        const text = await deps.folder.read(from.path);
        if (text === undefined) throw new Refusal(404, 'not_found');
        // Never deleted: a second retirement of the same name goes into a dated folder beside the first.
        let to = `archive/${from.path}`;
        if ((await deps.folder.read(to)) !== undefined) {
          const stamp = deps.clock.now().toISOString().replace(/\D/g, '').slice(0, 14);
          to = `archive/${stamp}/${from.path}`;
        }
        await fence();
        await deps.folder.move(from.path, to);
        await (
          await deps.history()
        ).record(
          [
            { path: from.path, text: null, before: text },
            { path: to, text, before: null },
          ],
          editorOf(res),
          `Retire ${from.path}`,
        );
        await audit(res, 'knowledge.retire', from.path, { to });
        return { path: to };
      });
      const live = await deps.reload();
      res.json({ ...moved, version: live.version });
    }),
  );

  router.get(
    '/api/editor/history',
    deps.requireRole,
    handle(async (req, res) => {
      const at = pathOf(parse(pathQuery, req.query).path);
      const history = await deps.history();
      res
        .set('Cache-Control', 'no-store')
        .json({ kind: history.kind, versions: await history.list(at.path) });
    }),
  );

  router.get(
    '/api/editor/version',
    deps.requireRole,
    handle(async (req, res) => {
      const { path, id } = parse(versionQuery, req.query);
      const at = pathOf(path);
      const history = await deps.history();
      const text = await history.text(at.path, id);
      if (text === undefined) throw new Refusal(404, 'not_found');
      const versions = await history.list(at.path);
      const older = versions[versions.findIndex((v) => v.id === id) + 1];
      const before = older ? ((await history.text(at.path, older.id)) ?? '') : '';
      res.set('Cache-Control', 'no-store').json({
        path: at.path,
        id,
        text,
        diff: createTwoFilesPatch(at.path, at.path, before, text ?? '', older?.id ?? '', id),
      });
    }),
  );

  router.post(
    '/api/editor/restore',
    deps.requireRole,
    deps.csrfProtect,
    json,
    handle(async (req, res) => {
      const body = parse(restoreBody, req.body);
      const at = pathOf(body.path);
      const text = await (await deps.history()).text(at.path, body.id);
      if (text === undefined || text === null) throw new Refusal(404, 'not_found');
      const exists = (await deps.folder.read(at.path)) !== undefined;
      await save(res, at, text, req.get('if-match'), !exists, `Restore ${at.path} to version ${body.id}`);
    }),
  );

  router.post(
    '/api/editor/preview',
    deps.requireRole,
    deps.csrfProtect,
    json,
    handle(async (req, res) => {
      const body = parse(saveBody, req.body);
      const at = pathOf(body.path);
      if (!deps.preview || (at.kind !== 'knowledge' && at.kind !== 'draft'))
        throw new Refusal(400, 'path_invalid');
      const since = new Date(deps.clock.now().getTime() - USAGE_DAYS * 86_400_000).toISOString();
      res.json(
        await deps.preview(at.path, body.text, (fileId) =>
          deps.store.knowledgeEditing.questionsThatReached(fileId, since, 20),
        ),
      );
    }),
  );

  return router;
}

/** Every file an editor can open, with its status and last 30 days' use. */
async function listFiles(deps: FileRoutesDeps, today: string): Promise<FileSummary[]> {
  const status = deps.status();
  const errors = new Map<string, number>();
  for (const e of status.errors) errors.set(e.path, (errors.get(e.path) ?? 0) + 1);
  const live = new Map(deps.retriever.files().map((f) => [f.path, f]));
  const since = new Date(deps.clock.now().getTime() - USAGE_DAYS * 86_400_000).toISOString();
  const usage = await deps.store.knowledgeEditing.usageSince(since);
  const out: FileSummary[] = [];
  for (const path of await deps.folder.markdownPaths()) {
    const at = parseKnowledgePath(path);
    if (!at) continue;
    let file = live.get(path);
    if (!file && at.kind !== 'knowledge') {
      const text = await deps.folder.read(path);
      file = text === undefined ? undefined : (await parseKnowledgeFile(path, text, today)).file;
    }
    const errorCount = errors.get(path) ?? (at.kind === 'knowledge' && !file ? 1 : 0);
    const fileStatus: FileStatus =
      at.kind === 'draft' ? 'draft' : at.kind === 'retired' ? 'retired' : errorCount > 0 ? 'error' : 'live';
    const use = file ? usage.get(file.id) : undefined;
    out.push({
      path,
      kind: at.kind,
      ...(at.id ? { id: at.id } : {}),
      ...(file ? { title: file.title, lang: file.lang } : {}),
      ...(file?.owner ? { owner: file.owner } : {}),
      ...(file?.review ? { review: file.review } : {}),
      status: fileStatus,
      errors: errorCount,
      answers: at.kind === 'knowledge' ? (use?.answers ?? 0) : 0,
      up: at.kind === 'knowledge' ? (use?.up ?? 0) : 0,
      down: at.kind === 'knowledge' ? (use?.down ?? 0) : 0,
    });
  }
  for (const path of CONFIG_FILES) {
    const text = await deps.folder.read(path);
    if (text === undefined) continue;
    const at = parseKnowledgePath(path);
    if (!at) continue;
    const issues = await validateFile(at, text, {
      retriever: deps.retriever,
      ...(deps.validatePolicy ? { validatePolicy: deps.validatePolicy } : {}),
      today,
    });
    const count = issues.filter((i) => i.severity === 'error').length;
    out.push({
      path,
      kind: at.kind,
      status: count > 0 ? 'error' : 'live',
      errors: count,
      answers: 0,
      up: 0,
      down: 0,
    });
  }
  return out;
}
