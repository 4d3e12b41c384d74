import type { Tx } from '../db/transaction';
import { loadProcessor } from '../domain/directory.repository';
import type { Language } from '../i18n/messages';
import type { AlertRecipient } from './queue-alerts';

/** The processor's people who must act: the incident's handler, the security officer, the director. */
export async function processorRecipients(
  tx: Tx,
  incidentId: string,
  who: { handler?: boolean; securityOfficer?: boolean; director?: boolean; sms?: boolean },
): Promise<AlertRecipient[]> {
  const recipients: AlertRecipient[] = [];
  if (who.handler) {
    const [handler] = await tx.query(
      `SELECT u.email, u.language FROM incidents i JOIN users u ON u.id = i.created_by WHERE i.id = $1`,
      [incidentId],
    );
    if (handler) recipients.push({ role: 'handler', email: handler.email, mobile: null, language: handler.language, sms: false });
  }
  if (who.securityOfficer || who.director) {
    const processor = await loadProcessor(tx);
    if (who.securityOfficer) {
      recipients.push({ role: 'security_officer', email: processor.securityOfficer.email, mobile: processor.securityOfficer.mobile, language: 'nl', sms: who.sms ?? false });
    }
    if (who.director) {
      recipients.push({ role: 'director', email: processor.director.email, mobile: processor.director.mobile, language: 'nl', sms: who.sms ?? false });
    }
  }
  return recipients;
}

/** The controller's DPO: its users with the dpo role and the FG/DPO contacts in the annex. */
export async function dpoRecipients(tx: Tx, trackId: string): Promise<AlertRecipient[]> {
  const rows = await tx.query(
    `SELECT u.email, u.language FROM tracks t JOIN users u ON u.controller_id = t.controller_id AND u.role = 'dpo' WHERE t.id = $1
     UNION
     SELECT k.email, a.language FROM tracks t JOIN agreements a ON a.id = t.agreement_id
       JOIN contacts k ON k.agreement_id = a.id AND k.role = 'dpo' WHERE t.id = $1`,
    [trackId],
  );
  const seen = new Set<string>();
  return rows
    .filter((r: { email: string }) => !seen.has(r.email.toLowerCase()) && seen.add(r.email.toLowerCase()))
    .map((r: { email: string; language: Language }) => ({ role: 'dpo' as const, email: r.email, mobile: null, language: r.language, sms: false }));
}
