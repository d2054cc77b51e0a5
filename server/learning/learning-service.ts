import {
  addHomes,
  autoApprovable,
  buildInbox,
  itemKey,
  questionProblem,
  searchFiles,
  DEFAULT_LEARNING_OPTIONS,
  type LearningInbox,
  type Retriever,
} from './deps.ts';
import type { Config } from '../config/schema.ts';
import type { Editor } from '../editor/file-history.ts';
import type { Clock } from '../handover/clock.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import type { WordingWriter, WriteResult } from './wording-writer.ts';

export const AUTO_EDITOR: Editor = { username: 'auto-approval', displayName: 'Auto-approval' };

/** The editors' review inbox over the stored signals and verdicts, approving and dismissing. */
export function learningService(d: {
  store: Pick<Store, 'learning'>;
  clock: Clock;
  config: Config['learning'];
  retriever: () => Retriever;
  write: WordingWriter;
  log: Logger;
}) {
  const options = { ...DEFAULT_LEARNING_OPTIONS, floodSignalsPerClient: d.config.floodSignalsPerClient };
  const inbox = async (): Promise<LearningInbox> => {
    const since = new Date(d.clock.now().getTime() - d.config.windowDays * 86_400_000).toISOString();
    const retriever = d.retriever();
    return addHomes(
      buildInbox(
        await d.store.learning.signalsSince(since),
        await d.store.learning.verdicts(),
        retriever.files(),
        options,
      ),
      searchFiles(retriever),
    );
  };
  const now = () => d.clock.now().toISOString();

  /** Wordings that would teach the bot personal data or noise are refused, whoever approves them. */
  const refused = (wordings: readonly string[]) =>
    wordings.filter((w) => questionProblem({ question: w }, options) !== null);

  const approve = async (
    fileId: string,
    wordings: readonly string[],
    editor: Editor,
    lang?: string,
  ): Promise<WriteResult | { ok: false; code: 'wording_refused'; wordings: string[] }> => {
    const bad = refused(wordings);
    if (bad.length > 0) return { ok: false, code: 'wording_refused', wordings: bad };
    const result = await d.write(
      fileId,
      wordings,
      editor,
      editor === AUTO_EDITOR ? 'Auto-approved' : 'Learned',
    );
    if (!result.ok) return result;
    const at = now();
    for (const w of wordings) {
      await d.store.learning.addVerdict({
        key: itemKey.wording(fileId, w),
        action: 'approved',
        editor: editor.username,
        at,
      });
      if (lang) {
        await d.store.learning.addVerdict({
          key: itemKey.unanswered(lang, w),
          action: 'approved',
          editor: editor.username,
          at,
        });
      }
    }
    return result;
  };

  const dismiss = async (keys: readonly string[], reason: string, editor: Editor): Promise<void> => {
    const at = now();
    for (const key of keys)
      await d.store.learning.addVerdict({ key, action: 'dismissed', reason, editor: editor.username, at });
  };

  /** Off by default: with `autoApproveAfterConversations` set, enough distinct conversations approve a wording. */
  let pending: Promise<unknown> = Promise.resolve();
  const autoApprove = (fileId: string): void => {
    const n = d.config.autoApproveAfterConversations;
    if (n === null) return;
    pending = pending
      .then(async () => {
        const ready = autoApprovable(await inbox(), n).filter((w) => w.fileId === fileId);
        if (ready.length === 0) return;
        const r = await approve(
          fileId,
          ready.map((w) => w.wording),
          AUTO_EDITOR,
        );
        if (!r.ok) d.log.warn(`auto-approval for ${fileId} not saved: ${r.code}`);
      })
      .catch((error: unknown) => d.log.error('auto-approval failed', error));
  };

  return { inbox, approve, dismiss, autoApprove, settled: () => pending };
}
export type LearningService = ReturnType<typeof learningService>;
