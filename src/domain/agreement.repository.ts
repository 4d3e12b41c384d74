import type { Tx } from '../db/transaction';
import type { ConfirmedAgreementInput } from './agreement.schemas';

/**
 * Writes one agreement with its contacts (stand-ins resolved by key) as the controller's
 * active one. A previous agreement is kept, inactive: tracks that were opened under it keep
 * pointing at the terms they were notified under.
 */
export async function replaceActiveAgreement(tx: Tx, controllerId: string, a: ConfirmedAgreementInput & { seedFile?: string | null }): Promise<string> {
  await tx.query(`UPDATE agreements SET active = false WHERE controller_id = $1 AND active`, [controllerId]);
  const [agreement] = await tx.query(
    `INSERT INTO agreements (controller_id, title, seed_file, language, deadline_hours, clock_start, notify_suspicion,
       regardless_of_impact, trigger_text, deadline_clause, required_fields, ack_window_hours, warning_shares,
       data_categories, subject_categories, sub_processors, retention_months_after_end, escalation_rule, source_text, source_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) RETURNING id`,
    [
      controllerId, a.title, a.seedFile ?? null, a.language, a.deadlineHours, a.clockStart, a.notifySuspicion, a.regardlessOfImpact,
      a.triggerText ?? null, a.deadlineClause ?? null, JSON.stringify(a.requiredFields), a.ackWindowHours, JSON.stringify(a.warningShares),
      JSON.stringify(a.dataCategories), JSON.stringify(a.subjectCategories), JSON.stringify(a.subProcessors),
      a.retentionMonthsAfterEnd, a.escalationRule, a.source?.text ?? null, a.source?.name ?? null,
    ],
  );
  const ids = new Map<string, string>();
  for (const c of a.contacts) {
    const [row] = await tx.query(
      `INSERT INTO contacts (agreement_id, name, role, email, phone, mobile, position, receives_breach_notice)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [agreement.id, c.name, c.role, c.email, c.phone ?? null, c.mobile ?? null, c.order, c.receivesBreachNotice],
    );
    ids.set(c.key, row.id);
  }
  for (const c of a.contacts.filter((k) => k.standInForKey)) {
    await tx.query(`UPDATE contacts SET stand_in_for_id = $2 WHERE id = $1`, [ids.get(c.key), ids.get(c.standInForKey!)]);
  }
  return agreement.id;
}
