import { itemKey, wordingKey, type LearningInbox, type LearningVerdict } from '../../bot/index.ts';

export interface EditorWork {
  /** Wordings to add, per file. */
  approved: Map<string, string[]>;
  verdicts: LearningVerdict[];
  counts: { approved: number; dismissed: number };
}

/**
 * The editor of the target: approves every proposal that is right (the wording's labelled files
 * include the proposed one) and dismisses the rest. Proposals are only those the inbox made; the editor
 * never writes wordings of their own. From the 👎 list and the unanswered clusters the editor moves a question
 * to one of the files the inbox offers for it, when one of them is right, and leaves it otherwise.
 */
export function simulatedEditor(
  inbox: LearningInbox,
  labels: ReadonlyMap<string, string[]>,
  at: string,
): EditorWork {
  const byKey = new Map([...labels].map(([text, files]) => [wordingKey(text), files]));
  const isRight = (text: string, fileId: string) => byKey.get(wordingKey(text))?.includes(fileId) === true;
  const work: EditorWork = { approved: new Map(), verdicts: [], counts: { approved: 0, dismissed: 0 } };
  const approve = (fileId: string, text: string) => {
    work.approved.set(fileId, [...(work.approved.get(fileId) ?? []), text]);
    work.verdicts.push({ key: itemKey.wording(fileId, text), action: 'approved', at });
    work.counts.approved++;
  };
  const dismiss = (key: string) => {
    work.verdicts.push({ key, action: 'dismissed', reason: 'wrong_file', at });
    work.counts.dismissed++;
  };
  for (const group of inbox.wordings)
    for (const w of group.wordings) {
      if (isRight(w.wording, w.fileId)) approve(w.fileId, w.wording);
      else dismiss(w.key);
    }
  for (const d of inbox.downvoted)
    for (const q of d.questions) {
      const home = q.homes?.find((id) => isRight(q.text, id));
      if (home) approve(home, q.text);
    }
  for (const cluster of inbox.unanswered)
    for (const q of cluster.questions) {
      const homes = cluster.likelyFileIds ?? (cluster.likelyFileId ? [cluster.likelyFileId] : []);
      const home = homes.find((id) => isRight(q.text, id));
      if (home) approve(home, q.text);
      else dismiss(itemKey.unanswered(cluster.lang, q.text));
    }
  return work;
}
