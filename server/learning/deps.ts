// What server/learning uses from bot/ and knowledge/, in one place.
export {
  addHomes,
  autoApprovable,
  buildInbox,
  itemKey,
  questionProblem,
  searchFiles,
  DEFAULT_LEARNING_OPTIONS,
  DISMISS_REASONS,
} from '../../bot/index.ts';
export type { LearningInbox } from '../../bot/index.ts';
export type { Retriever } from '../../knowledge/index.ts';
