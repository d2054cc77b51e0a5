import { IANAZone } from 'luxon';
import { z } from 'zod';

/** Replies are written in these languages (mirrors bot/'s REPLY_LANGS; config must not import bot/). */
const LANG = z.enum(['nb', 'nn', 'da', 'en']);
const TIME = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected a time "HH:MM" (24-hour clock)');
const DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date "YYYY-MM-DD"');
const QUEUE_ID = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'expected a lower-case queue id');

/** Opening intervals for one weekday; `[]` means closed all day. */
const dayHours = z.array(z.tuple([TIME, TIME])).refine((list) => list.every(([from, to]) => from < to), {
  message: 'each interval must end after it starts',
});

const weeklySchedule = z.strictObject({
  mon: dayHours,
  tue: dayHours,
  wed: dayHours,
  thu: dayHours,
  fri: dayHours,
  sat: dayHours,
  sun: dayHours,
});
export type WeeklySchedule = z.infer<typeof weeklySchedule>;

const emergencyNumber = z.strictObject({ label: z.string().min(1), number: z.string().min(2) });

export const configSchema = z
  .strictObject({
    municipality: z.strictObject({
      name: z.string().min(1),
      country: z.enum(['no', 'dk']),
      languages: z.array(LANG).min(1),
      defaultLang: LANG,
      timeZone: z
        .string()
        .refine((zone) => IANAZone.isValidZone(zone), 'expected an IANA time zone, e.g. Europe/Oslo'),
      /** The municipality's privacy page, linked from the widget's privacy note. */
      privacyUrl: z.url().optional(),
      emergency: z.array(emergencyNumber).min(1),
    }),
    server: z.strictObject({
      port: z.int().min(0).max(65535),
      host: z.string().min(1),
      /** Honour X-Forwarded-For from one reverse proxy in front of Svar. */
      trustProxy: z.boolean(),
      /** Mark cookies `Secure` (needs HTTPS, or a browser on localhost). */
      secureCookies: z.boolean(),
    }),
    paths: z.strictObject({
      dataDir: z.string().min(1),
      knowledgeDir: z.string().min(1),
      modelsDir: z.string().min(1),
      /** Built widget, staff and editor pages (filled by `widget/`). */
      staticDir: z.string().min(1),
    }),
    model: z.strictObject({
      id: z.string().min(1),
      localPath: z.string().min(1).optional(),
      allowRemote: z.boolean(),
      /** How long `npm start` waits on a silent model hub before going on in lexical-only mode. */
      fetchTimeoutSeconds: z.int().min(1).max(600).default(15),
    }),
    queues: z.strictObject({
      default: QUEUE_ID,
      list: z
        .array(z.strictObject({ id: QUEUE_ID, name: z.string().min(1), schedule: z.string().min(1) }))
        .min(1),
    }),
    /** Named weekly opening hours in the municipality's time zone; queues refer to them by name. */
    schedules: z.record(z.string(), weeklySchedule),
    /** Dates on which every queue is closed (public holidays). */
    holidays: z.array(DATE),
    widget: z.strictObject({
      /** Pages allowed to open the citizen websocket, e.g. "https://www.fjordvik.kommune.example". */
      allowedOrigins: z.array(z.url()),
    }),
    retention: z.strictObject({
      conversationTextDays: z.int().min(1),
      eventsDays: z.int().min(1),
    }),
    smtp: z.strictObject({
      enabled: z.boolean(),
      /** A full nodemailer URL (smtp://user:pass@host:587) wins over host/port/user. */
      url: z.string().min(1).optional(),
      host: z.string().min(1).optional(),
      port: z.int().min(1).max(65535).optional(),
      secure: z.boolean().optional(),
      requireTLS: z.boolean().optional(),
      user: z.string().optional(),
      /** Prefer SVAR_SMTP_PASS over writing the password into the file. */
      pass: z.string().optional(),
      from: z.string().min(3),
    }),
    session: z.strictObject({
      /** Secret for CSRF tokens; generated and kept in <dataDir>/session-secret when absent. */
      secret: z.string().min(32).optional(),
      ttlHours: z
        .number()
        .positive()
        .max(24 * 30),
    }),
    /** Overrides of the bot's decision thresholds (bot/policy/thresholds.ts), e.g. from SVAR_BOT_ANSWER_MIN. */
    botThresholds: z.record(z.string(), z.number().min(0).max(20)).default({}),
    /** Knowledge goes live without a restart: the folder is watched and reloaded once it is quiet. */
    knowledge: z
      .strictObject({
        watch: z.boolean().default(true),
        reloadDebounceMs: z.int().min(0).max(60_000).default(300),
      })
      .default({ watch: true, reloadDebounceMs: 300 }),
    limits: z.strictObject({
      wsMaxPayloadBytes: z.int().min(1024).max(1_048_576),
      maxConnectionsPerIp: z.int().min(1),
      framesPerSecondPerConnection: z.number().positive(),
      frameBurstPerConnection: z.int().min(1),
      framesPerMinutePerIp: z.int().min(1),
      loginAttemptsPer15Minutes: z.int().min(1),
      agentMaxConcurrentChats: z.int().min(1),
      agentGraceSeconds: z.number().min(0),
      maxQueueWaitSeconds: z.number().positive(),
      estimatedHandleSeconds: z.number().positive(),
      heartbeatSeconds: z.number().positive(),
      historyTurnsForBot: z.int().min(0),
      transcriptEmailsPerConversation: z.int().min(0),
    }),
  })
  .superRefine((config, ctx) => {
    const ids = config.queues.list.map((q) => q.id);
    if (!ids.includes(config.queues.default)) {
      ctx.addIssue({
        code: 'custom',
        path: ['queues', 'default'],
        message: `"${config.queues.default}" is not in queues.list (${ids.join(', ')})`,
      });
    }
    config.queues.list.forEach((queue, i) => {
      if (ids.indexOf(queue.id) !== i) {
        ctx.addIssue({
          code: 'custom',
          path: ['queues', 'list', i, 'id'],
          message: `duplicate queue "${queue.id}"`,
        });
      }
      if (!(queue.schedule in config.schedules)) {
        ctx.addIssue({
          code: 'custom',
          path: ['queues', 'list', i, 'schedule'],
          message: `unknown schedule "${queue.schedule}" (known: ${Object.keys(config.schedules).join(', ')})`,
        });
      }
    });
    if (!config.municipality.languages.includes(config.municipality.defaultLang)) {
      ctx.addIssue({
        code: 'custom',
        path: ['municipality', 'defaultLang'],
        message: 'must be one of municipality.languages',
      });
    }
    if (config.smtp.enabled && !config.smtp.url && !config.smtp.host) {
      ctx.addIssue({ code: 'custom', path: ['smtp'], message: 'enabled SMTP needs either url or host' });
    }
  });

export type Config = z.infer<typeof configSchema>;
export type QueueConfig = Config['queues']['list'][number];
