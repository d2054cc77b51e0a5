import { IANAZone } from 'luxon';
import proxyaddr from 'proxy-addr';
import { z } from 'zod';

/** Replies are written in these languages (mirrors bot/'s REPLY_LANGS; config must not import bot/). */
const LANG = z.enum(['nb', 'nn', 'da', 'en']);
const TIME = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected a time "HH:MM" (24-hour clock)');
const CLOSED_DAY = z
  .string()
  .regex(
    /^(\d{4}-)?(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
    'expected a date "YYYY-MM-DD" or a yearly day "MM-DD"',
  );
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

/**
 * Which hops in front of Svar may write X-Forwarded-For, as Express's `trust proxy`: none (`false`), the
 * number of proxies, or their addresses/CIDRs (and proxy-addr's names loopback, linklocal, uniquelocal).
 * `true` is refused: trusting every hop lets any client choose the address its limits are counted under.
 */
const trustProxy = z
  .union([z.literal(false), z.int().min(0).max(10), z.array(z.string().min(1)).min(1)], {
    error:
      'expected false, the number of proxies in front (e.g. 1), or their addresses, e.g. ["10.0.0.0/8"] (true would trust any client\'s X-Forwarded-For)',
  })
  .superRefine((value, ctx) => {
    if (!Array.isArray(value)) return;
    try {
      proxyaddr.compile(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
  });

const emergencyNumber = z.strictObject({ label: z.string().min(1), number: z.string().min(2) });

/** A municipal service that answers day and night (legevakt, barnevernvakt), shown with crisis replies. */
const service24h = z.strictObject({
  label: z.string().min(1).max(80),
  /** The label in other languages; `label` is used where one is missing. */
  labels: z.partialRecord(LANG, z.string().min(1).max(80)).optional(),
  number: z.string().regex(/^\+?[0-9][0-9 ]{1,19}$/, 'expected a phone number, e.g. "116 117"'),
  /** When or for whom it answers, e.g. "for children and young people". */
  note: z.string().min(1).max(160).optional(),
});

/** Who is told when a crisis comes in and nobody can take it (out of hours, or nobody free). */
const onCall = z.strictObject({
  /** Addresses that get the alert by e-mail (needs `smtp`). */
  email: z.array(z.email()).max(10).default([]),
  webhook: z
    .strictObject({
      url: z.url({ protocol: /^https?$/ }),
      /** Shared secret for the `X-Svar-Signature` HMAC; prefer SVAR_ONCALL_WEBHOOK_SECRET. */
      secret: z.string().min(16),
      timeoutSeconds: z.number().positive().max(60).default(5),
    })
    .optional(),
  /** The staff console as staff open it, e.g. "https://svar.fjordvik.kommune.example/staff", for the link. */
  consoleUrl: z.url().optional(),
  /** Sends per channel, the first included; a failed send is tried again after `retrySeconds`. */
  maxAttempts: z.int().min(1).max(10).default(3),
  retrySeconds: z.number().min(1).max(3600).default(60),
});

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
      /** Reverse proxies whose X-Forwarded-For entries are believed (see server/config/README.md). */
      trustProxy,
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
      /** How long the background model load waits on a silent hub before staying lexical-only. */
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
    /** Close every queue on the country's public holidays (from the date-holidays library), any year. */
    publicHolidays: z.boolean().default(true),
    /** Extra closed days: "YYYY-MM-DD" once, or "MM-DD" every year (e.g. "12-24" for Christmas Eve). */
    holidays: z.array(CLOSED_DAY).default([]),
    widget: z.strictObject({
      /** Pages allowed to open the citizen websocket, e.g. "https://www.fjordvik.kommune.example". */
      allowedOrigins: z.array(z.url()),
      /**
       * Issue 19: up to five topic buttons under the greeting, each a knowledge file and its label per
       * language (Bokmål required; other languages fall back to it).
       */
      topics: z
        .array(
          z.strictObject({
            fileId: z.string().min(1).max(120),
            labels: z.strictObject({
              nb: z.string().min(1).max(60),
              nn: z.string().min(1).max(60).optional(),
              da: z.string().min(1).max(60).optional(),
              en: z.string().min(1).max(60).optional(),
            }),
          }),
        )
        .max(5)
        .default([]),
    }),
    retention: z.strictObject({
      conversationTextDays: z.int().min(1),
      eventsDays: z.int().min(1),
      /** Seconds from start to the first run: short enough to clean up soon, long enough not to slow start-up. */
      firstRunSeconds: z.int().min(1).max(86_400).default(60),
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
      /** A hung SMTP server must fail fast: the citizen is told, not kept waiting for minutes. */
      connectionTimeoutSeconds: z.number().positive().max(120).default(10),
      greetingTimeoutSeconds: z.number().positive().max(120).default(10),
      socketTimeoutSeconds: z.number().positive().max(300).default(20),
    }),
    session: z.strictObject({
      /** Secret for CSRF tokens; generated and kept in <dataDir>/session-secret when absent. */
      secret: z.string().min(32).optional(),
      ttlHours: z
        .number()
        .positive()
        .max(24 * 30),
      /** scrypt cost for staff passwords as log2 N (OWASP: 17); older hashes are raised at the next login. */
      passwordCost: z.int().min(14).max(20).default(17),
    }),
    /** What a crisis reply adds when nobody can take the chat, and who is alerted. */
    crisis: z
      .strictObject({
        services24h: z.array(service24h).max(10).default([]),
        onCall: onCall.prefault({}),
      })
      .prefault({}),
    /** Overrides of the bot's decision thresholds (bot/policy/thresholds.ts), e.g. from SVAR_BOT_ANSWER_MIN. */
    botThresholds: z.record(z.string(), z.number().min(0).max(20)).default({}),
    /** Where conversations are kept: SQLite in the data folder unless a PostgreSQL URL is given (several nodes). */
    database: z
      .strictObject({
        /** postgres://user:pass@host:5432/svar; prefer SVAR_DATABASE_URL over writing the password into the file. */
        url: z
          .string()
          .regex(/^postgres(ql)?:\/\/\S+$/, 'expected a postgres:// or postgresql:// URL')
          .optional(),
        /** Connections each node keeps to PostgreSQL. */
        poolSize: z.int().min(1).max(100).default(10),
      })
      .prefault({}),
    /** Several nodes: events, presence, leases and rate limits shared over Redis; absent means one node, in memory. */
    redis: z
      .strictObject({
        /** redis://[:pass@]host:6379/0 or rediss:// for TLS; prefer SVAR_REDIS_URL over the file. */
        url: z
          .string()
          .regex(/^rediss?:\/\/\S+$/, 'expected a redis:// or rediss:// URL')
          .optional(),
        /** Every key and channel starts with this, so one Redis can serve several municipalities. */
        keyPrefix: z
          .string()
          .regex(/^[a-z0-9_-]{1,40}:$/, 'expected a short lower-case prefix ending in ":", e.g. "svar:"')
          .default('svar:'),
        /** How often a node renews its presence; it counts as gone after `nodeTimeoutSeconds` of silence. */
        heartbeatSeconds: z.number().min(0.2).max(60).default(5),
        nodeTimeoutSeconds: z.number().min(0.5).max(300).default(15),
      })
      .refine((r) => r.nodeTimeoutSeconds > r.heartbeatSeconds * 2, {
        message: 'nodeTimeoutSeconds must be more than twice heartbeatSeconds',
      })
      .prefault({}),
    /** Knowledge goes live without a restart: the folder is watched and reloaded once it is quiet. */
    knowledge: z
      .strictObject({
        watch: z.boolean().default(true),
        reloadDebounceMs: z.int().min(0).max(60_000).default(300),
      })
      .default({ watch: true, reloadDebounceMs: 300 }),
    /**
     * Decisions in a pool of workers, each with its own copy of the knowledge index, so one node uses every
     * core (server/decision-pool/). `size` 0 means one worker per core; a message a worker fails to answer
     * within `timeoutMs` is decided on the main thread. Lexical mode only: with a model loaded the main
     * thread decides. Off by default: in three `npm run bench` runs on the shared 2-core machine the main
     * thread kept up at higher rates and spent less CPU per reply than two worker threads or processes.
     */
    decisionPool: z
      .strictObject({
        enabled: z.boolean().default(false),
        size: z.int().min(0).max(64).default(0),
        runtime: z.enum(['worker_threads', 'child_process']).default('worker_threads'),
        timeoutMs: z.int().min(100).max(120_000).default(5_000),
      })
      .prefault({}),
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
      /** Failed logins one account may have before each further attempt waits (1 s, 2 s, 4 s, … up to 15 min). */
      loginFailuresPerAccount: z.int().min(1).default(5),
      // Abuse limits (issue 20): the waiting list, the mail relay, offline messages and staff frames.
      maxWaitingPerIp: z.int().min(1).default(3),
      maxWaitingTotal: z.int().min(1).default(500),
      /** Staff consoles get queue changes at most this often, as deltas. */
      staffQueueUpdateMs: z.int().min(0).max(10_000).default(1000),
      transcriptEmailsPerAddressPerDay: z.int().min(0).default(3),
      transcriptEmailsPerIpPerDay: z.int().min(0).default(10),
      ticketsPerConversationPerDay: z.int().min(1).default(2),
      ticketsPerIpPerDay: z.int().min(1).default(10),
      staffFramesPerSecond: z.number().positive().default(10),
      staffFrameBurst: z.int().min(1).default(40),
      // Ghost chats (issue 19).
      /**
       * A waiting or assigned chat whose citizen page has been gone this long is closed as abandoned. Long
       * enough for a reload or a phone switching apps; staff see "left" from the first second.
       */
      visitorGoneCloseSeconds: z.int().min(5).max(86_400).default(600),
    }),
    /** Learning from citizens and staff (issue 17): what the editors' review inbox reads, and its guards. */
    learning: z
      .strictObject({
        /** Approve a wording once this many distinct conversations (from distinct clients) chose it; null: never. */
        autoApproveAfterConversations: z.int().min(2).nullable().default(null),
        /** The inbox reads signals from this many days back. */
        windowDays: z.int().min(1).max(730).default(90),
        /** A client with more signals than this in the window is a flood: all of them are left out. */
        floodSignalsPerClient: z.int().min(1).default(30),
        /** A new question this soon after an answer, answered otherwise, counts as an implicit 👎. */
        rephraseSeconds: z.int().min(0).max(600).default(60),
      })
      .default({
        autoApproveAfterConversations: null,
        windowDays: 90,
        floodSignalsPerClient: 30,
        rephraseSeconds: 60,
      }),
    /**
     * A Botpress Cloud bot for `npm run botpress` (import and publish). The token belongs in
     * SVAR_BOTPRESS_TOKEN, never on a command line where the shell history keeps it.
     */
    botpress: z
      .strictObject({
        apiUrl: z.url().optional(),
        botId: z.string().min(1).optional(),
        workspaceId: z.string().min(1).optional(),
        token: z.string().min(1).optional(),
      })
      .default({}),
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
    if (config.crisis.onCall.email.length > 0 && !config.smtp.enabled) {
      ctx.addIssue({
        code: 'custom',
        path: ['crisis', 'onCall', 'email'],
        message: 'on-call e-mail needs smtp.enabled',
      });
    }
    if (config.smtp.enabled && !config.smtp.url && !config.smtp.host) {
      ctx.addIssue({ code: 'custom', path: ['smtp'], message: 'enabled SMTP needs either url or host' });
    }
  });

export type Config = z.infer<typeof configSchema>;
export type QueueConfig = Config['queues']['list'][number];
export type Service24h = Config['crisis']['services24h'][number];
export type OnCallConfig = Config['crisis']['onCall'];
