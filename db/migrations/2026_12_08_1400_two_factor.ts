import { sql, type Kysely } from 'kysely'

// Two-factor authentication (issue 14, ADR 064). A person's TOTP secret is kept encrypted (the
// web process holds the key, the database never does); it counts only once `enabled_at` is set,
// which happens when a first code from the authenticator confirms it. `last_used_step` is the time
// step of the last code accepted, so a code is refused when seen again (replay). Recovery codes
// are kept as hashes and burn on use. A password step that needs a second factor leaves a
// short-lived challenge, not a session. Sessions remember when their second factor was verified
// (approval needs a recent one). Second-factor attempts share the sign-in throttle's table,
// counted apart from password attempts. Security events are the person's own log (enrolment,
// turning off, recovery codes), shown on their two-factor page.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>) {
  await sql`
    CREATE TABLE totp_credentials (
      user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
      secret_encrypted text NOT NULL CHECK (length(secret_encrypted) <= 500),
      enabled_at timestamptz,
      last_used_step bigint,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)

  await sql`
    CREATE TABLE recovery_codes (
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      code_hash text NOT NULL CHECK (code_hash ~ '^[0-9a-f]{64}$'),
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, code_hash)
    )`.execute(db)

  await sql`
    CREATE TABLE sign_in_challenges (
      id_hash text PRIMARY KEY CHECK (id_hash ~ '^[0-9a-f]{64}$'),
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      redirect_to text NOT NULL CHECK (redirect_to LIKE '/%' AND length(redirect_to) <= 2000),
      expires_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  await sql`CREATE INDEX sign_in_challenges_expiry ON sign_in_challenges (expires_at)`.execute(db)

  await sql`ALTER TABLE sessions ADD COLUMN mfa_verified_at timestamptz`.execute(db)

  await sql`ALTER TABLE login_attempts ADD COLUMN factor text NOT NULL DEFAULT 'password'
    CHECK (factor IN ('password', 'second_factor'))`.execute(db)

  await sql`
    CREATE TABLE security_events (
      id bigserial PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('two_factor_enabled', 'two_factor_disabled',
        'recovery_codes_regenerated', 'recovery_code_used', 'two_factor_reset', 'password_changed')),
      ip text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  await sql`CREATE INDEX security_events_by_user ON security_events (user_id, id DESC)`.execute(db)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>) {
  await sql`DROP TABLE security_events`.execute(db)
  await sql`ALTER TABLE login_attempts DROP COLUMN factor`.execute(db)
  await sql`ALTER TABLE sessions DROP COLUMN mfa_verified_at`.execute(db)
  await sql`DROP TABLE sign_in_challenges`.execute(db)
  await sql`DROP TABLE recovery_codes`.execute(db)
  await sql`DROP TABLE totp_credentials`.execute(db)
}
