import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/password.ts';
import { silentLogger } from '../log.ts';
import { startSvar, type Svar } from '../main.ts';
import type { StaffRole } from '../store/staff.ts';
import { FakeClock } from '../test-support/fake-clock.ts';
import { OPEN_HOURS, PASSWORD, testConfig } from '../test-support/test-app.ts';

const faq = (id: string, body: string, question = 'Må jeg betale hundeskatt?') =>
  `---\nid: ${id}\ntitle: Hundeskatt\nlang: nb\nquestions:\n  - ${question}\nowner: teknisk\n---\n${body}\n`;
const PATH = 'teknisk/hundeskatt.md';

interface Session {
  headers: Record<string, string>;
}

let svar: Svar | undefined;
afterEach(async () => {
  await svar?.close();
  svar = undefined;
});

async function start(o: { git?: boolean } = {}): Promise<{ svar: Svar; dir: string; editor: Session }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'svar-files-'));
  const config = testConfig(dataDir, (c) => {
    c.knowledge.watch = false;
  });
  const dir = config.paths.knowledgeDir;
  mkdirSync(join(dir, 'teknisk'), { recursive: true });
  writeFileSync(join(dir, PATH), faq('hundeskatt', 'Fjordvik har ingen hundeskatt.'));
  writeFileSync(join(dir, 'glossary.yaml'), 'groups:\n  - [bikkje, hund]\n');
  mkdirSync(join(dir, 'kultur'), { recursive: true });
  writeFileSync(
    join(dir, 'kultur/lanekort.md'),
    '---\nid: lanekort\ntitle: Lånekort på biblioteket\nlang: nb\nquestions:\n  - Hvordan får jeg lånekort på biblioteket?\n---\nLånekort får du gratis i skranken på biblioteket.\n',
  );
  if (o.git) {
    execFileSync('git', ['init', '-q', dir]);
    execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@t', 'add', '-A']);
    execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'start']);
  }
  svar = await startSvar(config, { log: silentLogger, clock: new FakeClock(OPEN_HOURS), useModel: false });
  return { svar, dir, editor: await login(svar, 'redaktor', 'editor') };
}

async function login(s: Svar, username: string, role: StaffRole): Promise<Session> {
  await s.app.store.staff.create({
    username,
    displayName: username[0]!.toUpperCase() + username.slice(1),
    role,
    passwordHash: await hashPassword(PASSWORD),
    at: OPEN_HOURS,
  });
  const res = await fetch(`${s.app.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' } };
}

const api = (s: Svar, session: Session) => ({
  get: (path: string) => fetch(`${s.app.url}${path}`, { headers: session.headers }),
  send: (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${s.app.url}${path}`, {
      method,
      headers: { ...session.headers, ...headers },
      body: JSON.stringify(body),
    }),
});

