import type { Classified } from './conversation-outcome.ts';
import type { Stats } from './stats-types.ts';

/** What statistics need to know about a knowledge file. */
export interface StatsFile {
  id: string;
  title?: string;
  /** The file's self-service link, if it has one: answers with it count as help with self-service. */
  link?: string;
}

/** Answers per knowledge file, and the files the bot never answered with in the period. */
export function fileUsage(classified: readonly Classified[], files: readonly StatsFile[]): Stats['files'] {
  const answers = new Map<string, number>();
  for (const k of classified) for (const id of k.answeredFiles) answers.set(id, (answers.get(id) ?? 0) + 1);
  return fileUsageOf(answers, files);
}

/** The same from answers counted per file. */
export function fileUsageOf(
  answers: ReadonlyMap<string, number>,
  files: readonly StatsFile[],
): Stats['files'] {
  const titles = new Map(files.map((f) => [f.id, f.title]));
  const withTitle = (fileId: string) => {
    const title = titles.get(fileId);
    return title === undefined ? { fileId } : { fileId, title };
  };
  return {
    top: [...answers]
      .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
      .map(([fileId, n]) => ({ ...withTitle(fileId), answers: n })),
    neverUsed: files
      .map((f) => f.id)
      .filter((id) => !answers.has(id))
      .sort()
      .map(withTitle),
  };
}
