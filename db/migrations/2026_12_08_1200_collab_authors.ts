import { sql, type Kysely } from 'kysely'

// Who wrote with which Yjs client id in a co-edited document (issue 14, ADR 062). A browser's
// editor session writes under a random client id; the collab-server records, the first time a
// connection sends content under an id, whose connection it was. A mention found in the document
// when it is compacted names its author through the client id of the item that holds it. First
// writer wins: a later connection cannot claim an id someone else already wrote under.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>) {
  await sql`
    CREATE TABLE collab_authors (
      doc_name text NOT NULL REFERENCES collab_documents (name) ON DELETE CASCADE,
      client_id bigint NOT NULL CHECK (client_id >= 0),
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (doc_name, client_id)
    )`.execute(db)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>) {
  await sql`DROP TABLE collab_authors`.execute(db)
}
