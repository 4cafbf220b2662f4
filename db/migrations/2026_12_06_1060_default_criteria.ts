import { sql, type Kysely } from 'kysely'

// Plans now get the method's eight prioritisation criteria when they are created; before, the first
// GET of sub-step 2.2 created them (recorded as whoever looked first). Plans that never had 2.2
// opened get them now, recorded as the plan's creator. The keys are frozen here on purpose.
const CRITERIA = [
  'severity',
  'scale',
  'vulnerability',
  'low_reporting',
  'leverage',
  'systemic',
  'measurable',
  'policy_fit',
]

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    INSERT INTO worksheet_items (plan_id, kind, ref, position, data, created_by, updated_by)
    SELECT p.id, 'criterion', 'Cr' || c.n, c.n, jsonb_build_object('criterionKey', c.key, 'weight', 1), p.created_by, p.created_by
    FROM plans p
    CROSS JOIN unnest(${sql.val(CRITERIA)}::text[]) WITH ORDINALITY AS c(key, n)
    WHERE NOT EXISTS (SELECT 1 FROM worksheet_items w WHERE w.plan_id = p.id AND w.kind = 'criterion')`.execute(db)
}

// Nothing to undo: the criteria are ordinary items the plan's team may since have edited or scored.
export async function down(): Promise<void> {}