describe('editing knowledge files', () => {
  it('saves with If-Match, goes live at once, and gives a stale second save 409 with both versions', async () => {
    const { svar: s, dir, editor } = await start();
    const a = api(s, editor);
    const opened = (await (await a.get(`/api/editor/file?path=${PATH}`)).json()) as {
      text: string;
      etag: string;
    };
    expect(opened.text).toContain('ingen hundeskatt');

    const first = await a.send(
      'PUT',
      '/api/editor/file',
      { path: PATH, text: faq('hundeskatt', 'Hundeskatten er 300 kr.') },
      { 'if-match': opened.etag },
    );
    expect(first.status).toBe(200);
    expect(s.knowledge.retriever.file('hundeskatt')?.body).toContain('300 kr');
    expect(readFileSync(join(dir, PATH), 'utf8')).toContain('300 kr');

    const stale = await a.send(
      'PUT',
      '/api/editor/file',
      { path: PATH, text: faq('hundeskatt', 'Gratis.') },
      { 'if-match': opened.etag },
    );
    expect(stale.status).toBe(409);
    const conflict = (await stale.json()) as {
      code: string;
      current: { text: string };
      yours: { text: string };
    };
    expect(conflict.code).toBe('edit_conflict');
    expect(conflict.current.text).toContain('300 kr');
    expect(conflict.yours.text).toContain('Gratis.');
    expect(readFileSync(join(dir, PATH), 'utf8')).toContain('300 kr');

    const noVersion = await a.send('PUT', '/api/editor/file', { path: PATH, text: faq('hundeskatt', 'x') });
    expect(noVersion.status).toBe(428);
    expect((await s.app.store.audit.recent(10)).map((e) => e.action)).toContain('knowledge.save');
  });

  it('refuses a broken file with the loader\u2019s errors and line numbers, and saves nothing', async () => {
    const { svar: s, dir, editor } = await start();
    const a = api(s, editor);
    const broken = faq('hundeskatt', 'x').replace('lang: nb', 'lang: [nb');
    const checked = (await (
      await a.send('POST', '/api/editor/validate', { path: PATH, text: broken })
    ).json()) as {
      issues: { code: string; line: number }[];
    };
    expect(checked.issues[0]).toMatchObject({ code: 'yaml_invalid' });
    expect(checked.issues[0]?.line).toBeGreaterThan(1);

    const { etag } = (await (await a.get(`/api/editor/file?path=${PATH}`)).json()) as { etag: string };
    const res = await a.send('PUT', '/api/editor/file', { path: PATH, text: broken }, { 'if-match': etag });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ code: 'knowledge_invalid', issues: [{ code: 'yaml_invalid' }] });
    expect(readFileSync(join(dir, PATH), 'utf8')).toContain('ingen hundeskatt');

    const wrongId = await a.send('PUT', '/api/editor/file', {
      path: 'teknisk/ny.md',
      text: faq('annen', 'x', 'Et nytt spørsmål her?'),
    });
    expect(((await wrongId.json()) as { issues: { code: string }[] }).issues.map((i) => i.code)).toContain(
      'id_filename_mismatch',
    );
    const badGlossary = await a.send('POST', '/api/editor/validate', {
      path: 'glossary.yaml',
      text: 'groups: [[a\n',
    });
    expect(((await badGlossary.json()) as { issues: { code: string }[] }).issues[0]?.code).toBe(
      'glossary_invalid',
    );
    const badCanned = await a.send('POST', '/api/editor/validate', {
      path: 'canned/nb.yaml',
      text: 'responses:\n  - id: a\n    title: A\n',
    });
    expect(((await badCanned.json()) as { issues: { line: number }[] }).issues[0]?.line).toBe(2);
  });

  it('refuses path traversal, odd names and symbolic links out of the folder', async () => {
    const { svar: s, dir, editor } = await start();
    const a = api(s, editor);
    const outside = mkdtempSync(join(tmpdir(), 'svar-outside-'));
    symlinkSync(outside, join(dir, 'lenke'));
    for (const path of [
      '../x.md',
      'teknisk/../../x.md',
      '/etc/passwd',
      'teknisk/..%2fx.md',
      'teknisk\\x.md',
      '.git/config',
      'teknisk/.x.md',
      'teknisk/x.yaml',
      'archive/../x.md',
      'x.md',
    ]) {
      const read = await a.get(`/api/editor/file?path=${encodeURIComponent(path)}`);
      expect(read.status, path).toBe(400);
      const write = await a.send('PUT', '/api/editor/file', { path, text: faq('x', 'x') });
      expect(write.status, path).toBe(400);
      expect(await write.json()).toMatchObject({ code: 'path_invalid' });
    }
    const viaLink = await a.send('PUT', '/api/editor/file', {
      path: 'lenke/x.md',
      text: faq('x', 'y', 'Hva er x for noe?'),
    });
    expect(viaLink.status).toBe(400);
    expect(existsSync(join(outside, 'x.md'))).toBe(false);
  });

  it('lets only editors and admins in, and needs the CSRF token to change anything', async () => {
    const { svar: s, editor } = await start();
    const agent = await login(s, 'agent', 'agent');
    expect((await api(s, agent).get('/api/editor/files')).status).toBe(403);
    expect((await fetch(`${s.app.url}/api/editor/files`)).status).toBe(401);
    const { 'x-csrf-token': _, ...noToken } = editor.headers;
    const res = await api(s, { headers: noToken }).send('PUT', '/api/editor/file', { path: PATH, text: 'x' });
    expect(res.status).toBe(403);
    const huge = await api(s, editor).send('POST', '/api/editor/validate', {
      path: PATH,
      text: 'x'.repeat(700_000),
    });
    expect(huge.status).toBe(413);
  });

  it('creates a draft, publishes it live, retires it into the archive, and lists all three states', async () => {
    const { svar: s, dir, editor } = await start();
    const a = api(s, editor);
    const draft = faq('kano', 'Kanoer lånes ut på biblioteket.', 'Kan jeg låne en kano?').replace(
      'Hundeskatt',
      'Kano',
    );
    expect(
      (
        await a.send(
          'PUT',
          '/api/editor/file',
          { path: 'drafts/kano.md', text: draft },
          { 'if-none-match': '*' },
        )
      ).status,
    ).toBe(201);
    expect(s.knowledge.retriever.file('kano')).toBeUndefined();

    const published = await a.send('POST', '/api/editor/publish', {
      path: 'drafts/kano.md',
      folder: 'kultur',
    });
    expect(published.status).toBe(200);
    expect(s.knowledge.retriever.file('kano')?.path).toBe('kultur/kano.md');

    const retired = await a.send('POST', '/api/editor/retire', { path: 'kultur/kano.md' });
    expect(await retired.json()).toMatchObject({ path: 'archive/kultur/kano.md' });
    expect(existsSync(join(dir, 'archive/kultur/kano.md'))).toBe(true);
    expect(s.knowledge.retriever.file('kano')).toBeUndefined();

    writeFileSync(
      join(dir, 'drafts', 'utkast.md'),
      faq('utkast', 'Snart.', 'Kommer det noe snart?').replace('Hundeskatt', 'Utkast'),
    );
    const list = (await (await a.get('/api/editor/files')).json()) as {
      files: { path: string; status: string; title?: string }[];
    };
    const byPath = new Map(list.files.map((f) => [f.path, f]));
    expect(byPath.get(PATH)).toMatchObject({
      status: 'live',
      title: 'Hundeskatt',
      owner: 'teknisk',
      answers: 0,
    });
    expect(byPath.get('drafts/utkast.md')?.status).toBe('draft');
    expect(byPath.get('archive/kultur/kano.md')?.status).toBe('retired');
    expect(byPath.get('glossary.yaml')?.status).toBe('live');
    const searched = (await (await a.get('/api/editor/files?q=hunde')).json()) as {
      files: { path: string }[];
    };
    expect(searched.files.map((f) => f.path)).toEqual([PATH]);
    expect((await s.app.store.audit.recent(10)).map((e) => e.action)).toEqual(
      expect.arrayContaining(['knowledge.create', 'knowledge.publish', 'knowledge.retire']),
    );
  });

  it.each([false, true])(
    'keeps every save as a version with its diff and restores any of them (git: %s)',
    async (git) => {
      const { svar: s, dir, editor } = await start({ git });
      const a = api(s, editor);
      const etag = async () =>
        ((await (await a.get(`/api/editor/file?path=${PATH}`)).json()) as { etag: string }).etag;
      await a.send(
        'PUT',
        '/api/editor/file',
        { path: PATH, text: faq('hundeskatt', 'Versjon to.') },
        { 'if-match': await etag() },
      );
      await a.send(
        'PUT',
        '/api/editor/file',
        { path: PATH, text: faq('hundeskatt', 'Versjon tre.') },
        { 'if-match': await etag() },
      );

      const { kind, versions } = (await (await a.get(`/api/editor/history?path=${PATH}`)).json()) as {
        kind: string;
        versions: { id: string; editor: string }[];
      };
      expect(kind).toBe(git ? 'git' : 'database');
      expect(versions).toHaveLength(3);
      expect(versions[0]?.editor).toBe('Redaktor');
      const v2 = versions[1]!;
      const shown = (await (await a.get(`/api/editor/version?path=${PATH}&id=${v2.id}`)).json()) as {
        text: string;
        diff: string;
      };
      expect(shown.text).toContain('Versjon to.');
      expect(shown.diff).toContain('+Versjon to.');
      expect(shown.diff).toContain('-Fjordvik har ingen hundeskatt.');

      const restored = await a.send(
        'POST',
        '/api/editor/restore',
        { path: PATH, id: versions[2]!.id },
        { 'if-match': await etag() },
      );
      expect(restored.status).toBe(200);
      expect(readFileSync(join(dir, PATH), 'utf8')).toContain('ingen hundeskatt');
      expect(s.knowledge.retriever.file('hundeskatt')?.body).toContain('ingen hundeskatt');
      if (git) {
        const log = execFileSync('git', ['-C', dir, 'log', '--format=%an|%s']).toString();
        expect(log.split('\n')[0]).toMatch(/^Redaktor\|Restore/);
      }
    },
  );

  it('shows how the bot would answer after a change, and warns of a question closer to another file', async () => {
    const { svar: s, editor } = await start();
    const a = api(s, editor);
    const text = faq('hundeskatt', 'Hundeskatten er 300 kr.').replace(
      '  - Må jeg betale hundeskatt?',
      '  - Må jeg betale hundeskatt?\n  - Hvordan får jeg lånekort på biblioteket?',
    );
    const res = await a.send('POST', '/api/editor/preview', { path: PATH, text });
    expect(res.status).toBe(200);
    const preview = (await res.json()) as {
      rows: { question: string; source: string; before: { fileId?: string }; after: { fileId?: string } }[];
      confusable: { question: string; fileId: string }[];
    };
    expect(preview.rows.find((r) => r.question === 'Må jeg betale hundeskatt?')).toMatchObject({
      source: 'alternative',
      before: { fileId: 'hundeskatt' },
      after: { fileId: 'hundeskatt' },
    });
    expect(preview.confusable).toEqual([
      expect.objectContaining({ question: 'Hvordan får jeg lånekort på biblioteket?', fileId: 'lanekort' }),
    ]);
    // Nothing went live.
    expect(s.knowledge.retriever.file('hundeskatt')?.body).toContain('ingen hundeskatt');
    expect(s.knowledge.retriever.file('hundeskatt')?.questions).toHaveLength(1);
  });
});
