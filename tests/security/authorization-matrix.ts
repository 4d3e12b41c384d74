/**
 * The authorization matrix: every route the app registers × every role × (where the route
 * reads or writes one controller's data) own / other controller → the status it must answer.
 *
 * authorization-matrix.test.ts turns each row into a test against one seeded service, and
 * fails when express registers a route that has no entry here: a new route needs its row.
 *
 * The fixture (see the test): one incident shared by Polderpeil and Zonnebloem, confirmed and
 * notified, so both controllers have a track; one incident that concerns Zonnebloem only. The
 * controller-side users are Polderpeil's (contact@ and fg@): "own" is Polderpeil's incident,
 * track, contact or agreement, "other" is Zonnebloem's.
 *
 * Requests are cheap and harmless, and do not depend on the order the rows run in: reads are
 * plain reads; a write sends a body that the route refuses after authorization (an empty
 * body → 422, or an event the state does not take → 409), so a 422/409 proves the caller got
 * past the role and scope checks. Where a route validates the body before it looks up the
 * record (the DPO's routes), the body is valid, so that "other" really meets the scope check.
 *
 * Roles: anonymous (no token / no session cookie), support, admin (processor side), controller
 * and dpo (controller side, bound to Polderpeil). API rows send a bearer token, page rows the
 * session cookie with a valid CSRF token (CSRF itself: csrf.test.ts).
 */

export const ROLES = ['anonymous', 'support', 'admin', 'controller', 'dpo'] as const;
export type MatrixRole = (typeof ROLES)[number];
export type Scope = 'own' | 'other';

/** What the generator knows of the seeded world. */
export interface Fixture {
  sharedIncident: string;
  /** An incident that concerns Zonnebloem only. */
  otherIncident: string;
  ownTrack: string;
  otherTrack: string;
  ownContact: string;
  otherContact: string;
  ownController: string;
  otherController: string;
  ownAgreement: string;
  /** A valid acknowledgement link of the Polderpeil track; and one with a flipped MAC byte. */
  ackToken: string;
  tamperedAckToken: string;
  /** Twilio's signature over a callback for an unknown message (the route holds it, 202, when signed). */
  twilioSignature: string;
  twilioParams: Record<string, string>;
  /** Polderpeil's incident and track confirmed but not yet notified, and its summary (see BEFORE_NOTICE). */
  pendingIncident: string;
  pendingTrack: string;
  pendingSummary: string;
  /** A request body that is valid for the DPO routes. */
  bodies: { assessment: object; riskCriteria: object; apReport: () => object };
}

