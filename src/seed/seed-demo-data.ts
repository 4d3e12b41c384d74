import type { DataSource } from 'typeorm';
import { hashPassword } from '../auth/passwords';
import type { Role } from '../auth/auth-user';
import { inTransaction, type Tx } from '../db/transaction';
import { demoAgreements, demoProcessor, type DemoAgreementSeed, type DemoProcessorSeed } from './demo-agreements';

export const DEMO_PASSWORD = 'Meldplicht-demo-2026';

export interface DemoLogin {
  email: string;
  role: Role;
  name: string;
  controller?: string;
}

export async function insertProcessor(tx: Tx, seed: DemoProcessorSeed): Promise<string> {
  const [row] = await tx.query(
    `INSERT INTO processors (name, kvk_number, city, contact_point, security_officer, director) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [seed.name, seed.kvkNumber, seed.city, JSON.stringify(seed.contactPoint), JSON.stringify(seed.securityOfficer), JSON.stringify(seed.director)],
  );
  return row.id;
}

/** A controller with its agreement and annex contacts (stand-ins resolved by key). */
export async function insertController(tx: Tx, processorId: string, seed: DemoAgreementSeed): Promise<string> {
  const [controller] = await tx.query(
    `INSERT INTO controllers (processor_id, name, kvk_number, sector, city) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [processorId, seed.controller.name, seed.controller.kvkNumber, seed.controller.sector, seed.controller.city],
  );
  const a = seed.agreement;
  const [agreement] = await tx.query(
    `INSERT INTO agreements (controller_id, title, seed_file, language, deadline_hours, clock_start, notify_suspicion,
       regardless_of_impact, trigger_text, deadline_clause, required_fields, ack_window_hours, warning_shares,
       data_categories, subject_categories, sub_processors, retention_months_after_end, escalation_rule)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id`,
    [
      controller.id, a.title, a.seedFile, a.language, a.deadlineHours, a.clockStart, a.notifySuspicion, a.regardlessOfImpact,
      a.triggerText, a.deadlineClause, JSON.stringify(a.requiredFields), a.ackWindowHours, JSON.stringify(a.warningShares),
      JSON.stringify(a.dataCategories), JSON.stringify(a.subjectCategories), JSON.stringify(a.subProcessors),
      a.retentionMonthsAfterEnd, a.escalationRule,
    ],
  );
  const ids = new Map<string, string>();
  for (const c of seed.contacts) {
    const [row] = await tx.query(
      `INSERT INTO contacts (agreement_id, name, role, email, phone, mobile, position, receives_breach_notice)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [agreement.id, c.name, c.role, c.email, c.phone ?? null, c.mobile ?? null, c.order, c.receivesBreachNotice],
    );
    ids.set(c.key, row.id);
  }
  for (const c of seed.contacts.filter((k) => k.standInForKey)) {
    await tx.query(`UPDATE contacts SET stand_in_for_id = $2 WHERE id = $1`, [ids.get(c.key), ids.get(c.standInForKey!)]);
  }
  return controller.id;
}

export async function insertUser(tx: Tx, user: { email: string; name: string; role: Role; password: string; controllerId?: string; language?: 'nl' | 'en' }): Promise<string> {
  const [row] = await tx.query(
    `INSERT INTO users (email, password_hash, name, role, controller_id, language) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [user.email, await hashPassword(user.password), user.name, user.role, user.controllerId ?? null, user.language ?? 'nl'],
  );
  return row.id;
}

const slug = (name: string) => name.toLowerCase().replace(/\b(b\.?v\.?|n\.?v\.?)\b/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/**
 * The demo: one processor, three controllers whose agreements follow the three seed DPAs,
 * and a user for each role. Runs only on an empty database, never in production.
 */
export async function seedDemoData(dataSource: DataSource): Promise<{ created: boolean; logins: DemoLogin[] }> {
  return inTransaction(dataSource, async (tx) => {
    await tx.query(`LOCK TABLE processors IN EXCLUSIVE MODE`);
    const logins: DemoLogin[] = [
      { email: 'support@demo-verwerker.example', role: 'support', name: 'Sam Support' },
      { email: 'admin@demo-verwerker.example', role: 'admin', name: 'Alex Admin' },
    ];
    for (const seed of demoAgreements) {
      const domain = `${slug(seed.controller.name)}.example`;
      logins.push({ email: `fg@${domain}`, role: 'dpo', name: `FG ${seed.controller.name}`, controller: seed.controller.name });
      logins.push({ email: `contact@${domain}`, role: 'controller', name: `Contact ${seed.controller.name}`, controller: seed.controller.name });
    }
    const [existing] = await tx.query(`SELECT count(*)::int AS n FROM processors`);
    if (existing.n > 0) return { created: false, logins };

    const processorId = await insertProcessor(tx, demoProcessor);
    const controllerIds = new Map<string, string>();
    for (const seed of demoAgreements) controllerIds.set(seed.controller.name, await insertController(tx, processorId, seed));
    for (const login of logins) {
      await insertUser(tx, { ...login, password: DEMO_PASSWORD, controllerId: login.controller ? controllerIds.get(login.controller) : undefined });
    }
    return { created: true, logins };
  });
}
