import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser } from './test-support/browser.ts';
import { startBrowserTestServer, type BrowserTestServer } from './test-support/svar-server.ts';

let server: BrowserTestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startBrowserTestServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('a language switch made before the first welcome arrives still restarts the chat in the new language', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  // Hold the server's first frame (the welcome to the Norwegian start) until the citizen has switched.
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let first = true;
  await page.routeWebSocket(/\/ws\/citizen$/, (ws) => {
    const upstream = ws.connectToServer();
    upstream.onMessage(async (message) => {
      if (first) {
        first = false;
        await released;
      }
      ws.send(message);
    });
  });
  await page.goto(`${server.url}/`);
  await page.getByRole('button', { name: 'Chat med oss' }).click();
  await page.getByLabel('Språk').selectOption('en');
  release();
  await page.locator('svar-chat .msg-bot', { hasText: "Hi! I'm a chatbot for Fjordvik kommune" }).waitFor();
  expect(await page.locator('svar-chat .msg-bot').count()).toBe(1);
  await context.close();
});
