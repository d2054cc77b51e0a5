import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config/schema.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export interface SmtpTimeouts {
  connectionTimeout: number;
  greetingTimeout: number;
  socketTimeout: number;
}

/** A nodemailer transport to the configured server (URL, or host/port/TLS/login), with the given timeouts. */
export function smtpTransport(smtp: Config['smtp'], timeouts: SmtpTimeouts): Transporter {
  return smtp.url
    ? nodemailer.createTransport({ url: smtp.url, ...timeouts })
    : nodemailer.createTransport({
        host: smtp.host,
        port: smtp.port ?? 587,
        secure: smtp.secure ?? false,
        requireTLS: smtp.requireTLS ?? false,
        ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.pass ?? '' } } : {}),
        ...timeouts,
      });
}

/** The configured SMTP server, or undefined when e-mail is switched off. */
export function createMailer(smtp: Config['smtp']): Mailer | undefined {
  if (!smtp.enabled) return undefined;
  // nodemailer waits up to ten minutes on a silent server by default; a citizen should hear much sooner.
  const transport = smtpTransport(smtp, {
    connectionTimeout: smtp.connectionTimeoutSeconds * 1000,
    greetingTimeout: smtp.greetingTimeoutSeconds * 1000,
    socketTimeout: smtp.socketTimeoutSeconds * 1000,
  });
  return {
    async send(m) {
      await transport.sendMail({ from: smtp.from, to: m.to, subject: m.subject, text: m.text, html: m.html });
    },
    close: () => transport.close(),
  };
}

/** What went wrong, for the log: nodemailer's error code only, since its message can hold the address. */
export function mailErrorCode(error: unknown): string {
  const code = (error as { code?: unknown; responseCode?: unknown }).code;
  const response = (error as { responseCode?: unknown }).responseCode;
  return [typeof code === 'string' ? code : 'error', typeof response === 'number' ? response : '']
    .filter((x) => x !== '')
    .join(' ');
}
