import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { configSchema, type Config } from './schema.ts';

export const DEFAULT_CONFIG_FILE = join(dirname(fileURLToPath(import.meta.url)), 'default.json');

/** Every problem found, each naming the field (or environment variable) at fault. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`Invalid configuration (${source}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;
type Json = Record<string, unknown>;

/**
 * The only way settings enter Svar: one JSON file (SVAR_CONFIG or the default) plus SVAR_* overrides,
 * validated once. Relative paths are resolved against `cwd` so the rest of the code sees absolute ones.
 */
export function loadConfig(o: { env?: Env; cwd?: string; file?: string } = {}): Config {
  // Defaults to the real environment so entry points need not touch process.env themselves.
  const env = o.env ?? process.env;
  const cwd = o.cwd ?? process.cwd();
  const file = o.file ?? (env.SVAR_CONFIG ? resolve(cwd, env.SVAR_CONFIG) : DEFAULT_CONFIG_FILE);
  const raw = readJson(file);
  const problems: string[] = [];
  applyEnv(raw, env, problems);
  if (problems.length > 0) throw new ConfigError(file, problems);
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(file, formatIssues(parsed.error.issues));
  const config = parsed.data;
  for (const key of ['dataDir', 'knowledgeDir', 'modelsDir', 'staticDir'] as const) {
    if (!isAbsolute(config.paths[key])) config.paths[key] = resolve(cwd, config.paths[key]);
  }
  if (config.model.localPath && !isAbsolute(config.model.localPath)) {
    config.model.localPath = resolve(cwd, config.model.localPath);
  }
  return config;
}

function readJson(file: string): Json {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, [`cannot read the file: ${(error as Error).message}`]);
  }
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
    return value as Json;
  } catch (error) {
    throw new ConfigError(file, [`not valid JSON: ${(error as Error).message}`]);
  }
}

function formatIssues(issues: z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
    return `${field}: ${issue.message}`;
  });
}

function section(raw: Json, key: string): Json {
  const value = raw[key];
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Json;
  const created: Json = {};
  raw[key] = created;
  return created;
}

/** Environment overrides; values are checked here so the message names the variable, not the field. */
function applyEnv(raw: Json, env: Env, problems: string[]): void {
  const str = (name: string, target: Json, key: string): void => {
    const value = env[name];
    if (value === undefined) return;
    if (value.trim() === '') problems.push(`${name}: must not be empty`);
    else target[key] = value;
  };
  const bool = (name: string, target: Json, key: string): void => {
    const value = env[name];
    if (value === undefined) return;
    if (value === 'true' || value === '1') target[key] = true;
    else if (value === 'false' || value === '0') target[key] = false;
    else problems.push(`${name}: expected true or false, got "${value}"`);
  };
  // SVAR_BOT_ANSWER_MIN=0.6 → botThresholds.answerMin; main.ts checks the names against the bot's list.
  for (const [name, value] of Object.entries(env)) {
    const match = /^SVAR_BOT_([A-Z_]+)$/.exec(name);
    if (!match?.[1] || value === undefined) continue;
    const key = match[1].toLowerCase().replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n))
      problems.push(`${name}: expected a number, got "${value}"`);
    else section(raw, 'botThresholds')[key] = n;
  }
  const port = env.SVAR_PORT;
  if (port !== undefined) {
    const n = Number(port);
    if (!/^\d+$/.test(port) || n > 65535) problems.push(`SVAR_PORT: expected a port 0-65535, got "${port}"`);
    else section(raw, 'server').port = n;
  }
  str('SVAR_HOST', section(raw, 'server'), 'host');
  // false | a number of proxies | comma-separated addresses; the schema refuses `true` with its reason.
  const trust = env.SVAR_TRUST_PROXY?.trim();
  if (trust !== undefined) {
    section(raw, 'server').trustProxy =
      trust === 'false' || trust === '0'
        ? false
        : trust === 'true'
          ? true
          : /^\d+$/.test(trust)
            ? Number(trust)
            : trust.split(',').map((a) => a.trim());
  }
  bool('SVAR_SECURE_COOKIES', section(raw, 'server'), 'secureCookies');
  str('SVAR_DATA_DIR', section(raw, 'paths'), 'dataDir');
  str('SVAR_KNOWLEDGE_DIR', section(raw, 'paths'), 'knowledgeDir');
  str('SVAR_MODELS_DIR', section(raw, 'paths'), 'modelsDir');
  str('SVAR_STATIC_DIR', section(raw, 'paths'), 'staticDir');
  str('SVAR_MODEL_PATH', section(raw, 'model'), 'localPath');
  // SVAR_DECISION_POOL=1 decides in worker threads, 0 on the main thread (the default).
  bool('SVAR_DECISION_POOL', section(raw, 'decisionPool'), 'enabled');
  str('SVAR_SESSION_SECRET', section(raw, 'session'), 'secret');
  const smtp = section(raw, 'smtp');
  if (env.SVAR_SMTP_URL !== undefined) {
    str('SVAR_SMTP_URL', smtp, 'url');
    smtp.enabled = true;
  }
  str('SVAR_SMTP_PASS', smtp, 'pass');
  str('SVAR_SMTP_FROM', smtp, 'from');
  const botpress = section(raw, 'botpress');
  str('SVAR_BOTPRESS_API_URL', botpress, 'apiUrl');
  str('SVAR_BOTPRESS_BOT_ID', botpress, 'botId');
  str('SVAR_BOTPRESS_WORKSPACE_ID', botpress, 'workspaceId');
  str('SVAR_BOTPRESS_TOKEN', botpress, 'token');
  const origins = env.SVAR_ALLOWED_ORIGINS;
  if (origins !== undefined) {
    section(raw, 'widget').allowedOrigins = origins
      .split(',')
      .map((o) => o.trim())
      .filter((o) => o !== '');
  }
  str('SVAR_REDIS_URL', section(raw, 'redis'), 'url');
  // The webhook's shared secret belongs in the environment rather than in the file.
  str('SVAR_DATABASE_URL', section(raw, 'database'), 'url');
  if (env.SVAR_ONCALL_WEBHOOK_SECRET !== undefined) {
    const onCall = section(section(raw, 'crisis'), 'onCall');
    str('SVAR_ONCALL_WEBHOOK_SECRET', section(onCall, 'webhook'), 'secret');
  }
}
