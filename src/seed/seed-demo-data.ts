import type { DataSource } from 'typeorm';
import { hashPassword } from '../auth/passwords';
import type { Role } from '../auth/auth-user';
import { inTransaction, type Tx } from '../db/transaction';
import { replaceActiveAgreement } from '../domain/agreement.repository';
import { demoProcessor, type DemoAgreementSeed, type DemoProcessorSeed } from './demo-agreements';
import { demoAgreementsFromSeeds } from './imported-demo-agreements';

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
export async function insertController(tx: Tx, processorId: string, seed: DemoAgreementSeed & { source?: { name: string; text: string } }): Promise<string> {
  const [controller] = await tx.query(
    `INSERT INTO controllers (processor_id, name, kvk_number, sector, city) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [processorId, seed.controller.name, seed.controller.kvkNumber, seed.controller.sector, seed.controller.city],
  );
  const { seedFile, ...agreement } = seed.agreement;
  await replaceActiveAgreement(tx, controller.id, { ...agreement, seedFile, contacts: seed.contacts, ...(seed.source ? { source: seed.source } : {}) });
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
export async function seedDemoData(dataSource: DataSource, seedsDir?: string): Promise<{ created: boolean; logins: DemoLogin[]; agreementsFrom: 'seeds' | 'built-in' }> {
  return inTransaction(dataSource, async (tx) => {
    await tx.query(`LOCK TABLE processors IN EXCLUSIVE MODE`);
    const logins: DemoLogin[] = [
      { email: 'support@demo-verwerker.example', role: 'support', name: 'Sam Support' },
      { email: 'admin@demo-verwerker.example', role: 'admin', name: 'Alex Admin' },
    ];
    const agreements = demoAgreementsFromSeeds(seedsDir);
    const agreementsFrom = agreements.some((a) => a.importedFrom) ? 'seeds' as const : 'built-in' as const;
    for (const seed of agreements) {
      const domain = `${slug(seed.controller.name)}.example`;
      logins.push({ email: `fg@${domain}`, role: 'dpo', name: `FG ${seed.controller.name}`, controller: seed.controller.name });
      logins.push({ email: `contact@${domain}`, role: 'controller', name: `Contact ${seed.controller.name}`, controller: seed.controller.name });
    }
    const [existing] = await tx.query(`SELECT count(*)::int AS n FROM processors`);
    if (existing.n > 0) return { created: false, logins, agreementsFrom };

    const processorId = await insertProcessor(tx, demoProcessor);
    const controllerIds = new Map<string, string>();
    for (const seed of agreements) controllerIds.set(seed.controller.name, await insertController(tx, processorId, seed));
    for (const login of logins) {
      await insertUser(tx, { ...login, password: DEMO_PASSWORD, controllerId: login.controller ? controllerIds.get(login.controller) : undefined });
    }
    return { created: true, logins, agreementsFrom };
  });
}
