import { chmodSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from './store.ts';

const mode = (file: string): number => statSync(file).mode & 0o777;

describe('database files', () => {
  it('are created readable by the server user only, -wal and -shm included', async () => {
    const old = process.umask(0o022);
    try {
      const file = join(mkdtempSync(join(tmpdir(), 'svar-perm-')), 'svar.db');
      const store = openStore(file);
      await store.audit.log({ actor: 'test', action: 'x', target: null, details: null, at: '2026-01-01' });
      for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(mode(f), f).toBe(0o600);
      await store.close();
    } finally {
      process.umask(old);
    }
  });

  it('made readable by others by an older Svar are tightened at start', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'svar-perm-')), 'svar.db');
    await openStore(file).close();
    chmodSync(file, 0o644);
    writeFileSync(`${file}-wal`, '');
    chmodSync(`${file}-wal`, 0o644);
    const store = openStore(file);
    expect(mode(file)).toBe(0o600);
    expect(mode(`${file}-wal`)).toBe(0o600);
    await store.close();
  });
});
