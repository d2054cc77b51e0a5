import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadKnowledgeFolder } from '../../knowledge/index.ts';
import { writeDraft } from '../../server/editor/draft-file.ts';
import { documentToDraft, importFromCloud } from './cloud-import.ts';
import { botpressClient } from './connection.ts';
import { qnaToDrafts } from './qna-to-drafts.ts';
import { startFakeBotpressApi, type FakeBotpressApi } from './test-support/fake-botpress-api.ts';
import { ExportFormatError, parseV12Export } from './v12-export.ts';

const EXPORT = 'scripts/botpress/test-support/v12-qna-export.json';
const REVIEW = '2027-03-01';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'svar-import-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The drafts folder read as a knowledge folder: what an editor gets when moving the files out. */
async function draftsAsKnowledge() {
  return loadKnowledgeFolder(join(dir, 'drafts'), '2026-12-07');
}

describe('Botpress v12 Q&A import', () => {
  it('turns each item and language into a valid draft, and names what it could not map', async () => {
    const mapped = qnaToDrafts(parseV12Export(await readFile(EXPORT, 'utf8')), { review: REVIEW });
    for (const draft of mapped.drafts) await writeDraft(dir, draft);
    const loaded = await draftsAsKnowledge();
    expect(loaded.issues.filter((i) => i.severity === 'error')).toEqual([]);

    const byTitle = new Map(loaded.files.map((f) => [f.title, f]));
    const bins = byTitle.get('Når tømmes søpla');
    expect(bins).toMatchObject({
      lang: 'nb',
      questions: [
        'Når tømmes søpla?',
        'Hvilken dag kommer renovasjonsbilen',
        'tømmekalender',
        'når henter dere avfallet',
      ],
      link: 'https://eksempel.kommune.example/avfall/tommekalender',
      review: REVIEW,
    });
    expect(bins?.body).toContain('**tømmekalenderen**');
    expect(byTitle.get('When is my bin collected')?.lang).toBe('en');
    expect(byTitle.get('Hvordan melder jeg flytning')?.lang).toBe('da');
    expect(byTitle.get('Hva koster barnehageplass')?.tags).toEqual(['barnehage']);
    // The rich-content reference is removed from the text; the text around it stays.
    expect(byTitle.get('Hvor er bassenget')?.body).toBe('Svømmehallen ligger ved ungdomsskolen.');
    expect([...byTitle.keys()]).not.toContain('Åpningstider i jula 2019');
    expect([...byTitle.keys()]).not.toContain('Jeg vil klage på et vedtak');

    const kinds = mapped.notMapped.map((n) => `${n.item} ${n.kind}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        '__qna__k8x2mfs9q1 multi_language',
        '__qna__b1ly7w0p3z context',
        '__qna__b1ly7w0p3z answer_variants',
        '__qna__c0qq1v5m7e redirect',
        '__qna__d3vz8n2k4t redirect',
        '__qna__e9fw2a6s0h rich_content',
        '__qna__e9fw2a6s0h language',
        '__qna__f2ma0r8c6y disabled',
      ]),
    );
  });

  it('reads the older array shapes too', () => {
    const entry = {
      action: 'text',
      enabled: true,
      questions: { en: ['How do I pay?'] },
      answers: { en: ['Online.'] },
    };
    expect(parseV12Export(JSON.stringify([{ id: 'x1', data: entry }]))[0]?.id).toBe('x1');
    expect(parseV12Export(JSON.stringify([entry]))[0]).toMatchObject({
      id: 'item-1',
      data: { action: 'text' },
    });
  });

  it('refuses what is not an export with a stable code', () => {
    const code = (text: string) => {
      try {
        parseV12Export(text);
        return 'parsed';
      } catch (error) {
        return error instanceof ExportFormatError ? error.code : String(error);
      }
    };
    expect(code('{"qnas": ')).toBe('export_not_json');
    expect(code('{"intents": []}')).toBe('export_unknown_shape');
    expect(code('[{"title": "no questions"}]')).toBe('export_unknown_shape');
    expect(code(' '.repeat(21 * 1024 * 1024))).toBe('export_too_large');
  });
});

describe('Botpress Cloud knowledge base import', () => {
  let api: FakeBotpressApi;
  const AUTH = { token: 'bp_pat_cloud', botId: 'bot-cloud' };
  beforeEach(async () => {
    api = await startFakeBotpressApi(AUTH);
  });
  afterEach(async () => {
    await api.close();
  });

  it('makes drafts of Markdown and text documents and reports the others', async () => {
    api.addFile(
      'kb/parkering.md',
      '# Parkeringstillatelse for beboere\n\nBeboere i sentrum kan søke om **beboerkort**.\n\n## Pris\n\n1 200 kroner i året.\n\n## Slik søker du\n\nPå Min side.',
      { lang: 'nb', owner: 'teknisk', link: 'https://eksempel.kommune.example/parkering' },
    );
    api.addFile('kb/opening-hours.txt', 'The service centre is open 8–15 on weekdays.', {}, 'text/plain');
    api.addFile('kb/brosjyre.pdf', '%PDF-1.7', {}, 'application/pdf');
    const client = botpressClient({ ...AUTH, apiUrl: api.url }, { retries: 0 });
    const found = await importFromCloud(client, { defaultLang: 'en', review: REVIEW });
    for (const draft of found.drafts) await writeDraft(dir, draft);
    const loaded = await draftsAsKnowledge();
    expect(loaded.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const parking = loaded.files.find((f) => f.title === 'Parkeringstillatelse for beboere');
    expect(parking).toMatchObject({
      kind: 'guide',
      lang: 'nb',
      owner: 'teknisk',
      link: 'https://eksempel.kommune.example/parkering',
    });
    expect(loaded.files.find((f) => f.title === 'opening hours')?.lang).toBe('en');
    expect(found.notMapped).toEqual([
      expect.objectContaining({ item: 'kb/brosjyre.pdf', kind: 'rich_content' }),
    ]);
    expect(api.requests.some((r) => r.path.startsWith('/v1/files/'))).toBe(true);
  });

  it('gives back what Svar published, without the link line it added', () => {
    const draft = documentToDraft(
      { key: 'svar/skoleskyss.md', tags: { lang: 'nb', link: 'https://x.example/skyss', owner: 'oppvekst' } },
      '# Skoleskyss\n\nElever som bor langt fra skolen får gratis skyss.\n\nhttps://x.example/skyss\n',
      'nb',
    );
    expect(draft).toMatchObject({
      title: 'Skoleskyss',
      answer: 'Elever som bor langt fra skolen får gratis skyss.',
      link: 'https://x.example/skyss',
    });
  });
});
