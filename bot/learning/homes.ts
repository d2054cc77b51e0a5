import type { Retriever } from '../../knowledge/index.ts';
import { wordingKey } from './filters.ts';
import type { LearningInbox } from './types.ts';

/** Finds the files a question may belong to, best first. */
export type FindFiles = (question: string) => Promise<readonly string[]>;

/** The knowledge's own search as FindFiles: each file once, best first, from the top few passages. */
export const searchFiles =
  (retriever: Pick<Retriever, 'search'>): FindFiles =>
  async (question) => [
    ...new Set((await retriever.search(question, { limit: 4 })).candidates.map((c) => c.fileId)),
  ];

/** Homes offered per question: enough for the editor to see the right one, few enough to read. */
export const MAX_HOMES = 2;

/**
 * A 👎 or an unanswered question says what the bot got wrong, but not where the question belongs. Searching
 * the knowledge as it is now (after any edits since) for each such question lets the editor move it to the
 * right file with one click, and so teaches the bot from every failure an editor reads, not only from the
 * suggestions citizens picked. Nothing is decided here: the editor still approves or dismisses.
 */
export async function addHomes(inbox: LearningInbox, find: FindFiles): Promise<LearningInbox> {
  const cache = new Map<string, readonly string[]>();
  const search = async (text: string) => {
    const key = wordingKey(text);
    let hit = cache.get(key);
    if (!hit) cache.set(key, (hit = await find(text)));
    return hit;
  };

  const downvoted = [];
  for (const d of inbox.downvoted) {
    const questions = [];
    for (const q of d.questions) {
      const homes = (await search(q.text)).filter((id) => id !== d.fileId).slice(0, MAX_HOMES);
      questions.push(homes.length > 0 ? { ...q, homes } : q);
    }
    downvoted.push({ ...d, questions });
  }

  const unanswered = [];
  for (const c of inbox.unanswered) {
    const votes = new Map<string, number>();
    for (const q of c.questions)
      (await search(q.text)).forEach((id, rank) =>
        votes.set(id, (votes.get(id) ?? 0) + q.count / (rank + 1)),
      );
    const ranked = [...votes.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
    const likelyFileIds = [...new Set([...(c.likelyFileId ? [c.likelyFileId] : []), ...ranked])].slice(
      0,
      MAX_HOMES,
    );
    unanswered.push(likelyFileIds.length > 0 ? { ...c, likelyFileIds } : c);
  }
  return { ...inbox, downvoted, unanswered };
}
