import { createTokens, type Tokens } from '../../../src/auth/tokens';
import { openDatabase } from '../../../src/db/database';
import { inTransaction } from '../../../src/db/transaction';
import { demoAgreements, type DemoAgreementSeed } from '../../../src/seed/demo-agreements';
import { DEMO_PASSWORD, insertController, seedDemoData } from '../../../src/seed/seed-demo-data';
import type { Pool } from 'pg';
import type { SmtpTestServer } from '../../support/smtp-test-server';
import { JWT_SECRET, TWILIO, USERS } from '../../support/test-service';
import type { TwilioStandIn } from '../../support/twilio-stand-in';
import { processesCpuSeconds } from './service-process';

/**
 * What the notice benchmarks share: a database with the demo users and one controller whose
 * agreement names four recipients of the breach notice (e-mail and mobile each, so 8 notices
 * per track), a small API client, and the providers' side of the story (what the SMTP server
 * and the Twilio stand-in accepted, and when).
 */
export const NOTICES_PER_TRACK = 8;
export const BENCH_PUBLIC_URL = 'https://meldplicht.bench.example';

/** Invented people, example.com addresses and the fictional +31 6 0000 range only. */
const BENCH_CONTROLLER: DemoAgreementSeed = {
  controller: { name: 'Benchmark Klant B.V.', kvkNumber: '97000001', sector: 'benchmark', city: 'Utrecht' },
  agreement: { ...demoAgreements[0].agreement, title: 'Verwerkersovereenkomst (benchmark)', deadlineHours: 24, clockStart: 'processor_discovery', notifySuspicion: true },
  contacts: [
    { key: 'primary', name: 'Contact Een', role: 'breach_contact', email: 'datalek@bench-klant.example.com', mobile: '+31600009901', order: 1, receivesBreachNotice: true },
    { key: 'fg', name: 'Contact Twee', role: 'dpo', email: 'fg@bench-klant.example.com', mobile: '+31600009902', order: 2, receivesBreachNotice: true },
    { key: 'iso', name: 'Contact Drie', role: 'iso', email: 'iso@bench-klant.example.com', mobile: '+31600009903', order: 3, receivesBreachNotice: true },
    { key: 'desk', name: 'Contact Vier', role: 'support_desk', email: 'servicedesk@bench-klant.example.com', mobile: '+31600009904', order: 4, receivesBreachNotice: true },
  ],
};

/** Migrates the database, seeds the demo users and adds the benchmark controller. */
export async function prepareDatabase(databaseUrl: string): Promise<{ controllerId: string }> {
  const db = await openDatabase({ databaseUrl, dataDir: '/nonexistent', embeddedDbPort: 0 });
  try {
    await seedDemoData(db.dataSource);
    const controllerId = await inTransaction(db.dataSource, async (tx) => {
      const [processor] = await tx.query(`SELECT id FROM processors LIMIT 1`);
      return insertController(tx, processor.id, BENCH_CONTROLLER);
    });
    return { controllerId };
  } finally {
    await db.close();
  }
}

/** The environment of a Meldplicht process talking to the local stand-ins (production settings otherwise). */
export function serviceEnv(databaseUrl: string, smtp: SmtpTestServer, twilio: TwilioStandIn, dataDir: string): Record<string, string> {
  return {
    NODE_ENV: 'production', PORT: '0', DATABASE_URL: databaseUrl, DATA_DIR: dataDir, PUBLIC_URL: BENCH_PUBLIC_URL, JWT_SECRET, SEED_DEMO: 'false',
    SMTP_URL: smtp.url, TWILIO_ACCOUNT_SID: TWILIO.accountSid, TWILIO_AUTH_TOKEN: TWILIO.authToken, TWILIO_FROM: TWILIO.from, TWILIO_API_URL: twilio.baseUrl,
    // Passed on when set, to compare settings; the benchmarks' figures are for the default.
    ...(process.env.WORKER_CONCURRENCY ? { WORKER_CONCURRENCY: process.env.WORKER_CONCURRENCY } : {}),
  };
}

export interface Api {
  report(controllerIds: string[]): Promise<string>;
  event(incidentId: string, body: object): Promise<void>;
}

