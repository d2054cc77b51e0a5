import { createHmac } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import type { Config } from '../config/schema.ts';
import type { Clock, TimerHandle } from '../handover/clock.ts';
import type { Logger } from '../log.ts';
import { smtpTransport } from '../mail/mailer.ts';
import type { OfflineReason } from '../protocol.ts';
import type { AlertChannel } from '../store/alerts.ts';
import type { Store } from '../store/store.ts';
import { ALERT_TEXTS } from './alert-texts.ts';

/** What the webhook receives (JSON) and the e-mail says. Redacted text only. */
export interface OnCallPayload {
  type: 'svar.crisis_unattended';
  conversationId: string;
  municipality: string;
  reason: OfflineReason;
  lang: string;
  at: string;
  /** The citizen's latest message, with ID numbers, phone numbers and addresses replaced. */
  message: string;
  link?: string;
}

export const SIGNATURE_HEADER = 'x-svar-signature';
const MESSAGE_CHARS = 500;
const ERROR_CHARS = 300;
/** Short SMTP timeouts: an alert that hangs is retried, not waited for. */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

/** `sha256=<hex HMAC of the raw body>`: how a receiver checks that the alert came from this Svar. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export interface OnCallDeps {
  store: Store;
  config: Config;
  clock: Clock;
  log: Logger;
}

/**
 * On-call alerts for a crisis nobody can take: by e-mail and/or webhook, as configured. `raise` only stores
 * the intent (one row per conversation and channel, so a second crisis message alerts nobody twice) and
 * returns; the sending happens later, outside the citizen's frame queue. A failure is logged and tried
 * again after `retrySeconds`, up to `maxAttempts` sends.
 */
export class OnCallAlerts {
  private readonly timers = new Set<TimerHandle>();
  private readonly inFlight = new Set<Promise<void>>();
  /** Cuts short a webhook still waiting for an answer when the server shuts down. */
  private readonly shutdown = new AbortController();
  private transport: Transporter | undefined;
  private disposed = false;

  constructor(private readonly d: OnCallDeps) {}

  private get settings() {
    return this.d.config.crisis.onCall;
  }

  channels(): AlertChannel[] {
    const channels: AlertChannel[] = [];
    if (this.settings.email.length > 0 && this.d.config.smtp.enabled) channels.push('email');
    if (this.settings.webhook) channels.push('webhook');
    return channels;
  }

  /** Never throws and never waits: the citizen's reply must not depend on an alert. */
  raise(conversationId: string, reason: OfflineReason): void {
    if (this.disposed) return;
    const at = this.d.clock.now().toISOString();
    const store = async (): Promise<void> => {
      for (const channel of this.channels()) {
        if (!(await this.d.store.alerts.create(conversationId, channel, reason, at))) continue;
        this.schedule(conversationId, channel, reason, 0);
      }
    };
    const p: Promise<void> = store()
      .catch((error: unknown) => this.d.log.error('on-call alert could not be stored', error))
      .finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
  }

  /** After a restart: alerts that were still pending are sent again (attempts so far count). */
  async restore(): Promise<void> {
    for (const alert of await this.d.store.alerts.pending()) {
      this.schedule(alert.conversationId, alert.channel, alert.reason as OfflineReason, 0);
    }
  }

