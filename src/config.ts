import { z } from 'zod';
import { isValidAllowedHost } from './webhooks/webhook-target';

/**
 * Configuration is read once, here, from the environment; validated, frozen and passed
 * down. A bad value stops start-up with a message naming every wrong key.
 */
const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number({ message: 'must be a port number' }).int().min(0).max(65535).default(3000),
    PUBLIC_URL: optionalText.pipe(z.url({ message: 'must be an absolute URL, e.g. https://meldplicht.example.nl' }).optional()),
    DATABASE_URL: optionalText.pipe(
      z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://').optional(),
    ),
    DATA_DIR: z.string().trim().min(1).default('./var'),
    EMBEDDED_DB_PORT: z.coerce.number().int().min(0).max(65535).default(0),
    SMTP_URL: optionalText.pipe(z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional()),
    MAIL_FROM: z.string().trim().min(3).default('Meldplicht <meldplicht@localhost>'),
    TWILIO_ACCOUNT_SID: optionalText.pipe(z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'must look like AC followed by 32 hex digits').optional()),
    TWILIO_AUTH_TOKEN: optionalText,
    TWILIO_FROM: optionalText.pipe(z.string().regex(/^(\+[1-9]\d{6,14}|MG[0-9a-fA-F]{32}|[A-Za-z0-9 ]{1,11})$/, 'must be an E.164 number, a messaging service SID or an alphanumeric sender').optional()),
    TWILIO_API_URL: optionalText.pipe(z.url({ message: 'must be an absolute URL' }).optional()),
    JWT_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    JWT_SECRET_PREVIOUS: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    ACK_LINK_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 14),
    SEED_DEMO: z.enum(['true', 'false']).optional(),
    SMS_ENABLED: z.enum(['true', 'false'], { message: 'must be true or false' }).optional(),
    DEMO_SEEDS_DIR: optionalText,
    ROLE: z.enum(['all', 'web', 'worker']).default('all'),
    WORKER_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(10),
    RECONCILE_EVERY_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
    SENDING_STALE_MS: z.coerce.number().int().min(500).max(86_400_000).default(5 * 60_000),
    // Which proxies' X-Forwarded-For to believe (express "trust proxy"): the login throttle counts per client address.
    TRUST_PROXY: optionalText
      .transform((v) => v ?? 'loopback')
      .refine((v) => /^(true|false|\d{1,2})$/.test(v) || v.split(',').every((p) => /^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/.test(p.trim())), {
        message: 'must be true, false, a number of hops, or a comma-separated list of addresses/subnets (or loopback, linklocal, uniquelocal)',
      })
      .transform((v): boolean | number | string => (v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v)),
    // Production only: PUBLIC_URL may be http when TLS ends in a proxy on this same host.
    ALLOW_HTTP_PUBLIC_URL: z.enum(['true', 'false'], { message: 'must be true or false' }).optional(),
    METRICS_TOKEN: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    WEBHOOK_ALLOWED_HOSTS: z
      .string()
      .default('')
      .transform((v) => v.split(',').map((e) => e.trim().toLowerCase()).filter(Boolean))
      .refine((entries) => entries.every(isValidAllowedHost), 'must be a comma-separated list of host names, addresses and CIDR ranges, e.g. tickets.internal,10.1.0.0/16'),
    DISMISS_REOPEN_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
    // Fault injection for the crash tests; refused outside NODE_ENV=test.
    CRASH_AT: z.enum(['before-provider', 'after-provider', 'after-ledger']).optional(),
  });

/**
 * Bits a secret would have if its characters were drawn independently with the frequencies
 * they have in it: 32 × 'a' has none, a repeated word or a run of digits few. A random
 * base64 string of 32 characters has about 150; 128 is the floor for an HMAC key.
 */
export function estimatedEntropyBits(secret: string): number {
  const counts = new Map<string, number>();
  for (const c of secret) counts.set(c, (counts.get(c) ?? 0) + 1);
  const length = [...secret].length;
  let perChar = 0;
  for (const n of counts.values()) perChar -= (n / length) * Math.log2(n / length);
  return perChar * length;
}
const MIN_SECRET_BITS = 128;

