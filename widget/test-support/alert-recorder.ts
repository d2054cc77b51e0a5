import type { BrowserContext, Page } from 'playwright-core';

export type RecordedAlert =
  { kind: 'notification'; title: string; body: string } | { kind: 'beep'; frequency: number };

/**
 * Runs in the page before its own scripts. The console only shows a desktop notification while its page is
 * hidden (the agent works in another window), so the page says it is hidden. `Notification` is wrapped to
 * record what would be shown, with the permission the browser context really grants; oscillator starts
 * record the beep. Nothing else about the page changes.
 */
function installRecorder(): void {
  const alerts: RecordedAlert[] = [];
  Object.defineProperty(window, '__svarAlerts', { value: alerts });
  Object.defineProperty(Document.prototype, 'visibilityState', { get: () => 'hidden', configurable: true });
  const Real = window.Notification;
  class RecordingNotification {
    static get permission(): NotificationPermission {
      return Real.permission;
    }
    static requestPermission(): Promise<NotificationPermission> {
      return Real.requestPermission();
    }
    constructor(title: string, options: NotificationOptions = {}) {
      alerts.push({ kind: 'notification', title, body: options.body ?? '' });
    }
  }
  Object.defineProperty(window, 'Notification', { value: RecordingNotification, configurable: true });
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (this: OscillatorNode, when?: number) {
    alerts.push({ kind: 'beep', frequency: this.frequency.value });
    return start.call(this, when);
  };
}

export async function recordAlerts(context: BrowserContext): Promise<void> {
  await context.addInitScript(installRecorder);
}

export function recordedAlerts(page: Page): Promise<RecordedAlert[]> {
  return page.evaluate(() => (window as unknown as { __svarAlerts: RecordedAlert[] }).__svarAlerts);
}
