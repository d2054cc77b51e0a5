import { addWordings } from '../../bot/index.ts';
import type { KnowledgeIssue, Retriever } from '../../knowledge/index.ts';
import type { Clock } from '../handover/clock.ts';
import type { Editor, FileHistory } from '../editor/file-history.ts';
import { etagOf, type KnowledgeFolder } from '../editor/file-store.ts';
import { parseKnowledgePath } from '../editor/knowledge-path.ts';
import type { Serial } from '../editor/serial.ts';
import { validateFile, type FileIssue } from '../editor/validate-file.ts';
import type { Store } from '../store/store.ts';

export interface WordingWriterDeps {
  folder: KnowledgeFolder;
  retriever: () => Retriever;
  validatePolicy?: (text: string) => KnowledgeIssue[];
  history(): Promise<FileHistory>;
  reload(): Promise<{ version: number }>;
  serial: Serial;
  store: Pick<Store, 'audit'>;
  clock: Clock;
}

export type WriteResult =
  | { ok: true; path: string; added: string[]; etag: string; version?: number }
  | { ok: false; code: 'not_found' | 'knowledge_invalid'; issues?: FileIssue[] };

/**
 * Adds approved wordings to a live file's alternative questions through the editors' own save path: the
 * same queue, validation, version history, audit log and reload as a save in the console, so the wording
 * answers the next citizen at once and the answer model calibrates on it.
 */
export function wordingWriter(d: WordingWriterDeps) {
  return async (
    fileId: string,
    wordings: readonly string[],
    editor: Editor,
    why: string,
  ): Promise<WriteResult> => {
    const result = await d.serial(async (fence): Promise<WriteResult> => {
      const file = d
        .retriever()
        .files()
        .find((f) => f.id === fileId);
      const at = file ? parseKnowledgePath(file.path) : undefined;
      if (!file || !at || at.kind !== 'knowledge') return { ok: false, code: 'not_found' };
      const before = await d.folder.read(at.path);
      if (before === undefined) return { ok: false, code: 'not_found' };
      const edited = addWordings(before, wordings);
      if (!edited.ok) return { ok: false, code: 'knowledge_invalid' };
      if (edited.added.length === 0) return { ok: true, path: at.path, added: [], etag: etagOf(before) };
      const issues = await validateFile(at, edited.text, {
        retriever: d.retriever(),
        ...(d.validatePolicy ? { validatePolicy: d.validatePolicy } : {}),
        today: d.clock.now().toISOString().slice(0, 10),
      });
      if (issues.some((i) => i.severity === 'error')) return { ok: false, code: 'knowledge_invalid', issues };
      await fence();
      await d.folder.write(at.path, edited.text);
      await (
        await d.history()
      ).record(
        [{ path: at.path, text: edited.text, before }],
        editor,
        `${why}: ${edited.added.length} wording(s) for ${at.path}`,
      );
      await d.store.audit.log({
        actor: editor.username,
        action: 'knowledge.learn',
        target: at.path,
        details: { added: edited.added.length, etag: etagOf(edited.text) },
        at: d.clock.now().toISOString(),
      });
      return { ok: true, path: at.path, added: edited.added, etag: etagOf(edited.text) };
    });
    if (!result.ok || result.added.length === 0) return result;
    return { ...result, version: (await d.reload()).version };
  };
}
export type WordingWriter = ReturnType<typeof wordingWriter>;
