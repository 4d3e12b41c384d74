import { providerReceipts, receiptsOf } from '../support/provider-receipts';
import type { SmtpTestServer } from '../support/smtp-test-server';
import type { TestService } from '../support/test-service';
import type { TwilioStandIn } from '../support/twilio-stand-in';

/**
 * What the chaos suites share: a client that keeps support busy (report, CONFIRM, NOTIFY, …)
 * and remembers every answer, and the checks that the record is whole afterwards.
 */
export interface Answer { command: 'report' | 'CONFIRM' | 'NOTIFY'; incidentId: string | null; status: number | 'no answer' }

const SETTLED = ['sent', 'delivered', 'unknown', 'failed', 'bounced'];

/** mulberry32: a small seeded generator, so a failing run can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One support client: report, CONFIRM, NOTIFY, again, until `stop.done`. A request without
 * an answer (the process died under it) ends the client when `stopOnNoAnswer`.
 */
export async function supportClient(opts: {
  url: () => string; token: string; controllers: string[]; random: () => number; answers: Answer[];
  stop: { done: boolean }; stopOnNoAnswer: boolean;
}): Promise<void> {
  const call = async (command: Answer['command'], path: string, body: object, incidentId: string | null): Promise<{ id: string } | null> => {
    try {
      const res = await fetch(`${opts.url()}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.token}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
      const json = (await res.json().catch(() => null)) as { id?: string } | null;
      opts.answers.push({ command, incidentId: incidentId ?? json?.id ?? null, status: res.status });
      return res.status < 300 && json?.id ? { id: json.id } : null;
    } catch {
      opts.answers.push({ command, incidentId, status: 'no answer' });
      if (opts.stopOnNoAnswer) opts.stop.done = true;
      return null;
    }
  };
  while (!opts.stop.done) {
    const affected = opts.controllers.filter(() => opts.random() < 0.5);
    const reported = await call('report', '/api/incidents', {
      summary: 'Chaos: verkeerde export gedeeld met een externe partij',
      discoveredAt: new Date(Date.now() - 3600_000).toISOString(),
      controllerIds: affected.length > 0 ? affected : [opts.controllers[0]],
    }, null);
    if (!reported) continue;
    if (!(await call('CONFIRM', `/api/incidents/${reported.id}/events`, { type: 'CONFIRM' }, reported.id))) continue;
    await call('NOTIFY', `/api/incidents/${reported.id}/events`, { type: 'NOTIFY' }, reported.id);
  }
}

export async function openWork(t: TestService): Promise<number> {
  const [row] = await t.sql(`SELECT (SELECT count(*)::int FROM notices WHERE status IN ('queued', 'sending'))
                                  + (SELECT count(*)::int FROM alerts WHERE status IN ('queued', 'sending')) AS n`);
  return row.n;
}

/**
 * Nothing lost, doubled or half-applied — asserted with jest's expect, so a failure names
 * the incident, track or notice. Returns what is on record, for the run's summary line.
 */
export async function expectRecordWhole(opts: { t: TestService; adminToken: string; answers: Answer[]; smtp: SmtpTestServer; twilio: TwilioStandIn }): Promise<{ incidents: number; notices: number; unknown: number }> {
  const { t, answers } = opts;
  // Nothing lost: every command answered 2xx is on record, for every track it addressed.
  for (const a of answers.filter((x) => typeof x.status === 'number' && x.status < 300)) {
    if (a.command === 'report') {
      expect({ incident: a.incidentId, stored: (await t.sql(`SELECT 1 FROM incidents WHERE id = $1`, [a.incidentId])).length }).toEqual({ incident: a.incidentId, stored: 1 });
    } else {
      const [row] = await t.sql(
        `SELECT count(*)::int AS tracks, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM audit_events e WHERE e.track_id = t.id AND e.type = $2))::int AS done
           FROM tracks t WHERE t.incident_id = $1`, [a.incidentId, `track.${a.command.toLowerCase()}`]);
      expect({ incident: a.incidentId, command: a.command, done: row.done }).toEqual({ incident: a.incidentId, command: a.command, done: row.tracks });
    }
  }
  // No 500 for anything: at worst a 503 "try again" while the database is away.
  expect(answers.filter((a) => typeof a.status === 'number' && a.status >= 500 && a.status !== 503)).toEqual([]);

  // Nothing half-applied: reference, tracks and their opening events; NOTIFY whole or absent.
  const incidents = await t.sql(`
    SELECT i.id, i.reference,
           (SELECT count(*)::int FROM tracks t WHERE t.incident_id = i.id) AS tracks,
           (SELECT count(*)::int FROM audit_events e WHERE e.incident_id = i.id AND e.type = 'incident.reported') AS reported,
           (SELECT count(*)::int FROM audit_events e WHERE e.incident_id = i.id AND e.type = 'track.opened') AS opened
      FROM incidents i`);
  expect(incidents.filter((i) => !/^DL-\d{4}-\d{4,}$/.test(i.reference) || i.tracks === 0 || i.reported !== 1 || i.opened !== i.tracks)).toEqual([]);
  // The counter and the incident commit together: a gap would be a lost incident.
  const numbers = incidents.map((i) => Number(i.reference.split('-')[2])).sort((x, y) => x - y);
  expect(numbers).toEqual(numbers.map((_, k) => k + 1));
  const tracks = await t.sql(`
    SELECT t.id, t.state,
           (SELECT count(*)::int FROM audit_events e WHERE e.track_id = t.id AND e.type = 'track.notify') AS notify,
           (SELECT count(*)::int FROM notice_versions v WHERE v.track_id = t.id) AS versions,
           (SELECT count(*)::int FROM notices n WHERE n.track_id = t.id AND n.reason = 'notice') AS notices,
           (SELECT coalesce(sum(1 + (c.mobile IS NOT NULL)::int), 0)::int FROM contacts c
             WHERE c.agreement_id = t.agreement_id AND c.receives_breach_notice) AS channels
      FROM tracks t`);
  expect(tracks.filter((tr) => tr.notify !== tr.versions || tr.notices !== tr.notify * tr.channels)).toEqual([]);
  const verify = await t.as(opts.adminToken).get('/api/admin/audit/verify');
  expect(verify.body).toMatchObject({ ok: true, broken: [] });

  // Nothing doubled, nothing stuck: counted on the providers' side.
  const notices = await t.sql(`SELECT * FROM notices`);
  const receipts = providerReceipts(opts.smtp, opts.twilio, t.service.tokens);
  const wrong = notices
    .map((n) => ({ id: n.id, status: n.status, receipts: receiptsOf(n, receipts), providerId: n.provider_id }))
    .filter((n) => !SETTLED.includes(n.status) || n.receipts.length > 1
      || (['sent', 'delivered'].includes(n.status) && (n.receipts.length !== 1 || n.receipts[0] !== n.providerId)));
  expect(wrong).toEqual([]);
  // An interrupted send is never resent blindly: it is unknown, and a person was told.
  const unknown = notices.filter((n) => n.status === 'unknown');
  const [unescalated] = await t.sql(
    `SELECT count(*)::int AS n FROM unnest($1::uuid[]) AS u(id)
      WHERE NOT EXISTS (SELECT 1 FROM alerts a WHERE a.kind = 'notice_unknown' AND a.dedupe_key LIKE 'notice_unknown:%:' || u.id || ':%' AND a.status = 'sent')`,
    [unknown.map((n) => n.id)],
  );
  expect(unescalated.n).toBe(0);
  expect([...receipts.alertEmail.values()].filter((count) => count > 1)).toEqual([]);
  return { incidents: incidents.length, notices: notices.length, unknown: unknown.length };
}
