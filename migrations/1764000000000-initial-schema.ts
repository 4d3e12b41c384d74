import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first schema: who is who (processor, controllers, agreements, annex contacts, users),
 * the incident register with one track per affected controller, the notice ledger, and the
 * append-only, hash-chained audit trail.
 */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE processors (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        kvk_number text,
        city text,
        contact_point jsonb NOT NULL,
        security_officer jsonb NOT NULL,
        director jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE controllers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        processor_id uuid NOT NULL REFERENCES processors(id),
        name text NOT NULL,
        kvk_number text,
        sector text,
        city text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE agreements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        controller_id uuid NOT NULL REFERENCES controllers(id),
        title text NOT NULL,
        seed_file text,
        language text NOT NULL CHECK (language IN ('nl', 'en')),
        deadline_hours numeric CHECK (deadline_hours IS NULL OR deadline_hours > 0),
        clock_start text NOT NULL CHECK (clock_start IN ('processor_discovery', 'first_discovery', 'establishment')),
        notify_suspicion boolean NOT NULL DEFAULT false,
        regardless_of_impact boolean NOT NULL DEFAULT false,
        trigger_text text,
        deadline_clause text,
        required_fields jsonb NOT NULL DEFAULT '[]',
        ack_window_hours numeric NOT NULL DEFAULT 2 CHECK (ack_window_hours > 0),
        warning_shares jsonb NOT NULL DEFAULT '[0.5, 0.8]',
        data_categories jsonb NOT NULL DEFAULT '[]',
        subject_categories jsonb NOT NULL DEFAULT '[]',
        sub_processors jsonb NOT NULL DEFAULT '[]',
        retention_months_after_end integer,
        escalation_rule text,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX agreements_one_active_per_controller ON agreements (controller_id) WHERE active`);
    await q.query(`
      CREATE TABLE contacts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agreement_id uuid NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('breach_contact', 'dpo', 'iso', 'director', 'support_desk')),
        email text NOT NULL,
        phone text,
        mobile text,
        position integer NOT NULL DEFAULT 1,
        stand_in_for_id uuid REFERENCES contacts(id),
        receives_breach_notice boolean NOT NULL DEFAULT false
      )`);
    await q.query(`CREATE INDEX contacts_by_agreement ON contacts (agreement_id, position)`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        password_hash text NOT NULL,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('support', 'admin', 'controller', 'dpo')),
        controller_id uuid REFERENCES controllers(id),
        language text NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'en')),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((role IN ('controller', 'dpo')) = (controller_id IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email ON users (lower(email))`);
    await q.query(`CREATE TABLE reference_counters (year integer PRIMARY KEY, last_number integer NOT NULL)`);
    await q.query(`
      CREATE TABLE incidents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference text NOT NULL UNIQUE,
        summary text NOT NULL,
        discovered_at timestamptz NOT NULL,
        discovered_by text NOT NULL CHECK (discovered_by IN ('processor', 'sub_processor')),
        sub_processor_name text,
        sub_processor_discovered_at timestamptz,
        fields jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX incidents_open ON incidents (status, created_at DESC)`);
    await q.query(`
      CREATE TABLE tracks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        incident_id uuid NOT NULL REFERENCES incidents(id),
        controller_id uuid NOT NULL REFERENCES controllers(id),
        agreement_id uuid NOT NULL REFERENCES agreements(id),
        state text NOT NULL,
        snapshot jsonb NOT NULL,
        clock_started_at timestamptz,
        notify_deadline_at timestamptz,
        overdue boolean NOT NULL DEFAULT false,
        established_at timestamptz,
        first_notified_at timestamptz,
        acknowledged_at timestamptz,
        dismiss_reason text,
        late_reason text,
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        UNIQUE (incident_id, controller_id)
      )`);
    await q.query(`CREATE INDEX tracks_by_controller ON tracks (controller_id, state)`);
    await q.query(`CREATE INDEX tracks_open_by_deadline ON tracks (notify_deadline_at) WHERE state NOT IN ('dismissed', 'closed')`);
    // Timers are data: the job queue only wakes them; the reconciler finds any it missed.
    await q.query(`
      CREATE TABLE track_timers (
        track_id uuid NOT NULL REFERENCES tracks(id),
        name text NOT NULL,
        event jsonb NOT NULL,
        due_at timestamptz NOT NULL,
        applied_at timestamptz,
        cancelled_at timestamptz,
        PRIMARY KEY (track_id, name)
      )`);
    await q.query(`CREATE INDEX track_timers_pending ON track_timers (due_at) WHERE applied_at IS NULL AND cancelled_at IS NULL`);
    await q.query(`
      CREATE TABLE notice_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        track_id uuid NOT NULL REFERENCES tracks(id),
        version integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('initial', 'supplement')),
        content jsonb NOT NULL,
        changes jsonb NOT NULL DEFAULT '[]',
        late_reason text,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (track_id, version)
      )`);
    await q.query(`
      CREATE TABLE notices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        notice_version_id uuid NOT NULL REFERENCES notice_versions(id),
        track_id uuid NOT NULL REFERENCES tracks(id),
        version integer NOT NULL,
        contact_id uuid NOT NULL REFERENCES contacts(id),
        channel text NOT NULL CHECK (channel IN ('email', 'sms')),
        recipient text NOT NULL,
        status text NOT NULL DEFAULT 'queued'
          CHECK (status IN ('queued', 'sending', 'sent', 'delivered', 'failed', 'bounced', 'unknown')),
        provider_id text,
        content_hash text,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        queued_at timestamptz NOT NULL DEFAULT now(),
        sending_at timestamptz,
        sent_at timestamptz,
        delivered_at timestamptz,
        failed_at timestamptz,
        UNIQUE (track_id, contact_id, channel, version)
      )`);
    await q.query(`CREATE INDEX notices_by_track ON notices (track_id, version)`);
    await q.query(`
      CREATE TABLE acknowledgements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        track_id uuid NOT NULL REFERENCES tracks(id),
        notice_version integer NOT NULL,
        contact_id uuid NOT NULL REFERENCES contacts(id),
        acknowledged_at timestamptz NOT NULL DEFAULT now(),
        ip text,
        user_agent text
      )`);
    await q.query(`
      CREATE TABLE assessments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        track_id uuid NOT NULL REFERENCES tracks(id),
        report_to_ap boolean NOT NULL,
        ap_reasons text NOT NULL,
        inform_subjects boolean NOT NULL,
        subject_reasons text NOT NULL,
        ap_reference text,
        reported_to_ap_at timestamptz,
        decided_by uuid NOT NULL REFERENCES users(id),
        decided_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX assessments_by_track ON assessments (track_id, decided_at DESC)`);
    await q.query(`
      CREATE TABLE outbox_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        channel text NOT NULL CHECK (channel IN ('email', 'sms')),
        recipient text NOT NULL,
        subject text,
        text_body text NOT NULL,
        html_body text,
        notice_id uuid REFERENCES notices(id),
        provider_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        incident_id uuid NOT NULL REFERENCES incidents(id),
        track_id uuid REFERENCES tracks(id),
        seq integer NOT NULL,
        type text NOT NULL,
        actor jsonb NOT NULL,
        data jsonb NOT NULL DEFAULT '{}',
        occurred_at timestamptz NOT NULL,
        prev_hash text,
        hash text NOT NULL,
        UNIQUE (incident_id, seq)
      )`);
    // Append-only: whoever connects, rows cannot be changed or removed.
    await q.query(`
      CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP;
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change()`);
    await q.query(`
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'audit_events', 'outbox_messages', 'assessments', 'acknowledgements', 'notices', 'notice_versions',
      'track_timers', 'tracks', 'incidents', 'reference_counters', 'users', 'contacts', 'agreements',
      'controllers', 'processors',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    }
    await q.query(`DROP FUNCTION IF EXISTS audit_events_refuse_change()`);
  }
}
