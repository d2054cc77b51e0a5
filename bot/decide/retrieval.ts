import type { Candidate, Lang, RetrievalMode, Retriever } from '../../knowledge/index.ts';

/** Deep enough that a follow-up can find a file's score in each of its three searches. */
const SEARCH_LIMIT = 20;

export interface Search {
  candidates: Candidate[];
  mode: RetrievalMode;
  /** The question's words the knowledge never uses (see RetrievalResult.unknownWords). */
  unknownWords: string[];
  why: string[];
  failed: boolean;
}

/** Retrieval never takes the bot down: a failing search is reported and treated as "nothing found". */
export async function search(retriever: Retriever, query: string, lang: Lang): Promise<Search> {
  if (!query.trim())
    return {
      candidates: [],
      mode: retriever.mode,
      unknownWords: [],
      why: ['retrieval: nothing left to search for'],
      failed: false,
    };
  try {
    const result = await retriever.search(query, { lang, limit: SEARCH_LIMIT });
    return {
      candidates: result.candidates,
      mode: result.mode,
      unknownWords: result.unknownWords,
      why: [],
      failed: false,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      candidates: [],
      mode: retriever.mode,
      unknownWords: [],
      why: [`retrieval failed: ${message}`],
      failed: true,
    };
  }
}
