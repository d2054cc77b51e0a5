export * from './types.ts';
export { openKnowledge } from './open-knowledge.ts';
export type {
  BuildProgress,
  KnowledgeBase,
  KnowledgeSnapshot,
  KnowledgeStatus,
  OpenKnowledgeOptions,
  ReloadHooks,
} from './open-knowledge.ts';
export { checkKnowledge } from './check-knowledge.ts';
export { loadKnowledgeFolder } from './load/load-knowledge-folder.ts';
export type { LoadedKnowledge } from './load/load-knowledge-folder.ts';
export { parseKnowledgeFile } from './load/parse-knowledge-file.ts';
export { MAX_KNOWLEDGE_FILE_BYTES } from './load/load-knowledge-folder.ts';
export { calibrationFor, E5_CALIBRATION } from './fusion.ts';
export type { DenseCalibration } from './fusion.ts';
export { DEFAULT_MODEL_ID, loadEmbedder, writeTinyModel } from './dense/index.ts';
export type { Embedder } from './dense/index.ts';
export { parseGlossary, mergeGlossaries, loadBaseGlossary } from './lexical/glossary.ts';
export { analyzeTerms, fold, tokenize } from './lexical/analyzer.ts';
export { knowledgeBuiltIns } from './built-ins.ts';
