import { afterAll, expect, it } from 'vitest'
import { createPlan, createUser } from '#tests/factories/index.ts'
import { createDb } from '../client.ts'
import { up } from './2026_12_06_1060_default_criteria.ts'

const db = createDb(process.env.DATABASE_URL!)
afterAll(() => db.destroy())
const criteriaOf = (planId: string) =>
  db
    .selectFrom('worksheet_items')
    .select(['ref', 'position', 'data', 'created_by'])
    .where('plan_id', '=', planId)
    .where('kind', '=', 'criterion')
    .orderBy('position')
    .execute()

it('gives the eight default criteria to plans without any, recorded as the creator, and leaves others alone', async () => {
  const lead = await createUser(db)
  const bare = await createPlan(db, lead.id)
  const edited = await createPlan(db, lead.id)
  await db.deleteFrom('worksheet_items').where('plan_id', '=', bare.id).execute()
  await db.deleteFrom('worksheet_items').where('plan_id', '=', edited.id).where('ref', '!=', 'Cr1').execute()

  await up(db)

  const criteria = await criteriaOf(bare.id)
  expect(criteria.map((c) => [c.ref, c.position, c.data, c.created_by])).toEqual(
    ['severity', 'scale', 'vulnerability', 'low_reporting', 'leverage', 'systemic', 'measurable', 'policy_fit'].map(
      (key, i) => [`Cr${i + 1}`, i + 1, { criterionKey: key, weight: 1 }, lead.id],
    ),
  )
  expect((await criteriaOf(edited.id)).map((c) => c.ref)).toEqual(['Cr1'])
})
