import { describe, expect, it } from 'vitest';
import type { Candidate, KnowledgeFile } from '../../knowledge/index.ts';
import {
  candidateFeatures,
  FEATURE_NAMES,
  NONE_FEATURE_NAMES,
  noneFeatures,
  queryFacts,
  vocabularyOf,
} from './features.ts';

const file = (id: string, title: string, body: string): KnowledgeFile =>
  ({ id, title, lang: 'nb', kind: 'faq', questions: [], body, passages: [] }) as unknown as KnowledgeFile;

const FILES = [
  file('bad-priser', 'Priser i svømmehallen', 'Billett til svømmehallen koster 80 kroner for voksne.'),
  file('bad-tider', 'Åpningstider i svømmehallen', 'Svømmehallen er åpen hver dag.'),
  file('bibliotek', 'Åpningstider på biblioteket', 'Biblioteket er åpent mandag til lørdag.'),
];
const byId = (id: string) => FILES.find((f) => f.id === id);
const candidate = (f: KnowledgeFile, confidence: number): Candidate => ({
  fileId: f.id,
  title: f.title,
  lang: f.lang,
  kind: f.kind,
  path: `${f.id}.md`,
  confidence,
  passage: { id: `${f.id}#0`, fileId: f.id, kind: 'body', text: f.body },
  why: [],
});
const at = (name: (typeof FEATURE_NAMES)[number]) => FEATURE_NAMES.indexOf(name);

describe('answer model features', () => {
  const vocabulary = vocabularyOf(FILES);

  it('weighs the words no file uses by how rare they are, not by how many they are', () => {
    // "kino" is unknown to every file; "åpningstider" is in two of three, so it weighs less than "kino".
    const facts = queryFacts('åpningstider kino', 'nb', 'lexical', [], vocabulary);
    expect(facts.unknown).toEqual([false, true]);
    expect(facts.idf[1]).toBeGreaterThan(facts.idf[0] ?? Infinity);
    const none = noneFeatures([], [], facts);
    const share = none[NONE_FEATURE_NAMES.indexOf('unknownIdfShare')] ?? 0;
    expect(share).toBeGreaterThan(0.5);
    expect(share).toBeLessThan(1);
  });

  it('counts a long word retrieval knows through a typo or the glossary as known', () => {
    const reported = queryFacts('svommehal kinosal', 'nb', 'lexical', ['kinosal'], vocabulary);
    expect(reported.unknown).toEqual([false, true]);
  });

  it('tells whether a candidate has the question’s rarest known word', () => {
    const facts = queryFacts('priser svømmehallen', 'nb', 'lexical', [], vocabulary);
    const rows = candidateFeatures(
      [candidate(FILES[2] as KnowledgeFile, 0.5), candidate(FILES[0] as KnowledgeFile, 0.4)],
      facts,
      byId,
    );
    expect(rows.map((r) => r[at('rarestWordIn')])).toEqual([0, 1]);
    expect(rows[1]?.[at('idfCoverage')]).toBe(1);
    expect(rows[0]?.[at('idfCoverage')]).toBe(0);
  });

  it('treats every word as known without a vocabulary', () => {
    const facts = queryFacts('åpningstider kino', 'nb', 'lexical', ['kino']);
    expect(facts.unknown).toEqual([false, false]);
  });
});