export interface Config {
  readonly mode: 'development' | 'production' | 'test';
  readonly port: number;
  readonly publicUrl: string;
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly embeddedDbPort: number;
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  readonly twilio: { readonly accountSid: string; readonly authToken: string; readonly from: string; readonly apiUrl?: string } | undefined;
  readonly jwtSecret: string | undefined;
  /** Still accepted for verification during a key rotation (see docs/DEPLOY.md). */
  readonly jwtSecretPrevious: string | undefined;
  readonly ackLinkTtlHours: number;
  readonly seedDemo: boolean;
  /** Where the demo reads its seed DPAs (default ../shared/seeds); without them it uses built-in profiles. */
  readonly demoSeedsDir: string | undefined;
  readonly role: 'all' | 'web' | 'worker';
  readonly workerPollMs: number;
  /**
   * Jobs one worker process runs at once. They mostly wait (on the database, on SMTP and
   * Twilio), so more than a handful; each uses at most one connection of the queue's pool
   * (concurrency + 2) and, in its short transactions, one of the data pool (10): 3 workers
   * and a web process stay within PostgreSQL's default 100 connections.
   */
  readonly workerConcurrency: number;
  readonly reconcileEveryMs: number;
  /** A send still `sending` after this long was interrupted: its outcome is unknown. */
  readonly sendingStaleMs: number;
  /** express "trust proxy": which hops' X-Forwarded-For names the client (docs/DEPLOY.md). */
  readonly trustProxy: boolean | number | string;
  readonly crashAt: 'before-provider' | 'after-provider' | 'after-ledger' | undefined;
  /** Internal webhook targets the operator allows; every other target must be a public address. */
  readonly webhookTargets: { readonly allowedHosts: readonly string[] };
  /** Bearer token /metrics asks for; without it /metrics answers only on loopback. */
  readonly metricsToken: string | undefined;
  /** Days within which a dismissed track can be reopened (a person erred). */
  readonly reopenDays: number;
  /** Provider keys not set (their messages only reach the outbox): /readyz names them. */
  readonly missingDelivery: readonly string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Rules across keys, checked on the raw values so they are reported with the others. */
function crossKeyProblems(env: NodeJS.ProcessEnv): string[] {
  const set = (key: string) => (env[key] ?? '').trim() !== '';
  const problems: string[] = [];
  const twilioKeys = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM'];
  if (twilioKeys.some(set)) {
    for (const key of twilioKeys.filter((k) => !set(k))) problems.push(`${key}: required when any TWILIO_* key is set`);
  }
  if (set('CRASH_AT') && env.NODE_ENV !== 'test') problems.push('CRASH_AT: fault injection only exists for the test suite (NODE_ENV=test)');
  if (env.NODE_ENV === 'production') {
    if (!set('JWT_SECRET')) problems.push('JWT_SECRET: required in production (no generated secret)');
    if (!set('PUBLIC_URL')) problems.push('PUBLIC_URL: required in production (links in notices point there)');
    if (env.SEED_DEMO === 'true') problems.push('SEED_DEMO: demo data is never created in production');
    for (const key of ['JWT_SECRET', 'JWT_SECRET_PREVIOUS']) {
      if (set(key) && estimatedEntropyBits(env[key]!.trim()) < MIN_SECRET_BITS) {
        problems.push(`${key}: too guessable for production (repeated or few different characters); use e.g. \`openssl rand -base64 48\``);
      }
    }
    if (set('PUBLIC_URL') && /^http:/i.test(env.PUBLIC_URL!.trim()) && env.ALLOW_HTTP_PUBLIC_URL !== 'true') {
      problems.push('PUBLIC_URL: must be https in production (session cookies and signed links travel over it); ALLOW_HTTP_PUBLIC_URL=true only when TLS ends in a proxy on this same host');
    }
    // Only a process that sends needs the providers: a web-only process hands its messages to the workers.
    if (env.ROLE !== 'web') problems.push(...missingDelivery(env).map((key) => `${key}: required in production (without it, messages would only land in the outbox and reach nobody)${key.startsWith('TWILIO') ? '; or SMS_ENABLED=false to send no SMS' : ''}`));
  }
  return problems;
}

/**
 * The provider keys that are not set: without them messages only land in the outbox (fine for
 * a demo, never in production). SMS can be switched off explicitly with SMS_ENABLED=false.
 */
export function missingDelivery(env: NodeJS.ProcessEnv): string[] {
  const set = (key: string) => (env[key] ?? '').trim() !== '';
  const sms = env.SMS_ENABLED === 'false' ? [] : ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM'];
  return ['SMTP_URL', ...sms].filter((key) => !set(key));
}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = envSchema.safeParse(env);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`)),
    ...crossKeyProblems(env),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const twilio =
    e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN && e.TWILIO_FROM
      ? { accountSid: e.TWILIO_ACCOUNT_SID, authToken: e.TWILIO_AUTH_TOKEN, from: e.TWILIO_FROM, ...(e.TWILIO_API_URL ? { apiUrl: e.TWILIO_API_URL } : {}) }
      : undefined;
  return Object.freeze({
    mode: e.NODE_ENV,
    port: e.PORT,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    embeddedDbPort: e.EMBEDDED_DB_PORT,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    twilio: twilio && Object.freeze(twilio),
    jwtSecret: e.JWT_SECRET,
    jwtSecretPrevious: e.JWT_SECRET_PREVIOUS,
    ackLinkTtlHours: e.ACK_LINK_TTL_HOURS,
    // Demo users share a published password: only on the embedded database, or when asked for.
    seedDemo: e.NODE_ENV === 'production' ? false : e.SEED_DEMO === 'true' || (e.SEED_DEMO === undefined && !e.DATABASE_URL),
    demoSeedsDir: e.DEMO_SEEDS_DIR,
    role: e.ROLE,
    workerPollMs: e.WORKER_POLL_MS,
    workerConcurrency: e.WORKER_CONCURRENCY,
    reconcileEveryMs: e.RECONCILE_EVERY_MS,
    sendingStaleMs: e.SENDING_STALE_MS,
    trustProxy: e.TRUST_PROXY,
    crashAt: e.CRASH_AT,
    metricsToken: e.METRICS_TOKEN,
    webhookTargets: Object.freeze({ allowedHosts: Object.freeze(e.WEBHOOK_ALLOWED_HOSTS) }),
    reopenDays: e.DISMISS_REOPEN_DAYS,
    missingDelivery: Object.freeze(e.ROLE === 'web' ? [] : missingDelivery(env)),
  });
}
