import MiniSearch from 'minisearch';
import type { KnowledgeFile } from '../knowledge/index.ts';

/**
 * The plain baseline every report is compared with: BM25 with MiniSearch's defaults (its own tokenizer and
 * lower-casing, no stemming, no glossary, no typo tolerance), answering with the top hit whenever there is one.
 */
export function createBaseline(
  files: readonly KnowledgeFile[],
): (question: string) => { fileId?: string; score?: number } {
  const index = new MiniSearch<{ id: string; title: string; questions: string; body: string }>({
    fields: ['title', 'questions', 'body'],
  });
  index.addAll(
    files.map((f) => ({ id: f.id, title: f.title, questions: f.questions.join('\n'), body: f.body })),
  );
  return (question) => {
    const top = index.search(question)[0];
    return top ? { fileId: String(top.id), score: top.score } : {};
  };
}
