import { sql, type Kysely } from 'kysely'

// A form that creates something sends a key it made when it was opened; the first request with
// that key stores its answer here, in the same transaction as what it created, so a resend of the
// same entry (its reply was lost) gets that answer again instead of creating a second record
// (ADR 039). Keys are scoped per user: the primary key makes one person's key meaningless to anyone
// else, and concurrent resends wait on it until the first one commits or rolls back.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE idempotency_keys (
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      key uuid NOT NULL,
      fingerprint text NOT NULL CHECK (length(fingerprint) = 64),
      answer jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, key)
    )`.execute(db)
  await sql`COMMENT ON COLUMN idempotency_keys.fingerprint IS 'sha256 (hex) of the request path and form fields the key was first used with'`.execute(
    db,
  )
  await sql`COMMENT ON COLUMN idempotency_keys.answer IS 'the answer sent to the first request; written in the transaction that claimed the key, so never seen empty by another one'`.execute(
    db,
  )
  // Pruning deletes by age (app/utils/pruning.server.ts).
  await sql`CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at)`.execute(db)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS idempotency_keys`.execute(db)
}
