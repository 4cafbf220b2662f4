import { sql, type Kysely } from 'kysely'

// Email (issue 14, ADR 060). `mail_messages` is the record of every message the portal decided to
// send: written, already rendered in the recipient's language, in the same transaction as the
// decision (an invitation, a reset request, notifications taken from the outbox), together with the
// queue job that sends it (graphile-worker, job key = the message id). `sent_at` is set once the
// SMTP server accepted it; a job that finds it set does nothing, so a message is never sent twice by
// the portal. The id is also the Message-ID, so the one remaining window (accepted, then a crash
// before `sent_at` was committed) gives the same Message-ID twice, which receivers can recognise.
// Bodies of security messages carry one-time links: they are blanked once sent.
//
// `password_resets` follows the invitations' pattern (only a hash of the token is stored, one hour,
// single use); rows without a user record requests for unknown addresses, so that throttling treats
// known and unknown addresses alike.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>) {
  await sql`
    CREATE TABLE mail_messages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid REFERENCES users (id) ON DELETE SET NULL,
      to_address text NOT NULL CHECK (length(to_address) <= 254),
      purpose text NOT NULL CHECK (purpose IN ('invitation', 'password_reset', 'plan_member_added',
        'security', 'notification', 'digest')),
      locale text NOT NULL,
      subject text NOT NULL CHECK (length(subject) <= 300),
      text_body text,
      html_body text,
      created_at timestamptz NOT NULL DEFAULT now(),
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      sent_at timestamptz,
      failed_at timestamptz
    )`.execute(db)
  await sql`CREATE INDEX mail_messages_unsent ON mail_messages (created_at) WHERE sent_at IS NULL AND failed_at IS NULL`.execute(
    db,
  )
  await sql`CREATE INDEX mail_messages_by_user ON mail_messages (user_id)`.execute(db)

  await sql`ALTER TABLE notifications ADD COLUMN mail_message_id uuid REFERENCES mail_messages (id) ON DELETE SET NULL`.execute(
    db,
  )
  await sql`CREATE INDEX notifications_by_mail_message ON notifications (mail_message_id) WHERE mail_message_id IS NOT NULL`.execute(
    db,
  )

  await sql`
    CREATE TABLE password_resets (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL CHECK (length(email) <= 254),
      ip text NOT NULL CHECK (length(ip) <= 100),
      user_id uuid REFERENCES users (id) ON DELETE CASCADE,
      token_hash text UNIQUE,
      expires_at timestamptz,
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((user_id IS NULL) = (token_hash IS NULL) AND (token_hash IS NULL) = (expires_at IS NULL))
    )`.execute(db)
  await sql`CREATE INDEX password_resets_by_email ON password_resets (email, created_at)`.execute(db)
  await sql`CREATE INDEX password_resets_by_ip ON password_resets (ip, created_at)`.execute(db)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>) {
  await sql`DROP TABLE password_resets`.execute(db)
  await sql`ALTER TABLE notifications DROP COLUMN mail_message_id`.execute(db)
  await sql`DROP TABLE mail_messages`.execute(db)
}
