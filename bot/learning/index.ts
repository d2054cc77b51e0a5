export { buildInbox, autoApprovable, itemKey } from './inbox.ts';
export { questionProblem, wordingKey } from './filters.ts';
export type { FilterReason } from './filters.ts';
export { clusterQuestions } from './cluster.ts';
export { addWordings, MAX_LEARNED } from './add-wordings.ts';
export { addHomes, MAX_HOMES, searchFiles, type FindFiles } from './homes.ts';
export type { AddWordingsResult } from './add-wordings.ts';
export * from './types.ts';
