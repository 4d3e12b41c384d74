import type { Client } from 'pg';
import { applyEvent, startTrack, type StoredTrackSnapshot } from '../../machines/track-workflow';
import type { TrackEvent, TrackState } from '../../machines/breach-track.machine';

/**
 * A register of realistic size and shape for benchmark 4, by bulk SQL (generate_series), on
 * a database that has the schema and the demo data: controllers of very different sizes
 * (a few large customers, a long tail), incidents spread evenly over the years since 2020,
 * one to five tracks each, old ones closed or dismissed, recent ones in every state, with
 * the notices, acknowledgements, decisions, risk assessments and AP reports their state
 * implies, and about ten audit events per incident.
 *
 * Machine snapshots are the product's own (startTrack/applyEvent), so the pages can restore
 * them. The audit events are filler: their hashes are random, so the chains do NOT verify.
 */

/** The path through the machine to each state; the snapshot at its end is stored on the tracks. */
const PATHS: Record<TrackState, TrackEvent[]> = {
  detected: [],
  triage: [{ type: 'TRIAGE' }],
  awaitingNotice: [{ type: 'CONFIRM' }],
  dismissed: [{ type: 'DISMISS', reason: 'Geen persoonsgegevens betrokken' }],
  notified: [{ type: 'CONFIRM' }, { type: 'NOTIFY' }],
  awaitingAssessment: [{ type: 'CONFIRM' }, { type: 'NOTIFY' }, { type: 'ACKNOWLEDGE' }],
  followUp: [{ type: 'CONFIRM' }, { type: 'NOTIFY' }, { type: 'ACKNOWLEDGE' }, { type: 'ASSESS' }],
  closed: [{ type: 'CONFIRM' }, { type: 'NOTIFY' }, { type: 'ACKNOWLEDGE' }, { type: 'ASSESS' }, { type: 'SUPPLEMENT', final: true }, { type: 'CLOSE', measuresRecorded: true }],
};

function snapshots(): Record<string, StoredTrackSnapshot> {
  return Object.fromEntries(Object.entries(PATHS).map(([state, events]) => {
    let snapshot = startTrack({ notifySuspicion: false }).snapshot;
    for (const event of events) {
      const step = applyEvent(snapshot, event);
      if (!step) throw new Error(`the machine refuses ${event.type} on the way to ${state}`);
      snapshot = step.snapshot;
    }
    if (snapshot.value !== state) throw new Error(`expected ${state}, reached ${snapshot.value}`);
    return [state, snapshot];
  }));
}

/**
 * Recent tracks (last 60 days) by state, cumulative shares; older ones are closed (85 %) or
 * dismissed. Overdue on 3 % of the tracks.
 */
const RECENT = `CASE WHEN u < 0.10 THEN 'detected' WHEN u < 0.20 THEN 'triage' WHEN u < 0.30 THEN 'awaitingNotice'
  WHEN u < 0.45 THEN 'notified' WHEN u < 0.60 THEN 'awaitingAssessment' WHEN u < 0.80 THEN 'followUp'
  WHEN u < 0.90 THEN 'closed' ELSE 'dismissed' END`;

export interface ScaleData {
  incidents: number;
  tracks: number;
  auditEvents: number;
  controllers: number;
  /** Tracks of the demo controllers, whose users the benchmark logs in as. */
  tracksOf: Record<string, number>;
}

