import { sql, type Kysely } from 'kysely'

// Target-map nodes kept their type under `nodeType`, which is also the name of the generated form
// control; a control named `nodeType` shadows `form.nodeType` (DOM named properties), React's
// hydration then no longer recognises the form and re-renders the page. The key is now
// `nodeCategory` (docs/decisions/028-form-control-names.md).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    UPDATE worksheet_items
    SET data = (data - 'nodeType') || jsonb_build_object('nodeCategory', data->'nodeType')
    WHERE kind = 'node' AND data ? 'nodeType'`.execute(db)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    UPDATE worksheet_items
    SET data = (data - 'nodeCategory') || jsonb_build_object('nodeType', data->'nodeCategory')
    WHERE kind = 'node' AND data ? 'nodeCategory'`.execute(db)
}
