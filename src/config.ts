import { z } from 'zod';

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
    DEMO_SEEDS_DIR: optionalText,
    ROLE: z.enum(['all', 'web', 'worker']).default('all'),
    WORKER_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(10),
    RECONCILE_EVERY_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
    SENDING_STALE_MS: z.coerce.number().int().min(500).max(86_400_000).default(5 * 60_000),
    // Fault injection for the crash tests; refused outside NODE_ENV=test.
    CRASH_AT: z.enum(['before-provider', 'after-provider', 'after-ledger']).optional(),
  });

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
  readonly crashAt: 'before-provider' | 'after-provider' | 'after-ledger' | undefined;
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
  }
  return problems;
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
    seedDemo: e.NODE_ENV === 'production' ? false : e.SEED_DEMO !== 'false',
    demoSeedsDir: e.DEMO_SEEDS_DIR,
    role: e.ROLE,
    workerPollMs: e.WORKER_POLL_MS,
    workerConcurrency: e.WORKER_CONCURRENCY,
    reconcileEveryMs: e.RECONCILE_EVERY_MS,
    sendingStaleMs: e.SENDING_STALE_MS,
    crashAt: e.CRASH_AT,
  });
}