/** `incidents` incidents, ~10 audit events each; `demo` ranks the demo controllers among the rest (1 = largest). */
export async function generateScaleData(sql: Client, incidents: number, demo: Record<string, number>): Promise<ScaleData> {
  await sql.query(`SET synchronous_commit = off`); // generation is not what is measured
  const generated = Math.max(20, Math.round(incidents / 500));
  const [{ processor_id, user_id }] = (await sql.query(
    `SELECT (SELECT id FROM processors LIMIT 1) AS processor_id, (SELECT id FROM users WHERE role = 'support' LIMIT 1) AS user_id`,
  )).rows;

  // Controllers, each with a copy of a demo agreement (its source text too, as an imported one has) and its contacts.
  await sql.query(
    `INSERT INTO controllers (processor_id, name, kvk_number, sector, city)
     SELECT $1, 'Schaalklant ' || lpad(g::text, 4, '0') || ' B.V.', '93' || lpad(g::text, 6, '0'),
            (ARRAY['zorg', 'onderwijs', 'gemeente', 'retail', 'techniek'])[1 + g % 5], 'Utrecht'
       FROM generate_series(1, $2::int) g`,
    [processor_id, generated],
  );
  const columns = (await sql.query(
    `SELECT string_agg(column_name, ', ' ORDER BY ordinal_position) AS list FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = 'agreements' AND column_name NOT IN ('id', 'controller_id', 'created_at')`,
  )).rows[0].list as string;
  const template = `(SELECT * FROM agreements WHERE active ORDER BY created_at LIMIT 1)`;
  await sql.query(
    `INSERT INTO agreements (controller_id, ${columns})
     SELECT c.id, ${columns.split(', ').map((c) => `a.${c}`).join(', ')} FROM controllers c, ${template} a WHERE c.name LIKE 'Schaalklant %'`,
  );
  await sql.query(
    `INSERT INTO contacts (agreement_id, name, role, email, phone, mobile, position, receives_breach_notice)
     SELECT ag.id, k.name, k.role, split_part(k.email, '@', 1) || '@' || c.kvk_number || '.example', k.phone, k.mobile, k.position, k.receives_breach_notice
       FROM controllers c JOIN agreements ag ON ag.controller_id = c.id AND ag.active
       CROSS JOIN (SELECT k.* FROM contacts k JOIN ${template} a ON a.id = k.agreement_id) k
      WHERE c.name LIKE 'Schaalklant %'`,
  );

  // Size ranks: rank r draws a share of about 1/(2·sqrt(r·n)); the demo controllers at the ranks asked for.
  const ids: string[] = (await sql.query(`SELECT id FROM controllers WHERE name LIKE 'Schaalklant %' ORDER BY name`)).rows.map((r) => r.id);
  const total = ids.length + Object.keys(demo).length;
  for (const [namePart, rank] of Object.entries(demo).sort((a, b) => a[1] - b[1])) {
    const [{ id }] = (await sql.query(`SELECT id FROM controllers WHERE name ILIKE $1`, [`%${namePart}%`])).rows;
    ids.splice(Math.min(rank, total) - 1, 0, id);
  }
  await sql.query(`CREATE TEMP TABLE ranked AS SELECT r.rank::int, r.id, a.id AS agreement_id
                     FROM unnest($1::uuid[]) WITH ORDINALITY AS r(id, rank) JOIN agreements a ON a.controller_id = r.id AND a.active`, [ids]);

  // Incidents, evenly over 2020-01-01 .. yesterday; references per year as the product numbers them.
  await sql.query(
    `WITH g AS (
       SELECT g, timestamptz '2020-01-01 08:00+01' + (g - 1 + random()) * ((now() - interval '1 day' - timestamptz '2020-01-01 08:00+01') / $1::int) AS created_at
         FROM generate_series(1, $1::int) g),
     y AS (SELECT *, row_number() OVER (PARTITION BY extract(year FROM created_at AT TIME ZONE 'Europe/Amsterdam') ORDER BY g) AS nr FROM g)
     INSERT INTO incidents (reference, summary, discovered_at, discovered_by, sub_processor_name, sub_processor_discovered_at, fields, status, created_by, created_at, updated_at)
     SELECT 'DL-' || extract(year FROM created_at AT TIME ZONE 'Europe/Amsterdam') || '-' || lpad(nr::text, 5, '0'),
            'Schaaltest ' || g || ': ' || (ARRAY['export met klantgegevens op een open share', 'phishing op een beheeraccount', 'verkeerd geadresseerde e-mail met bijlage', 'gestolen laptop zonder schijfversleuteling', 'ransomware op een bestandsserver', 'API gaf gegevens van andere klanten terug'])[1 + g % 6],
            created_at - (1 + g % 12) * interval '1 hour',
            CASE WHEN g % 10 = 0 THEN 'sub_processor' ELSE 'processor' END,
            CASE WHEN g % 10 = 0 THEN 'SmartDC Rotterdam' END,
            CASE WHEN g % 10 = 0 THEN created_at - (3 + g % 12) * interval '1 hour' END,
            jsonb_build_object(
              'nature', jsonb_build_object('kinds', jsonb_build_array('confidentiality'), 'actions', jsonb_build_array('read')),
              'cause', 'verkeerde rechten op een share', 'consequences', 'Geen gevolgen bekend',
              'dataCategories', jsonb_build_array('naam', 'e-mailadres', 'telefoonnummer'), 'subjectCount', jsonb_build_object('exact', 1 + g % 5000),
              'measures', CASE WHEN created_at < now() - interval '60 days' THEN jsonb_build_object('taken', 'Rechten hersteld', 'planned', 'Controle per kwartaal') END),
            CASE WHEN created_at < now() - interval '60 days' THEN 'closed' ELSE 'open' END,
            $2, created_at, created_at + interval '3 days'
       FROM y`,
    [incidents, user_id],
  );

  // Tracks: 70 % of the incidents concern one controller, 20 % two, 10 % three to five.
  await sql.query(
    `WITH draws AS (
       SELECT i.id AS incident_id, i.created_at, i.discovered_at, (1 + floor($1::int * random() ^ 2))::int AS rank
         FROM incidents i,
              LATERAL generate_series(1, CASE WHEN abs(hashtext(i.id::text)) % 100 < 70 THEN 1 WHEN abs(hashtext(i.id::text)) % 100 < 90 THEN 2 ELSE 3 + abs(hashtext(i.id::text)) % 3 END) d),
     picked AS (
       SELECT DISTINCT ON (d.incident_id, r.id) d.*, r.id AS controller_id, r.agreement_id, random() AS u, random() AS v
         FROM draws d JOIN ranked r ON r.rank = d.rank),
     stated AS (
       SELECT p.*, CASE WHEN p.created_at < now() - interval '60 days' THEN CASE WHEN p.u < 0.85 THEN 'closed' ELSE 'dismissed' END ELSE ${RECENT} END AS state
         FROM picked p)
     INSERT INTO tracks (incident_id, controller_id, agreement_id, state, snapshot, clock_started_at, notify_deadline_at, overdue,
                         established_at, first_notified_at, acknowledged_at, dismiss_reason, late_reason, closed_at, controller_aware_at,
                         ap_deadline_at, created_at, updated_at)
     SELECT s.incident_id, s.controller_id, s.agreement_id, s.state, snap.value, s.discovered_at, s.discovered_at + interval '24 hours', s.v < 0.03,
            CASE WHEN s.state NOT IN ('detected', 'triage', 'dismissed') THEN s.discovered_at + interval '2 hours' END,
            CASE WHEN s.state IN ('notified', 'awaitingAssessment', 'followUp', 'closed') THEN s.discovered_at + interval '6 hours' END,
            CASE WHEN s.state IN ('awaitingAssessment', 'followUp', 'closed') THEN s.discovered_at + interval '7 hours' END,
            CASE WHEN s.state = 'dismissed' THEN 'Geen persoonsgegevens betrokken' END,
            CASE WHEN s.v < 0.03 AND s.state IN ('notified', 'awaitingAssessment', 'followUp', 'closed') THEN 'Sub-verwerker meldde het lek laat' END,
            CASE WHEN s.state IN ('closed', 'dismissed') THEN least(s.created_at + interval '10 days', now()) END,
            CASE WHEN s.state IN ('notified', 'awaitingAssessment', 'followUp', 'closed') THEN s.discovered_at + interval '6 hours' END,
            CASE WHEN s.state IN ('notified', 'awaitingAssessment', 'followUp', 'closed') THEN s.discovered_at + interval '78 hours' END,
            s.created_at, s.created_at + interval '3 days'
       FROM stated s JOIN jsonb_each($2::jsonb) snap ON snap.key = s.state`,
    [ids.length, JSON.stringify(snapshots())],
  );

  // What a notified track carries: its first notice (e-mail and SMS to the first annex contact), and what followed.
  await sql.query(
    `INSERT INTO notice_versions (track_id, version, kind, content, created_by, created_at)
     SELECT id, 1, 'initial', '{"generated": true}', $1, first_notified_at FROM tracks WHERE first_notified_at IS NOT NULL`,
    [user_id],
  );
  await sql.query(
    `INSERT INTO notices (notice_version_id, track_id, version, contact_id, channel, recipient, status, provider_id, attempts, queued_at, sending_at, sent_at, delivered_at)
     SELECT nv.id, t.id, 1, k.id, ch.channel, CASE ch.channel WHEN 'email' THEN k.email ELSE coalesce(k.mobile, '+31600000000') END,
            CASE ch.channel WHEN 'email' THEN 'sent' ELSE 'delivered' END, md5(random()::text), 1,
            t.first_notified_at, t.first_notified_at, t.first_notified_at, CASE ch.channel WHEN 'sms' THEN t.first_notified_at + interval '5 seconds' END
       FROM tracks t JOIN notice_versions nv ON nv.track_id = t.id AND nv.version = 1
       CROSS JOIN LATERAL (SELECT id, email, mobile FROM contacts WHERE agreement_id = t.agreement_id ORDER BY position LIMIT 1) k
       CROSS JOIN (VALUES ('email'), ('sms')) ch(channel)`,
  );
  await sql.query(
    `INSERT INTO acknowledgements (track_id, notice_version, contact_id, acknowledged_at, ip, user_agent)
     SELECT t.id, 1, n.contact_id, t.acknowledged_at, '192.0.2.1', 'Mozilla/5.0' FROM tracks t
       JOIN notices n ON n.track_id = t.id AND n.channel = 'email' WHERE t.acknowledged_at IS NOT NULL`,
  );
  await sql.query(
    `INSERT INTO risk_assessments (track_id, criteria, method_version, dpc, ei, cb, score, band, action, result, assessed_by, assessed_at)
     SELECT id, '{}', 'enisa-2013', 2, 1, 0.5, 2.5, 'medium', 'report_ap',
            '{"severity": {"score": 2.5, "band": "medium"}, "recommendation": {"action": "report_ap"}}', $1, acknowledged_at + interval '1 day'
       FROM tracks WHERE state IN ('followUp', 'closed') AND abs(hashtext(id::text)) % 2 = 0`,
    [user_id],
  );
  await sql.query(
    `INSERT INTO assessments (track_id, report_to_ap, ap_reasons, inform_subjects, subject_reasons, decided_by, decided_at, risk_assessment_id, follows_recommendation)
     SELECT t.id, abs(hashtext(t.id::text)) % 10 < 3, 'Afweging van de FG', abs(hashtext(t.id::text)) % 10 = 0, 'Afweging van de FG', $1,
            t.acknowledged_at + interval '2 days', r.id, CASE WHEN r.id IS NOT NULL THEN true END
       FROM tracks t LEFT JOIN risk_assessments r ON r.track_id = t.id WHERE t.state IN ('followUp', 'closed')`,
    [user_id],
  );
  await sql.query(
    `INSERT INTO ap_reports (track_id, kind, meldnummer, done_at, recorded_by, recorded_at)
     SELECT track_id, 'report', 'M' || (100000 + abs(hashtext(track_id::text)) % 900000), decided_at + interval '1 day', $1, decided_at + interval '1 day'
       FROM assessments WHERE report_to_ap`,
    [user_id],
  );

  // About ten audit events per incident (1 to 19), in sequence; filler hashes (chains do not verify).
  await sql.query(
    `INSERT INTO audit_events (incident_id, track_id, seq, type, actor, data, occurred_at, prev_hash, hash)
     SELECT i.id, CASE WHEN s > 1 THEN i.first_track END, s,
            (ARRAY['incident.reported', 'track.opened', 'track.triage', 'track.confirm', 'notice.queued', 'track.notify', 'notice.sent',
                   'notice.delivered', 'track.acknowledge', 'track.assess', 'ap.reported', 'track.supplement', 'track.close'])[least(s, 13)],
            '{"kind": "system", "name": "scale-generator"}', jsonb_build_object('step', s), i.created_at + s * interval '10 minutes',
            CASE WHEN s > 1 THEN md5(i.id::text || (s - 1)) END, md5(i.id::text || s)
       FROM (SELECT id, created_at, row_number() OVER (ORDER BY created_at) AS nr,
                    (SELECT t.id FROM tracks t WHERE t.incident_id = incidents.id LIMIT 1) AS first_track FROM incidents) i,
            LATERAL generate_series(1, 1 + (i.nr % 19)::int) s`,
  );
  await sql.query(`VACUUM ANALYZE`);

  const [counts] = (await sql.query(
    `SELECT (SELECT count(*)::int FROM incidents) AS incidents, (SELECT count(*)::int FROM tracks) AS tracks,
            (SELECT count(*)::int FROM audit_events) AS audit_events, (SELECT count(*)::int FROM controllers) AS controllers`,
  )).rows;
  const tracksOf: Record<string, number> = {};
  for (const namePart of Object.keys(demo)) {
    tracksOf[namePart] = (await sql.query(`SELECT count(*)::int AS n FROM tracks t JOIN controllers c ON c.id = t.controller_id WHERE c.name ILIKE $1`, [`%${namePart}%`])).rows[0].n;
  }
  return { incidents: counts.incidents, tracks: counts.tracks, auditEvents: counts.audit_events, controllers: counts.controllers, tracksOf };
}
