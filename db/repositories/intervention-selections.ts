import { sql } from 'kysely'
import { StaleRecordError, withTransaction, type Executor } from '../executor.ts'
import * as ItemRepository from './worksheet-items.ts'

// The 5.2 decision on each intervention (selected / deferred / not selected, with a rationale) is one
// worksheet item of kind `intervention_selection` per intervention, so each decision has its own
// version and history, and deciding V1 never conflicts with someone deciding V7.
const KIND = 'intervention_selection'

/** The decision items of a plan, at most one per intervention (the oldest wins if a race made two). */
export async function findByPlan(db: Executor, planId: string) {
  return onePerIntervention(await ItemRepository.findByKind(db, planId, KIND))
}

/** Decision items in their order, keyed by intervention: the first one of each wins. */
export function onePerIntervention<T extends { data: Record<string, unknown> }>(rows: T[]): Map<string, T> {
  const byIntervention = new Map<string, T>()
  for (const row of rows) {
    const id = row.data.intervention
    if (typeof id === 'string' && !byIntervention.has(id)) byIntervention.set(id, row)
  }
  return byIntervention
}

export const SELECTION_ITEM_KIND = KIND

/**
 * Records the decision on one intervention. `expectedVersion` is the version of the decision the
 * person saw (null when they saw none); if someone decided in between, throws StaleRecordError.
 */
export function save(
  db: Executor,
  input: {
    planId: string
    interventionId: string
    expectedVersion: number | null
    data: { decision: string; rationale: string }
    actorId: string
  },
) {
  return withTransaction(db, async (trx) => {
    // Serialise decisions on one plan so two first decisions on the same intervention cannot both insert.
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`${input.planId}:${KIND}`}))`.execute(trx)
    const current = (await findByPlan(trx, input.planId)).get(input.interventionId)
    const data = { intervention: input.interventionId, ...input.data }
    if (!current) {
      if (input.expectedVersion !== null) throw new StaleRecordError(null)
      return ItemRepository.insert(trx, {
        planId: input.planId,
        kind: KIND,
        refPrefix: 'VS',
        data,
        actorId: input.actorId,
      })
    }
    if (input.expectedVersion !== current.version) throw new StaleRecordError(current)
    return ItemRepository.update(trx, {
      planId: input.planId,
      id: current.id,
      expectedVersion: current.version,
      data,
      actorId: input.actorId,
    })
  })
}