export async function apiClient(baseUrl: string): Promise<Api> {
  const call = async (path: string, body: object, token?: string) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, any>;
    // Only the status and the error code: a response body may carry incident content.
    if (!res.ok) throw new Error(`POST ${path.replace(/[0-9a-f-]{36}/g, ':id')}: ${res.status} ${json.code ?? ''}`);
    return json;
  };
  const { token } = await call('/api/auth/login', { email: USERS.support, password: DEMO_PASSWORD });
  return {
    async report(controllerIds) {
      const incident = await call('/api/incidents', {
        summary: 'Benchmark: export met klantgegevens op een open share',
        discoveredAt: new Date(Date.now() - 3_600_000).toISOString(),
        controllerIds,
      }, token);
      return incident.id as string;
    },
    async event(incidentId, body) {
      await call(`/api/incidents/${incidentId}/events`, body, token);
    },
  };
}

// ---------------------------------------------------------------- PostgreSQL's share

/** CPU seconds so far of each PostgreSQL backend serving this database (same host only). */
export async function postgresBackendCpu(pool: Pool): Promise<Map<number, number>> {
  const { rows } = await pool.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`);
  return new Map(rows.map((r: { pid: number }) => [r.pid, processesCpuSeconds([r.pid])]));
}

/** CPU the backends used between two readings (a backend that started meanwhile counts from 0). */
export function postgresCpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let seconds = 0;
  for (const [pid, now] of after) seconds += now - (before.get(pid) ?? 0);
  return seconds;
}

// ---------------------------------------------------------------- the providers' side

export interface Receipt {
  acceptedAt: number;
  providerId: string;
}

export interface NoticeIdentity {
  id: string;
  channel: 'email' | 'sms';
  track_id: string;
  contact_id: string;
  version: number;
}

/**
 * What the providers accepted, keyed by the notice it carries: an e-mail by its
 * `x-meldplicht-ref` header, an SMS by its signed acknowledgement link (track, contact,
 * version: one SMS notice each). Alerts to the processor's own people are left out.
 */
export class ProviderReceipts {
  private readonly tokens: Tokens = createTokens(JWT_SECRET, { ackTtlHours: 24 * 14 });
  private readonly email = new Map<string, Receipt[]>();
  private readonly sms = new Map<string, Receipt[]>();
  private mailsSeen = 0;
  private smsSeen = 0;

  constructor(private readonly smtp: SmtpTestServer, private readonly twilio: TwilioStandIn) {}

  /** Reads what arrived since the last call. */
  refresh(): this {
    for (const mail of this.smtp.messages.slice(this.mailsSeen)) {
      const [table, id] = (mail.headers['x-meldplicht-ref'] ?? '').split(':');
      if (table === 'notices') add(this.email, id, { acceptedAt: mail.acceptedAt, providerId: mail.messageId });
    }
    this.mailsSeen = this.smtp.messages.length;
    for (const message of this.twilio.messages.slice(this.smsSeen)) {
      const link = /\/ack\/([A-Za-z0-9._-]+)/.exec(message.body);
      if (!link) continue;
      const claim = this.tokens.verifyAck(link[1]);
      add(this.sms, `${claim.trackId}|${claim.contactId}|${claim.version}`, { acceptedAt: message.acceptedAt, providerId: message.sid });
    }
    this.smsSeen = this.twilio.messages.length;
    return this;
  }

  of(notice: NoticeIdentity): Receipt[] {
    return notice.channel === 'email' ? this.email.get(notice.id) ?? [] : this.sms.get(`${notice.track_id}|${notice.contact_id}|${notice.version}`) ?? [];
  }

  /** Notice receipts beyond the first, over everything received so far. */
  duplicates(): number {
    let extra = 0;
    for (const map of [this.email, this.sms]) for (const list of map.values()) extra += Math.max(0, list.length - 1);
    return extra;
  }

  count(): number {
    return this.email.size + this.sms.size;
  }
}

function add(map: Map<string, Receipt[]>, key: string, receipt: Receipt): void {
  const list = map.get(key);
  if (list) list.push(receipt);
  else map.set(key, [receipt]);
}
