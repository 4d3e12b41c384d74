import { actorOf, requireRole, type AuthUser } from '../auth/auth-user';
import { appendAudit } from '../audit/audit-trail';
import { dbNow, inTransaction } from '../db/transaction';
import { apReportsOf, currentMeldnummer, insertApReport, type ApReport } from '../domain/dpo-records.repository';
import type { ApReportInput } from '../domain/dpo.schemas';
import { ConflictError } from '../domain/errors';
import { lockIncident } from '../domain/incident.repository';
import { accessibleTrack } from '../domain/track-access';
import type { CommandDeps } from '../workflow/apply-track-event';

/**
 * The AP's form has no API: the DPO reports there and records here what was done, with its
 * date: the report (meldnummer), supplements ("aanvullen"), corrections, a withdrawal
 * ("intrekken"). Follow-ups quote the meldnummer in force.
 */
export async function recordApReport(trackId: string, input: ApReportInput, user: AuthUser, deps: CommandDeps): Promise<{ apReports: ApReport[]; currentMeldnummer: string | null }> {
  requireRole(user, ['dpo']);
  return inTransaction(deps.dataSource, async (tx) => {
    const at = await dbNow(tx);
    const track = await accessibleTrack(tx, trackId, user);
    await lockIncident(tx, track.incidentId);
    const [decision] = await tx.query(`SELECT report_to_ap FROM assessments WHERE track_id = $1 ORDER BY decided_at DESC LIMIT 1`, [trackId]);
    if (!decision?.report_to_ap) {
      throw new ConflictError('decision_required', 'Record the decision to report to the AP first (POST /api/tracks/:id/assessment with reportToAp: true).');
    }
    const before = (await apReportsOf(tx, [trackId])).get(trackId)!;
    const current = currentMeldnummer(before);
    let meldnummer = input.meldnummer ?? current;
    if (input.kind === 'report') {
      if (current && current !== input.meldnummer) throw new ConflictError('already_reported', `Report ${current} is in force: supplement, correct or withdraw it instead.`, { kind: 'a report is already in force' });
      meldnummer = input.meldnummer!;
    } else if (!current) {
      throw new ConflictError('no_report', `There is no AP report in force to ${input.kind === 'withdrawal' ? 'withdraw' : input.kind === 'supplement' ? 'supplement' : 'correct'}: record the report (kind: report) first.`);
    } else if (meldnummer !== current) {
      throw new ConflictError('wrong_meldnummer', `The report in force is ${current}; a follow-up must quote it.`, { meldnummer: `must be ${current}` });
    }
    await insertApReport(tx, { trackId, kind: input.kind, meldnummer: meldnummer!, at: new Date(input.at), note: input.note ?? null, userId: user.id, recordedAt: at });
    await appendAudit(tx, {
      incidentId: track.incidentId, trackId, type: `ap.${input.kind}`, actor: actorOf(user), at,
      data: { meldnummer, at: new Date(input.at).toISOString(), note: input.note ?? null },
    });
    const after = (await apReportsOf(tx, [trackId])).get(trackId)!;
    return { apReports: after, currentMeldnummer: currentMeldnummer(after) };
  });
}
