import { actorOf, requireRole, type AuthUser } from '../auth/auth-user';
import { dbNow, inTransaction } from '../db/transaction';
import { apReportsOf, currentMeldnummer, insertApReport, latestDecision, type ApReport } from '../domain/dpo-records.repository';
import { checkApReportDate } from '../domain/ap-report-date';
import { applyTrackEvent } from '../workflow/apply-track-event';
import type { ApReportInput } from '../domain/dpo.schemas';
import { ConflictError } from '../domain/errors';
import { lockIncident, tracksOf } from '../domain/incident.repository';
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
    const found = await accessibleTrack(tx, trackId, user);
    const incident = (await lockIncident(tx, found.incidentId))!;
    const [track] = (await tracksOf(tx, incident.id, { lock: true })).filter((t) => t.id === trackId);
    const decision = await latestDecision(tx, trackId);
    if (!decision?.reportToAp) {
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
    checkApReportDate('at', new Date(input.at), at, track.controllerAwareAt ?? track.firstNotifiedAt);
    await insertApReport(tx, { trackId, kind: input.kind, meldnummer: meldnummer!, at: new Date(input.at), note: input.note ?? null, userId: user.id, recordedAt: at });
    await applyTrackEvent({ tx, at, actor: actorOf(user), userId: user.id, publicUrl: deps.publicUrl }, incident, track, { type: 'AP_REPORT', kind: input.kind }, {
      meldnummer, at: new Date(input.at).toISOString(), note: input.note ?? null,
    });
    const after = (await apReportsOf(tx, [trackId])).get(trackId)!;
    return { apReports: after, currentMeldnummer: currentMeldnummer(after) };
  });
}
