import { sql, type Kysely } from 'kysely'

// Sign-in with the organisation's account (issue 14, ADR 063).
// `user_identities`: a portal account linked to an OpenID provider's subject. The pair (issuer,
// subject) is what the provider promises never to reassign, so once linked it identifies the
// account even when the email at the provider changes; `email` is only what the provider said at
// the last sign-in, shown on the account page. One link per account and issuer.
// `sign_in_policies`: email domains whose accounts must sign in with the organisation's account
// (password sign-in and password reset refused for them). Exact domains, stored in lower case.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>) {
  await sql`
    CREATE TABLE user_identities (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      issuer text NOT NULL CHECK (length(issuer) BETWEEN 1 AND 2000),
      subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
      email text NOT NULL CHECK (length(email) <= 254),
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (issuer, subject),
      UNIQUE (user_id, issuer)
    )`.execute(db)

  await sql`
    CREATE TABLE sign_in_policies (
      domain text PRIMARY KEY CHECK (
        length(domain) <= 253 AND domain = lower(domain)
        AND domain ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$'
      ),
      created_by uuid REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>) {
  await sql`DROP TABLE sign_in_policies`.execute(db)
  await sql`DROP TABLE user_identities`.execute(db)
}