export interface MatrixRequest {
  path: string;
  /** JSON body (API) or form fields (pages). */
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** Send the body as application/x-www-form-urlencoded (a page form or Twilio's callback). */
  form?: boolean;
}

type Expect = number | readonly number[];
/** Per role; a scoped role gives own and other. */
type Expectations = Record<MatrixRole, Expect | { own: Expect; other: Expect }>;

export interface RouteEntry {
  /** "METHOD /express/path" exactly as express registers it. */
  route: string;
  kind: 'api' | 'page';
  /** Which roles get own/other rows: the controller side, or every role (signed public links). */
  scoped?: 'controller-side' | 'all';
  request: (fx: Fixture, scope: Scope) => MatrixRequest;
  expect: Expectations;
  /** The route ends the caller's session(s): the test sends it from a fresh login and logs the role in again after. */
  endsSession?: true;
}

export interface MatrixRow {
  route: string;
  endsSession?: true;
  kind: 'api' | 'page';
  role: MatrixRole;
  scope: Scope | null;
  expected: readonly number[];
  request: (fx: Fixture) => MatrixRequest;
}

const incidentOf = (fx: Fixture, s: Scope) => (s === 'own' ? fx.sharedIncident : fx.otherIncident);
const trackOf = (fx: Fixture, s: Scope) => (s === 'own' ? fx.ownTrack : fx.otherTrack);
const contactOf = (fx: Fixture, s: Scope) => (s === 'own' ? fx.ownContact : fx.otherContact);
const controllerOf = (fx: Fixture, s: Scope) => (s === 'own' ? fx.ownController : fx.otherController);
const ackOf = (fx: Fixture, s: Scope) => (s === 'own' ? fx.ackToken : fx.tamperedAckToken);
/** Incident and track of the same controller (the shared incident carries both tracks). */
const incidentTrack = (fx: Fixture, s: Scope) => `/incidents/${fx.sharedIncident}/tracks/${trackOf(fx, s)}`;

/** Shorthands for the common patterns. */
const everyone = (status: Expect): Expectations => ({ anonymous: status, support: status, admin: status, controller: status, dpo: status });
const signedIn = (status: Expect, anonymous: Expect = 401): Expectations => ({ anonymous, support: status, admin: status, controller: status, dpo: status });
const processorOnly = (status: Expect, anonymous: Expect = 401): Expectations => ({ anonymous, support: status, admin: status, controller: 403, dpo: 403 });
const adminOnly = (status: Expect, anonymous: Expect = 401): Expectations => ({ anonymous, support: 403, admin: status, controller: 403, dpo: 403 });
/** Everybody signed in; the controller side only for its own controller (else 404). */
const ownOnly = (status: Expect, anonymous: Expect = 401): Expectations => ({
  anonymous, support: status, admin: status, controller: { own: status, other: 404 }, dpo: { own: status, other: 404 },
});
/** Processor side and the controller's DPO (own only); the contact is refused. */
const dpoAndProcessor = (status: Expect, anonymous: Expect = 401): Expectations => ({
  anonymous, support: status, admin: status, controller: 403, dpo: { own: status, other: 404 },
});
/** The DPO only, own controller only. */
const dpoOnly = (status: Expect, anonymous: Expect = 401): Expectations => ({
  anonymous, support: 403, admin: 403, controller: 403, dpo: { own: status, other: 404 },
});
/** A public, signed link: a valid one works for anyone, an altered one is unknown. */
const signedLink = (valid: Expect, altered: Expect): Expectations => {
  const e = { own: valid, other: altered };
  return { anonymous: e, support: e, admin: e, controller: e, dpo: e };
};

/** Ids that name nothing: the user routes answer 404 (or 422 for a bad body) past the role check, touching nobody. */
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000016';
const UNKNOWN_RESET_TOKEN = 'A'.repeat(43);

// Pages: no session → 303 to the login page.
const LOGIN = 303;

export const ROUTES: RouteEntry[] = [
  // ---------------------------------------------------------------- health, docs (public)
  { route: 'GET /healthz', kind: 'api', request: () => ({ path: '/healthz' }), expect: everyone(200) },
  // No worker runs in the matrix's service: readiness may rightly say 503 once a queued job waited a minute.
  { route: 'GET /readyz', kind: 'api', request: () => ({ path: '/readyz' }), expect: everyone([200, 503]) },
  // Not served without METRICS_TOKEN (here); with one, only to its bearer (observability.test.ts).
  { route: 'GET /metrics', kind: 'api', request: () => ({ path: '/metrics' }), expect: everyone(404) },
  { route: 'GET /api/openapi.json', kind: 'api', request: () => ({ path: '/api/openapi.json' }), expect: everyone(200) },
  { route: 'GET /api/docs', kind: 'api', request: () => ({ path: '/api/docs' }), expect: everyone(200) },

  // ---------------------------------------------------------------- signed public routes
  {
    route: 'POST /api/twilio/status', kind: 'api', scoped: 'all',
    // own: signed by Twilio (an unknown message → held, 202); other: the same callback unsigned → 403.
    request: (fx, s) => ({ path: '/api/twilio/status', form: true, body: fx.twilioParams, headers: s === 'own' ? { 'x-twilio-signature': fx.twilioSignature } : {} }),
    expect: signedLink(202, 403),
  },
  { route: 'GET /ack/:token', kind: 'page', scoped: 'all', request: (fx, s) => ({ path: `/ack/${ackOf(fx, s)}` }), expect: signedLink(200, 404) },
  { route: 'POST /ack/:token', kind: 'page', scoped: 'all', request: (fx, s) => ({ path: `/ack/${ackOf(fx, s)}`, body: {} }), expect: signedLink(200, 404) },
  { route: 'GET /api/ack/:token', kind: 'api', scoped: 'all', request: (fx, s) => ({ path: `/api/ack/${ackOf(fx, s)}` }), expect: signedLink(200, 404) },
  { route: 'POST /api/ack/:token', kind: 'api', scoped: 'all', request: (fx, s) => ({ path: `/api/ack/${ackOf(fx, s)}`, body: {} }), expect: signedLink(200, 404) },

  // ---------------------------------------------------------------- API: log in, directory
  { route: 'POST /api/auth/login', kind: 'api', request: () => ({ path: '/api/auth/login', body: {} }), expect: everyone(422) },
  { route: 'POST /api/auth/password-reset', kind: 'api', request: () => ({ path: '/api/auth/password-reset', body: {} }), expect: everyone(422) },
  { route: 'POST /api/auth/password-reset/complete', kind: 'api', request: () => ({ path: '/api/auth/password-reset/complete', body: {} }), expect: everyone(422) },
  { route: 'POST /api/auth/logout', kind: 'api', endsSession: true, request: () => ({ path: '/api/auth/logout' }), expect: signedIn(204) },
  { route: 'POST /api/auth/logout-everywhere', kind: 'api', endsSession: true, request: () => ({ path: '/api/auth/logout-everywhere' }), expect: signedIn(204) },
  { route: 'POST /api/auth/password', kind: 'api', request: () => ({ path: '/api/auth/password', body: {} }), expect: signedIn(422) },
  { route: 'POST /api/auth/totp', kind: 'api', request: () => ({ path: '/api/auth/totp' }), expect: processorOnly(200) },
  { route: 'POST /api/auth/totp/confirm', kind: 'api', request: () => ({ path: '/api/auth/totp/confirm', body: {} }), expect: processorOnly(422) },
  { route: 'GET /api/controllers', kind: 'api', request: () => ({ path: '/api/controllers' }), expect: signedIn(200) },
  { route: 'GET /api/outbox', kind: 'api', request: () => ({ path: '/api/outbox' }), expect: processorOnly(200) },

  // ---------------------------------------------------------------- API: the client directory (issue 15)
  // Deactivations name an unknown record: 404 for the admin proves the role check passed, and nothing changes.
  { route: 'POST /api/controllers', kind: 'api', request: () => ({ path: '/api/controllers', body: {} }), expect: adminOnly(422) },
  // No file: 422 naming "file" once past the role check.
  { route: 'POST /api/controllers/import', kind: 'api', request: () => ({ path: '/api/controllers/import?dryRun=true', body: {} }), expect: adminOnly(422) },
  { route: 'GET /api/controllers/:id', kind: 'api', scoped: 'controller-side', request: (fx, s) => ({ path: `/api/controllers/${controllerOf(fx, s)}` }), expect: ownOnly(200) },
  { route: 'PATCH /api/controllers/:id', kind: 'api', request: (fx) => ({ path: `/api/controllers/${fx.ownController}`, body: {} }), expect: adminOnly(422) },
  { route: 'POST /api/controllers/:id/deactivate', kind: 'api', request: () => ({ path: `/api/controllers/${UNKNOWN_ID}/deactivate`, body: {} }), expect: adminOnly(404) },
  { route: 'GET /api/agreements', kind: 'api', request: () => ({ path: '/api/agreements' }), expect: signedIn(200) },
  { route: 'POST /api/agreements', kind: 'api', request: () => ({ path: '/api/agreements', body: {} }), expect: adminOnly(422) },
  { route: 'GET /api/agreements/:id', kind: 'api', request: (fx) => ({ path: `/api/agreements/${fx.ownAgreement}` }), expect: signedIn(200) },
  { route: 'PATCH /api/agreements/:id', kind: 'api', request: (fx) => ({ path: `/api/agreements/${fx.ownAgreement}`, body: {} }), expect: adminOnly(422) },
  { route: 'POST /api/agreements/:id/deactivate', kind: 'api', request: () => ({ path: `/api/agreements/${UNKNOWN_ID}/deactivate`, body: {} }), expect: adminOnly(404) },
  { route: 'GET /api/agreement-templates', kind: 'api', request: () => ({ path: '/api/agreement-templates' }), expect: processorOnly(200) },
  { route: 'POST /api/agreement-templates', kind: 'api', request: () => ({ path: '/api/agreement-templates', body: {} }), expect: adminOnly(422) },
  { route: 'POST /api/agreement-templates/:id/preview', kind: 'api', request: () => ({ path: `/api/agreement-templates/${UNKNOWN_ID}/preview`, body: {} }), expect: adminOnly(422) },
  { route: 'PATCH /api/agreement-templates/:id', kind: 'api', request: () => ({ path: `/api/agreement-templates/${UNKNOWN_ID}`, body: {} }), expect: adminOnly(422) },
  { route: 'GET /api/contacts', kind: 'api', request: () => ({ path: '/api/contacts' }), expect: signedIn(200) },
  { route: 'POST /api/contacts', kind: 'api', request: () => ({ path: '/api/contacts', body: {} }), expect: adminOnly(422) },
  { route: 'GET /api/contacts/:id', kind: 'api', scoped: 'controller-side', request: (fx, s) => ({ path: `/api/contacts/${contactOf(fx, s)}` }), expect: ownOnly(200) },
  { route: 'PATCH /api/contacts/:id', kind: 'api', request: (fx) => ({ path: `/api/contacts/${fx.ownContact}`, body: {} }), expect: adminOnly(422) },
  { route: 'POST /api/contacts/:id/deactivate', kind: 'api', request: () => ({ path: `/api/contacts/${UNKNOWN_ID}/deactivate`, body: {} }), expect: adminOnly(404) },

  // ---------------------------------------------------------------- API: incidents
  { route: 'POST /api/incidents', kind: 'api', request: () => ({ path: '/api/incidents', body: {} }), expect: processorOnly(422) },
  { route: 'GET /api/incidents', kind: 'api', request: () => ({ path: '/api/incidents' }), expect: signedIn(200) },
  { route: 'GET /api/incidents/:id', kind: 'api', scoped: 'controller-side', request: (fx, s) => ({ path: `/api/incidents/${incidentOf(fx, s)}` }), expect: ownOnly(200) },
  {
    route: 'PATCH /api/incidents/:id', kind: 'api', scoped: 'controller-side',
    request: (fx, s) => ({ path: `/api/incidents/${incidentOf(fx, s)}`, body: {} }),
    expect: { anonymous: 401, support: 422, admin: 422, controller: { own: 403, other: 403 }, dpo: { own: 403, other: 403 } },
  },
  {
    // TRIAGE on a notified incident: the state does not take it.
    route: 'POST /api/incidents/:id/events', kind: 'api', scoped: 'controller-side',
    request: (fx, s) => ({ path: `/api/incidents/${incidentOf(fx, s)}/events`, body: { type: 'TRIAGE' } }),
    expect: { anonymous: 401, support: 409, admin: 409, controller: { own: 403, other: 403 }, dpo: { own: 403, other: 403 } },
  },
  { route: 'GET /api/incidents/:id/audit', kind: 'api', scoped: 'controller-side', request: (fx, s) => ({ path: `/api/incidents/${incidentOf(fx, s)}/audit` }), expect: ownOnly(200) },

  // ---------------------------------------------------------------- API: the DPO's records
  {
    route: 'POST /api/tracks/:id/assessment', kind: 'api', scoped: 'controller-side',
    request: (fx, s) => ({ path: `/api/tracks/${trackOf(fx, s)}/assessment`, body: fx.bodies.assessment as Record<string, unknown> }),
    expect: dpoOnly(200),
  },
  { route: 'GET /api/tracks/:id/risk-assessment', kind: 'api', scoped: 'controller-side', request: (fx, s) => ({ path: `/api/tracks/${trackOf(fx, s)}/risk-assessment` }), expect: dpoAndProcessor(200) },
  {
    route: 'POST /api/tracks/:id/risk-assessment', kind: 'api', scoped: 'controller-side',
    request: (fx, s) => ({ path: `/api/tracks/${trackOf(fx, s)}/risk-assessment`, body: fx.bodies.riskCriteria as Record<string, unknown> }),
    expect: dpoOnly(201),
  },
  {
    // A supplement to an AP report that was never made: refused by the state (409) after the scope check.
    route: 'POST /api/tracks/:id/ap-reports', kind: 'api', scoped: 'controller-side',
    request: (fx, s) => ({ path: `/api/tracks/${trackOf(fx, s)}/ap-reports`, body: fx.bodies.apReport() as Record<string, unknown> }),
    expect: dpoOnly(409),
  },
  { route: 'GET /api/tracks/:id/ap-sheet', kind: 'api', scoped: 'controller-side', request: (fx, s) => ({ path: `/api/tracks/${trackOf(fx, s)}/ap-sheet` }), expect: dpoAndProcessor(200) },
  {
    // No decision to inform the data subjects on the fixture: 409 for those who may see the track.
    route: 'GET /api/tracks/:id/data-subject-draft', kind: 'api', scoped: 'controller-side',
    request: (fx, s) => ({ path: `/api/tracks/${trackOf(fx, s)}/data-subject-draft` }), expect: dpoAndProcessor(409),
  },
  { route: 'GET /api/tracks/:id/proof', kind: 'api', scoped: 'controller-side', request: (fx, s) => ({ path: `/api/tracks/${trackOf(fx, s)}/proof` }), expect: ownOnly(200) },

  // ---------------------------------------------------------------- API: the register (filtered for the controller side)
  { route: 'GET /api/register', kind: 'api', request: () => ({ path: '/api/register' }), expect: signedIn(200) },
  { route: 'GET /api/register.csv', kind: 'api', request: () => ({ path: '/api/register.csv' }), expect: signedIn(200) },
  { route: 'GET /api/register.json', kind: 'api', request: () => ({ path: '/api/register.json' }), expect: signedIn(200) },

  // ---------------------------------------------------------------- API: admin
  { route: 'GET /api/admin/audit/verify', kind: 'api', request: () => ({ path: '/api/admin/audit/verify' }), expect: adminOnly(200) },
  { route: 'PUT /api/admin/agreements/:id/contract-end', kind: 'api', request: (fx) => ({ path: `/api/admin/agreements/${fx.ownAgreement}/contract-end`, body: {} }), expect: adminOnly(422) },
  // Without apply: lists what is due, erases nothing.
  { route: 'POST /api/admin/retention/check', kind: 'api', request: () => ({ path: '/api/admin/retention/check', body: {} }), expect: adminOnly(200) },
  { route: 'POST /api/admin/webhooks', kind: 'api', request: () => ({ path: '/api/admin/webhooks', body: {} }), expect: adminOnly(422) },
  { route: 'GET /api/admin/webhooks', kind: 'api', request: () => ({ path: '/api/admin/webhooks' }), expect: adminOnly(200) },
  { route: 'GET /api/admin/users', kind: 'api', request: () => ({ path: '/api/admin/users' }), expect: adminOnly(200) },
  { route: 'POST /api/admin/users', kind: 'api', request: () => ({ path: '/api/admin/users', body: {} }), expect: adminOnly(422) },
  { route: 'PATCH /api/admin/users/:id', kind: 'api', request: () => ({ path: `/api/admin/users/${UNKNOWN_ID}`, body: {} }), expect: adminOnly(422) },
  // An unknown user: the admin gets past the role check to the 404; nobody is mailed or unlocked.
  { route: 'POST /api/admin/users/:id/password-reset', kind: 'api', request: () => ({ path: `/api/admin/users/${UNKNOWN_ID}/password-reset` }), expect: adminOnly(404) },
  { route: 'POST /api/admin/users/:id/unlock', kind: 'api', request: () => ({ path: `/api/admin/users/${UNKNOWN_ID}/unlock` }), expect: adminOnly(404) },
  // An unknown webhook: past the role check, the body is refused (422) or there is nothing to delete (404).
  { route: 'PATCH /api/admin/webhooks/:id', kind: 'api', request: () => ({ path: '/api/admin/webhooks/00000000-0000-4000-8000-000000000000', body: {} }), expect: adminOnly(422) },
  { route: 'DELETE /api/admin/webhooks/:id', kind: 'api', request: () => ({ path: '/api/admin/webhooks/00000000-0000-4000-8000-000000000000' }), expect: adminOnly(404) },
  { route: 'POST /api/admin/users/:id/totp-reset', kind: 'api', request: () => ({ path: `/api/admin/users/${UNKNOWN_ID}/totp-reset` }), expect: adminOnly(404) },
  { route: 'POST /api/agreements/import', kind: 'api', request: () => ({ path: '/api/agreements/import', body: {} }), expect: adminOnly(422) },
  { route: 'POST /api/controllers/:id/agreement', kind: 'api', request: (fx) => ({ path: `/api/controllers/${fx.ownController}/agreement`, body: {} }), expect: adminOnly(422) },

  // ---------------------------------------------------------------- pages: session
  { route: 'GET /', kind: 'page', request: () => ({ path: '/' }), expect: everyone(303) },
  { route: 'GET /login', kind: 'page', request: () => ({ path: '/login' }), expect: signedIn(303, 200) },
  { route: 'POST /login', kind: 'page', request: () => ({ path: '/login', body: {} }), expect: everyone(422) },
  { route: 'POST /logout', kind: 'page', endsSession: true, request: () => ({ path: '/logout', body: {} }), expect: everyone(303) },
  { route: 'POST /logout-everywhere', kind: 'page', endsSession: true, request: () => ({ path: '/logout-everywhere', body: {} }), expect: signedIn(303, LOGIN) },
  { route: 'GET /account', kind: 'page', request: () => ({ path: '/account' }), expect: signedIn(200, LOGIN) },
  { route: 'POST /account/password', kind: 'page', request: () => ({ path: '/account/password', body: {} }), expect: signedIn(422, LOGIN) },
  { route: 'GET /password-reset', kind: 'page', request: () => ({ path: '/password-reset' }), expect: everyone(200) },
  { route: 'POST /password-reset', kind: 'page', request: () => ({ path: '/password-reset', body: {} }), expect: everyone(422) },
  { route: 'GET /password-reset/:token', kind: 'page', request: () => ({ path: `/password-reset/${UNKNOWN_RESET_TOKEN}` }), expect: everyone(404) },
  { route: 'POST /password-reset/:token', kind: 'page', request: () => ({ path: `/password-reset/${UNKNOWN_RESET_TOKEN}`, body: {} }), expect: everyone(422) },
  { route: 'GET /language/:lang', kind: 'page', request: () => ({ path: '/language/en?back=/' }), expect: everyone(303) },
  { route: 'GET /dashboard', kind: 'page', request: () => ({ path: '/dashboard' }), expect: signedIn(200, LOGIN) },

  // ---------------------------------------------------------------- pages: incidents (processor acts, controller side reads its own)
  { route: 'GET /incidents/new', kind: 'page', request: () => ({ path: '/incidents/new' }), expect: processorOnly(200, LOGIN) },
  { route: 'POST /incidents/new', kind: 'page', request: () => ({ path: '/incidents/new', body: {} }), expect: processorOnly(422, LOGIN) },
  { route: 'GET /incidents/:id', kind: 'page', scoped: 'controller-side', request: (fx, s) => ({ path: `/incidents/${incidentOf(fx, s)}` }), expect: ownOnly(200, LOGIN) },
  {
    route: 'GET /incidents/:id/edit', kind: 'page', scoped: 'controller-side', request: (fx, s) => ({ path: `/incidents/${incidentOf(fx, s)}/edit` }),
    expect: { anonymous: LOGIN, support: 200, admin: 200, controller: { own: 403, other: 403 }, dpo: { own: 403, other: 403 } },
  },
  {
    route: 'POST /incidents/:id/edit', kind: 'page', scoped: 'controller-side', request: (fx, s) => ({ path: `/incidents/${incidentOf(fx, s)}/edit`, body: {} }),
    expect: { anonymous: LOGIN, support: 422, admin: 422, controller: { own: 403, other: 403 }, dpo: { own: 403, other: 403 } },
  },
  {
    route: 'POST /incidents/:id/events', kind: 'page', scoped: 'controller-side', request: (fx, s) => ({ path: `/incidents/${incidentOf(fx, s)}/events`, body: { type: 'TRIAGE' } }),
    expect: { anonymous: LOGIN, support: 409, admin: 409, controller: { own: 403, other: 403 }, dpo: { own: 403, other: 403 } },
  },
  {
    route: 'GET /incidents/:id/tracks/:trackId/notice', kind: 'page', scoped: 'controller-side', request: (fx, s) => ({ path: `${incidentTrack(fx, s)}/notice` }),
    expect: { anonymous: LOGIN, support: 200, admin: 200, controller: { own: 403, other: 403 }, dpo: { own: 403, other: 403 } },
  },
  {
    route: 'GET /incidents/:id/tracks/:trackId/notice/email/:contactId', kind: 'page', scoped: 'controller-side',
    request: (fx, s) => ({ path: `${incidentTrack(fx, s)}/notice/email/${contactOf(fx, s)}` }),
    expect: { anonymous: LOGIN, support: 200, admin: 200, controller: { own: 403, other: 403 }, dpo: { own: 403, other: 403 } },
  },
  {
    route: 'POST /incidents/:id/tracks/:trackId/notice', kind: 'page', scoped: 'controller-side', request: (fx, s) => ({ path: `${incidentTrack(fx, s)}/notice`, body: {} }),
    expect: { anonymous: LOGIN, support: 422, admin: 422, controller: { own: 403, other: 403 }, dpo: { own: 403, other: 403 } },
  },
  {
    route: 'POST /incidents/:id/bulk', kind: 'page', scoped: 'controller-side', request: (fx, s) => ({ path: `/incidents/${incidentOf(fx, s)}/bulk`, body: {} }),
    expect: { anonymous: LOGIN, support: 422, admin: 422, controller: { own: 403, other: 403 }, dpo: { own: 403, other: 403 } },
  },
  {
    route: 'POST /incidents/:id/notice', kind: 'page', scoped: 'controller-side', request: (fx, s) => ({ path: `/incidents/${incidentOf(fx, s)}/notice`, body: {} }),
    expect: { anonymous: LOGIN, support: 422, admin: 422, controller: { own: 403, other: 403 }, dpo: { own: 403, other: 403 } },
  },
  { route: 'GET /outbox', kind: 'page', request: () => ({ path: '/outbox' }), expect: processorOnly(200, LOGIN) },

  // ---------------------------------------------------------------- pages: the DPO's decision
  {
    route: 'GET /tracks/:id/assessment', kind: 'page', scoped: 'controller-side', request: (fx, s) => ({ path: `/tracks/${trackOf(fx, s)}/assessment` }),
    expect: { anonymous: LOGIN, support: 403, admin: 403, controller: { own: 403, other: 403 }, dpo: { own: 200, other: 404 } },
  },
  {
    route: 'POST /tracks/:id/assessment', kind: 'page', scoped: 'controller-side', request: (fx, s) => ({ path: `/tracks/${trackOf(fx, s)}/assessment`, body: {} }),
    expect: { anonymous: LOGIN, support: 403, admin: 403, controller: { own: 403, other: 403 }, dpo: { own: 422, other: 404 } },
  },

  // ---------------------------------------------------------------- pages: the DPO's risk assessment, AP follow-up, register
  {
    route: 'GET /tracks/:id/risk-assessment', kind: 'page', scoped: 'controller-side', request: (fx, s) => ({ path: `/tracks/${trackOf(fx, s)}/risk-assessment` }),
    expect: { anonymous: LOGIN, support: 403, admin: 403, controller: { own: 403, other: 403 }, dpo: { own: 200, other: 404 } },
  },
  {
    route: 'POST /tracks/:id/risk-assessment', kind: 'page', scoped: 'controller-side', request: (fx, s) => ({ path: `/tracks/${trackOf(fx, s)}/risk-assessment`, body: {} }),
    expect: { anonymous: LOGIN, support: 403, admin: 403, controller: { own: 403, other: 403 }, dpo: { own: 422, other: 404 } },
  },
  {
    route: 'POST /tracks/:id/ap-reports', kind: 'page', scoped: 'controller-side', request: (fx, s) => ({ path: `/tracks/${trackOf(fx, s)}/ap-reports`, body: {} }),
    expect: { anonymous: LOGIN, support: 403, admin: 403, controller: { own: 403, other: 403 }, dpo: { own: [422, 409], other: 404 } },
  },
  { route: 'GET /tracks/:id/ap-sheet', kind: 'page', scoped: 'controller-side', request: (fx, s) => ({ path: `/tracks/${trackOf(fx, s)}/ap-sheet` }), expect: dpoAndProcessor(200, LOGIN) },
  {
    route: 'GET /tracks/:id/data-subject-draft', kind: 'page', scoped: 'controller-side', request: (fx, s) => ({ path: `/tracks/${trackOf(fx, s)}/data-subject-draft` }),
    // 409 until the decision is to inform the data subjects.
    expect: dpoAndProcessor([200, 409], LOGIN),
  },
  { route: 'GET /tracks/:id/proof', kind: 'page', scoped: 'controller-side', request: (fx, s) => ({ path: `/tracks/${trackOf(fx, s)}/proof` }), expect: ownOnly(200, LOGIN) },
  { route: 'GET /register', kind: 'page', request: () => ({ path: '/register' }), expect: signedIn(200, LOGIN) },
  { route: 'GET /register.csv', kind: 'page', request: () => ({ path: '/register.csv' }), expect: signedIn(200, LOGIN) },
  { route: 'GET /register.json', kind: 'page', request: () => ({ path: '/register.json' }), expect: signedIn(200, LOGIN) },

  // ---------------------------------------------------------------- pages: admin
  { route: 'GET /admin/users', kind: 'page', request: () => ({ path: '/admin/users' }), expect: adminOnly(200, LOGIN) },
  { route: 'POST /admin/users', kind: 'page', request: () => ({ path: '/admin/users', body: {} }), expect: adminOnly(422, LOGIN) },
  { route: 'GET /admin/users/:id', kind: 'page', request: () => ({ path: `/admin/users/${UNKNOWN_ID}` }), expect: adminOnly(404, LOGIN) },
  { route: 'POST /admin/users/:id', kind: 'page', request: () => ({ path: `/admin/users/${UNKNOWN_ID}`, body: {} }), expect: adminOnly(404, LOGIN) },
  { route: 'POST /admin/users/:id/reset', kind: 'page', request: () => ({ path: `/admin/users/${UNKNOWN_ID}/reset`, body: {} }), expect: adminOnly(404, LOGIN) },
  { route: 'POST /admin/users/:id/unlock', kind: 'page', request: () => ({ path: `/admin/users/${UNKNOWN_ID}/unlock`, body: {} }), expect: adminOnly(404, LOGIN) },
  { route: 'GET /admin/webhooks', kind: 'page', request: () => ({ path: '/admin/webhooks' }), expect: adminOnly(200, LOGIN) },
  // An unknown webhook: past the role check, a missing choice is refused (422) or there is nothing to delete (404).
  { route: 'POST /admin/webhooks/:id/active', kind: 'page', request: () => ({ path: '/admin/webhooks/00000000-0000-4000-8000-000000000000/active', body: {} }), expect: adminOnly(422, LOGIN) },
  { route: 'POST /admin/webhooks/:id/delete', kind: 'page', request: () => ({ path: '/admin/webhooks/00000000-0000-4000-8000-000000000000/delete', body: {} }), expect: adminOnly(404, LOGIN) },
  { route: 'GET /admin/controllers', kind: 'page', request: () => ({ path: '/admin/controllers' }), expect: adminOnly(200, LOGIN) },
  { route: 'GET /admin/controllers/import', kind: 'page', request: () => ({ path: '/admin/controllers/import' }), expect: adminOnly(200, LOGIN) },
  { route: 'POST /admin/controllers/import', kind: 'page', request: () => ({ path: '/admin/controllers/import', body: {} }), expect: adminOnly(422, LOGIN) },
  { route: 'GET /admin/controllers/new', kind: 'page', request: () => ({ path: '/admin/controllers/new' }), expect: adminOnly(200, LOGIN) },
  { route: 'POST /admin/controllers/new', kind: 'page', request: () => ({ path: '/admin/controllers/new', body: {} }), expect: adminOnly(422, LOGIN) },
  { route: 'GET /admin/controllers/:id/agreement/import', kind: 'page', request: (fx) => ({ path: `/admin/controllers/${fx.ownController}/agreement/import` }), expect: adminOnly(200, LOGIN) },
  { route: 'POST /admin/controllers/:id/agreement/import', kind: 'page', request: (fx) => ({ path: `/admin/controllers/${fx.ownController}/agreement/import`, body: {} }), expect: adminOnly(422, LOGIN) },
  { route: 'POST /admin/controllers/:id/agreement', kind: 'page', request: (fx) => ({ path: `/admin/controllers/${fx.ownController}/agreement`, body: {} }), expect: adminOnly(422, LOGIN) },
  { route: 'GET /admin/controllers/:id', kind: 'page', request: (fx) => ({ path: `/admin/controllers/${fx.ownController}` }), expect: adminOnly(200, LOGIN) },
  { route: 'POST /admin/controllers/:id', kind: 'page', request: (fx) => ({ path: `/admin/controllers/${fx.ownController}`, body: {} }), expect: adminOnly(422, LOGIN) },
  {
    route: 'GET /admin/controllers/:id/contacts/:contactId', kind: 'page',
    request: (fx) => ({ path: `/admin/controllers/${controllerOf(fx, 'own')}/contacts/${fx.ownContact}` }), expect: adminOnly(200, LOGIN),
  },
  {
    route: 'POST /admin/controllers/:id/contacts/:contactId', kind: 'page',
    request: (fx) => ({ path: `/admin/controllers/${controllerOf(fx, 'own')}/contacts/${fx.ownContact}`, body: {} }), expect: adminOnly(422, LOGIN),
  },
];

/** The entries expanded into one row per route × role (× scope). */
export function matrixRows(): MatrixRow[] {
  return ROUTES.flatMap((entry) =>
    ROLES.flatMap((role): MatrixRow[] => {
      const e = entry.expect[role];
      const scoped = entry.scoped === 'all' || (entry.scoped === 'controller-side' && (role === 'controller' || role === 'dpo'));
      const list = (x: Expect) => (typeof x === 'number' ? [x] : x);
      if (!scoped) {
        if (typeof e === 'object' && !Array.isArray(e)) throw new Error(`${entry.route} ${role}: own/other given for an unscoped role`);
        return [{ route: entry.route, endsSession: entry.endsSession, kind: entry.kind, role, scope: null, expected: list(e as Expect), request: (fx) => entry.request(fx, 'own') }];
      }
      const both = typeof e === 'object' && !Array.isArray(e) ? (e as { own: Expect; other: Expect }) : { own: e as Expect, other: e as Expect };
      return (['own', 'other'] as const).map((scope) => ({
        route: entry.route, kind: entry.kind, role, scope, expected: list(both[scope]), request: (fx: Fixture) => entry.request(fx, scope),
      }));
    }),
  );
}

// ---------------------------------------------------------------------------------------
// Before the notice (DESIGN.md, "Who sees what")

/**
 * The controller side's view of a track before its notice: the fixture's `pendingTrack` is
 * Polderpeil's, confirmed by support but not notified. Every route that reads one track answers
 * as for a track that does not exist (404; 403 where the role may not use the route at all);
 * every list, register and export leaves it out (`absent`: 200 without its summary).
 */
export interface BeforeNoticeRow {
  route: string;
  kind: 'api' | 'page';
  request: (fx: Fixture) => MatrixRequest;
  expect: { controller: number; dpo: number };
  absent?: true;
}

const pendingTrackPath = (fx: Fixture, suffix: string) => `/tracks/${fx.pendingTrack}/${suffix}`;

export const BEFORE_NOTICE: BeforeNoticeRow[] = [
  { route: 'GET /api/incidents', kind: 'api', request: () => ({ path: '/api/incidents' }), expect: { controller: 200, dpo: 200 }, absent: true },
  { route: 'GET /api/incidents/:id', kind: 'api', request: (fx) => ({ path: `/api/incidents/${fx.pendingIncident}` }), expect: { controller: 404, dpo: 404 } },
  { route: 'GET /api/incidents/:id/audit', kind: 'api', request: (fx) => ({ path: `/api/incidents/${fx.pendingIncident}/audit` }), expect: { controller: 404, dpo: 404 } },
  { route: 'GET /api/tracks/:id/proof', kind: 'api', request: (fx) => ({ path: `/api${pendingTrackPath(fx, 'proof')}` }), expect: { controller: 404, dpo: 404 } },
  { route: 'GET /api/tracks/:id/ap-sheet', kind: 'api', request: (fx) => ({ path: `/api${pendingTrackPath(fx, 'ap-sheet')}` }), expect: { controller: 403, dpo: 404 } },
  { route: 'GET /api/tracks/:id/risk-assessment', kind: 'api', request: (fx) => ({ path: `/api${pendingTrackPath(fx, 'risk-assessment')}` }), expect: { controller: 403, dpo: 404 } },
  { route: 'GET /api/tracks/:id/data-subject-draft', kind: 'api', request: (fx) => ({ path: `/api${pendingTrackPath(fx, 'data-subject-draft')}` }), expect: { controller: 403, dpo: 404 } },
  {
    route: 'POST /api/tracks/:id/assessment', kind: 'api',
    request: (fx) => ({ path: `/api${pendingTrackPath(fx, 'assessment')}`, body: fx.bodies.assessment as Record<string, unknown> }),
    expect: { controller: 403, dpo: 404 },
  },
  { route: 'GET /api/register', kind: 'api', request: () => ({ path: '/api/register' }), expect: { controller: 200, dpo: 200 }, absent: true },
  { route: 'GET /api/register.csv', kind: 'api', request: () => ({ path: '/api/register.csv' }), expect: { controller: 200, dpo: 200 }, absent: true },
  { route: 'GET /api/register.json', kind: 'api', request: () => ({ path: '/api/register.json' }), expect: { controller: 200, dpo: 200 }, absent: true },
  { route: 'GET /dashboard', kind: 'page', request: () => ({ path: '/dashboard' }), expect: { controller: 200, dpo: 200 }, absent: true },
  { route: 'GET /incidents/:id', kind: 'page', request: (fx) => ({ path: `/incidents/${fx.pendingIncident}` }), expect: { controller: 404, dpo: 404 } },
  { route: 'GET /tracks/:id/assessment', kind: 'page', request: (fx) => ({ path: pendingTrackPath(fx, 'assessment') }), expect: { controller: 403, dpo: 404 } },
  { route: 'GET /tracks/:id/risk-assessment', kind: 'page', request: (fx) => ({ path: pendingTrackPath(fx, 'risk-assessment') }), expect: { controller: 403, dpo: 404 } },
  { route: 'GET /tracks/:id/ap-sheet', kind: 'page', request: (fx) => ({ path: pendingTrackPath(fx, 'ap-sheet') }), expect: { controller: 403, dpo: 404 } },
  { route: 'GET /tracks/:id/data-subject-draft', kind: 'page', request: (fx) => ({ path: pendingTrackPath(fx, 'data-subject-draft') }), expect: { controller: 403, dpo: 404 } },
  { route: 'GET /tracks/:id/proof', kind: 'page', request: (fx) => ({ path: pendingTrackPath(fx, 'proof') }), expect: { controller: 404, dpo: 404 } },
  { route: 'GET /register', kind: 'page', request: () => ({ path: '/register' }), expect: { controller: 200, dpo: 200 }, absent: true },
  { route: 'GET /register.csv', kind: 'page', request: () => ({ path: '/register.csv' }), expect: { controller: 200, dpo: 200 }, absent: true },
  { route: 'GET /register.json', kind: 'page', request: () => ({ path: '/register.json' }), expect: { controller: 200, dpo: 200 }, absent: true },
];
