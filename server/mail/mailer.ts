import nodemailer from 'nodemailer';
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

/** The configured SMTP server, or undefined when e-mail is switched off. */
export function createMailer(smtp: Config['smtp']): Mailer | undefined {
  if (!smtp.enabled) return undefined;
  const transport = smtp.url
    ? nodemailer.createTransport(smtp.url)
    : nodemailer.createTransport({
        host: smtp.host,
        port: smtp.port ?? 587,
        secure: smtp.secure ?? false,
        requireTLS: smtp.requireTLS ?? false,
        ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.pass ?? '' } } : {}),
      });
  return {
    async send(m) {
      await transport.sendMail({ from: smtp.from, to: m.to, subject: m.subject, text: m.text, html: m.html });
    },
    close: () => transport.close(),
  };
}
