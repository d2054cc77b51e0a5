import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from './log.ts';
import { startSvar } from './main.ts';
import { listeningMessage, startupFailure } from './startup-messages.ts';
import { testConfig } from './test-support/test-app.ts';

describe('start-up messages', () => {
  it('says where the server really listens', () => {
    const server = (host: string) => ({
      server: { host, port: 3000, trustProxy: false as const, secureCookies: false },
    });
    expect(listeningMessage(server('0.0.0.0'), 'http://127.0.0.1:3000')).toBe(
      'listening on all interfaces (0.0.0.0:3000); open http://localhost:3000',
    );
    expect(listeningMessage(server('127.0.0.1'), 'http://127.0.0.1:3000')).toBe(
      'listening on http://127.0.0.1:3000',
    );
  });

  it('turns a busy port into one line naming SVAR_PORT', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const config = testConfig(mkdtempSync(join(tmpdir(), 'svar-port-')));
    config.server.host = '127.0.0.1';
    config.server.port = (blocker.address() as AddressInfo).port;
    mkdirSync(config.paths.knowledgeDir, { recursive: true });
    try {
      const failure = await startSvar(config, { log: silentLogger, useModel: false }).then(
        () => undefined,
        (error: unknown) => error,
      );
      const message = startupFailure(failure, config);
      expect(message).toMatch(new RegExp(`^Port ${config.server.port} is already in use .*SVAR_PORT\\.$`));
      expect(message).not.toContain('\n');
    } finally {
      blocker.close();
    }
  });
});