  /** Resolves when every send started so far has finished (for tests and a clean shutdown). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  dispose(): void {
    this.disposed = true;
    for (const t of this.timers) this.d.clock.clearTimeout(t);
    this.timers.clear();
    this.shutdown.abort();
    this.transport?.close();
  }

  private schedule(conversationId: string, channel: AlertChannel, reason: OfflineReason, ms: number): void {
    if (this.disposed) return;
    const run = (): void => {
      if (this.disposed) return;
      const p = this.attempt(conversationId, channel, reason)
        .catch((error: unknown) => this.d.log.error('on-call alert could not be recorded', error))
        .finally(() => this.inFlight.delete(p));
      this.inFlight.add(p);
    };
    if (ms === 0) {
      // setImmediate, not the frame queue: the citizen's reply goes out first.
      const p = new Promise<void>((resolve) => setImmediate(resolve)).then(run);
      const tracked = p.finally(() => this.inFlight.delete(tracked));
      this.inFlight.add(tracked);
      return;
    }
    const timer = this.d.clock.setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  private async attempt(conversationId: string, channel: AlertChannel, reason: OfflineReason): Promise<void> {
    const alerts = this.d.store.alerts;
    const startedAt = this.d.clock.now().toISOString();
    if (!(await alerts.startAttempt(conversationId, channel, startedAt))) return;
    const attempt = (await alerts.get(conversationId, channel))?.attempts ?? 1;
    try {
      const payload = await this.payload(conversationId, reason);
      if (channel === 'email') await this.sendEmail(payload);
      else await this.sendWebhook(payload);
      const at = this.d.clock.now().toISOString();
      await this.d.store.tx(async () => {
        await alerts.record(conversationId, channel, 'sent', null, at);
        await this.d.store.events.log(
          'on_call_alert',
          conversationId,
          { channel, outcome: 'sent', attempt, why: '' },
          at,
        );
      });
    } catch (error) {
      const why = (error instanceof Error ? error.message : String(error)).slice(0, ERROR_CHARS);
      const last = attempt >= this.settings.maxAttempts;
      const at = this.d.clock.now().toISOString();
      await this.d.store.tx(async () => {
        await alerts.record(conversationId, channel, last ? 'failed' : 'pending', why, at);
        await this.d.store.events.log(
          'on_call_alert',
          conversationId,
          { channel, outcome: 'failed', attempt, why },
          at,
        );
      });
      if (last) {
        this.d.log.error(
          `on-call ${channel} alert for ${conversationId} failed ${attempt} times, giving up: ${why}`,
        );
      } else {
        this.d.log.warn(`on-call ${channel} alert for ${conversationId} failed (attempt ${attempt}): ${why}`);
        this.schedule(conversationId, channel, reason, this.settings.retrySeconds * 1000);
      }
    }
  }

  private async payload(conversationId: string, reason: OfflineReason): Promise<OnCallPayload> {
    const c = await this.d.store.conversations.get(conversationId);
    const latest = (await this.d.store.messages.recent(conversationId, 20))
      .filter((m) => m.role === 'citizen')
      .pop();
    const base = this.settings.consoleUrl;
    return {
      type: 'svar.crisis_unattended',
      conversationId,
      municipality: this.d.config.municipality.name,
      reason,
      lang: c?.lang ?? this.d.config.municipality.defaultLang,
      at: this.d.clock.now().toISOString(),
      message: (latest?.redacted ?? '').slice(0, MESSAGE_CHARS),
      ...(base ? { link: `${base}#conversation=${encodeURIComponent(conversationId)}` } : {}),
    };
  }

  private async sendEmail(p: OnCallPayload): Promise<void> {
    const smtp = this.d.config.smtp;
    this.transport ??= smtpTransport(smtp, SMTP_TIMEOUTS);
    const t = ALERT_TEXTS[this.d.config.municipality.defaultLang];
    const text = [
      t.intro(t.why[p.reason]),
      '',
      `${t.message}: «${p.message}»`,
      `${t.at}: ${p.at}`,
      p.link ? `${t.open}: ${p.link}` : t.noLink,
      '',
      t.firstInQueue,
      '',
    ].join('\n');
    await this.transport.sendMail({
      from: smtp.from,
      to: this.settings.email,
      subject: t.subject(p.municipality),
      text,
      headers: { 'X-Priority': '1', Importance: 'high' },
    });
  }

  private async sendWebhook(p: OnCallPayload): Promise<void> {
    const webhook = this.settings.webhook;
    if (!webhook) return;
    const body = JSON.stringify(p);
    const res = await fetch(webhook.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(body, webhook.secret) },
      body,
      redirect: 'error',
      signal: AbortSignal.any([AbortSignal.timeout(webhook.timeoutSeconds * 1000), this.shutdown.signal]),
    });
    // The body is not needed; reading it frees the connection.
    await res.arrayBuffer().catch(() => undefined);
    if (!res.ok) throw new Error(`webhook answered HTTP ${res.status}`);
  }
}
