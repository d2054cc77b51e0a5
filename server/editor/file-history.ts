import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Clock } from '../handover/clock.ts';
import type { KnowledgeEditingRepo } from '../store/knowledge-editing.ts';

const run = promisify(execFile);

export interface Version {
  /** A git commit hash, or the database row id. */
  id: string;
  editor: string;
  at: string;
  message: string;
}

export interface Editor {
  username: string;
  displayName: string;
}

/** Every save is a version with its editor and time; any version's text can be read back. */
export interface FileHistory {
  readonly kind: 'git' | 'database';
  /** `text` null: the file is gone from `path` (moved or retired). `before` is the text the change replaced. */
  record(
    changes: { path: string; text: string | null; before: string | null }[],
    editor: Editor,
    message: string,
  ): Promise<void>;
  /** Newest first. */
  list(path: string): Promise<Version[]>;
  /** The file's text at a version: null when it did not exist there, undefined for an unknown version. */
  text(path: string, id: string): Promise<string | null | undefined>;
}

export const VERSION_ID = /^(?:[0-9a-f]{40}|\d{1,12})$/;

/** Git when the knowledge folder is inside a work tree, the database otherwise. */
export async function openHistory(
  knowledgeDir: string,
  repo: KnowledgeEditingRepo,
  clock: Clock,
): Promise<FileHistory> {
  try {
    const { stdout } = await run('git', ['-C', knowledgeDir, 'rev-parse', '--is-inside-work-tree']);
    if (stdout.trim() === 'true') return gitHistory(knowledgeDir);
  } catch {
    // No git, or not a repository: versions go to the database.
  }
  return databaseHistory(repo, clock);
}

/** One commit per save with the editor as author, so `git log` and a `git pull` elsewhere see the same history. */
export function gitHistory(dir: string): FileHistory {
  const git = (args: string[]) =>
    run('git', ['-C', dir, '-c', 'user.name=Svar', '-c', 'user.email=svar@localhost', ...args], {
      maxBuffer: 16 * 1024 * 1024,
    });
  // Pathspecs are literal and relative to the knowledge folder, whatever the repository's top level is.
  const spec = (path: string) => `:(literal)${path}`;
  return {
    kind: 'git',
    async record(changes, editor, message) {
      const paths = changes.map((c) => spec(c.path));
      await git(['add', '-A', '--', ...paths]);
      const staged = await git(['diff', '--cached', '--name-only', '--', ...paths]);
      if (!staged.stdout.trim()) return;
      await git([
        'commit',
        '-q',
        '--no-verify',
        `--author=${editor.displayName.replace(/[<>\n]/g, '')} <${editor.username}@editor.svar.invalid>`,
        '-m',
        message,
        '--',
        ...paths,
      ]);
    },
    async list(path) {
      const { stdout } = await git(['log', '--format=%H%x1f%an%x1f%aI%x1f%s', '--', spec(path)]);
      return stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [id = '', editor = '', at = '', message = ''] = line.split('\x1f');
          return { id, editor, at, message };
        });
    },
    async text(path, id) {
      if (!/^[0-9a-f]{40}$/.test(id)) return undefined;
      try {
        const { stdout } = await git(['show', `${id}:./${path}`]);
        return stdout;
      } catch {
        try {
          await git(['cat-file', '-e', `${id}^{commit}`]);
          return null;
        } catch {
          return undefined;
        }
      }
    },
  };
}

export function databaseHistory(repo: KnowledgeEditingRepo, clock: Clock): FileHistory {
  return {
    kind: 'database',
    async record(changes, editor, message) {
      const at = clock.now().toISOString();
      for (const c of changes) {
        // The text from before the first save is a version too, so the first edit can be undone.
        if (c.before !== null && (await repo.versions(c.path)).length === 0) {
          await repo.addVersion({
            path: c.path,
            text: c.before,
            editor: 'disk',
            message: 'before editing',
            at,
          });
        }
        await repo.addVersion({ path: c.path, text: c.text, editor: editor.displayName, message, at });
      }
    },
    async list(path) {
      return (await repo.versions(path)).map((v) => ({
        id: String(v.id),
        editor: v.editor,
        at: v.at,
        message: v.message,
      }));
    },
    async text(path, id) {
      if (!/^\d{1,12}$/.test(id)) return undefined;
      return repo.versionText(path, Number(id));
    },
  };
}
