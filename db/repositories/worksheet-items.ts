import { sql, type ExpressionBuilder } from 'kysely'
import { StaleRecordError, withTransaction, type Executor } from '../executor.ts'
import { type DB } from '../types.ts'
import * as ActivityRepository from './activity.ts'

const columns = ['id', 'plan_id', 'kind', 'ref', 'position', 'data', 'version', 'updated_at'] as const

// Who saved the version a reader sees, so an open form can say "… changed this row since you opened it".
const updatedByName = (eb: ExpressionBuilder<DB, 'worksheet_items'>) =>
  eb
    .selectFrom('users')
    .select('users.name')
    .whereRef('users.id', '=', 'worksheet_items.updated_by')
    .as('updated_by_name')

/** The items of one kind on a plan, in their order. */
export function findByKind(db: Executor, planId: string, kind: string) {
  return db
    .selectFrom('worksheet_items')
    .select(columns)
    .select(updatedByName)
    .where('plan_id', '=', planId)
    .where('kind', '=', kind)
    .orderBy('position')
    .orderBy('created_at')
    .execute()
}

/** The items of several kinds on a plan, in their order. */
export function findByKinds(db: Executor, planId: string, kinds: readonly string[]) {
  if (kinds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('worksheet_items')
    .select(columns)
    .select(updatedByName)
    .where('plan_id', '=', planId)
    .where('kind', 'in', kinds)
    .orderBy('kind')
    .orderBy('position')
    .orderBy('created_at')
    .execute()
}

/**
 * Every item of the given plans, as the progress rules read them (ADR 037): one query for any
 * number of plans, in each plan's order (kind, position, creation).
 */
export function findForProgress(db: Executor, planIds: readonly string[]) {
  if (planIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('worksheet_items')
    .select(['id', 'plan_id', 'kind', 'data'])
    .where('plan_id', 'in', planIds)
    .orderBy('plan_id')
    .orderBy('kind')
    .orderBy('position')
    .orderBy('created_at')
    .execute()
}

/** Every item of a plan with what names it (its code and data): how history entries refer to them. */
export function findReferences(db: Executor, planId: string) {
  return db.selectFrom('worksheet_items').select(['id', 'kind', 'ref', 'data']).where('plan_id', '=', planId).execute()
}

/** One item, only if it belongs to this plan (an id from another plan finds nothing). */
export function findById(db: Executor, planId: string, id: string) {
  return db
    .selectFrom('worksheet_items')
    .select(columns)
    .select(updatedByName)
    .where('plan_id', '=', planId)
    .where('id', '=', id)
    .executeTakeFirst()
}

/** The ids among `ids` that are items of `kind` on this plan. */
export async function findExistingIds(db: Executor, planId: string, kind: string, ids: readonly string[]) {
  if (ids.length === 0) return new Set<string>()
  const rows = await db
    .selectFrom('worksheet_items')
    .select('id')
    .where('plan_id', '=', planId)
    .where('kind', '=', kind)
    .where('id', 'in', ids)
    .execute()
  return new Set(rows.map((r) => r.id))
}

/** Items on this plan whose data mentions `id` (used to refuse deleting something still referenced). */
export function findReferencing(db: Executor, planId: string, id: string) {
  return db
    .selectFrom('worksheet_items')
    .select(['id', 'kind', 'ref'])
    .where('plan_id', '=', planId)
    .where('id', '!=', id)
    .where(sql<boolean>`jsonb_path_exists(data, '$.** ? (@ == $id)', jsonb_build_object('id', ${id}::text))`)
    .execute()
}

/** Adds an item at the end of its list with the next free reference (M1, M2 … per plan and kind). */
export function insert(
  db: Executor,
  input: { planId: string; kind: string; refPrefix: string; data: Record<string, unknown>; actorId: string },
) {
  return withTransaction(db, async (trx) => {
    // Serialise inserts of one kind on one plan so refs and positions never collide.
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`${input.planId}:${input.kind}`}))`.execute(trx)
    const stats = await trx
      .selectFrom('worksheet_items')
      .select([
        sql<number>`coalesce(max(position), 0)`.as('max_position'),
        sql<number>`coalesce(max(nullif(regexp_replace(ref, '^\\D+', ''), '')::int), 0)`.as('max_ref'),
      ])
      .where('plan_id', '=', input.planId)
      .where('kind', '=', input.kind)
      .executeTakeFirstOrThrow()
    const item = await trx
      .insertInto('worksheet_items')
      .values({
        plan_id: input.planId,
        kind: input.kind,
        ref: `${input.refPrefix}${Number(stats.max_ref) + 1}`,
        position: Number(stats.max_position) + 1,
        data: JSON.stringify(input.data),
        created_by: input.actorId,
        updated_by: input.actorId,
      })
      .returning(columns)
      .executeTakeFirstOrThrow()
    await ActivityRepository.insert(trx, {
      planId: input.planId,
      actorId: input.actorId,
      action: 'created',
      entityType: input.kind,
      entityId: item.id,
      newValue: { ref: item.ref, ...input.data },
    })
    return item
  })
}

/** A set of items every new plan starts with (the method's default prioritisation criteria). */
export interface DefaultItemSet {
  kind: string
  refPrefix: string
  rows: Record<string, unknown>[]
}

/**
 * Inserts a new plan's default items, numbered from 1, in the plan's creating transaction. They are
 * part of the plan's own "created" entry in the history, so they get no entries of their own.
 */
export async function insertPlanDefaults(
  trx: Executor,
  planId: string,
  sets: readonly DefaultItemSet[],
  actorId: string,
) {
  const values = sets.flatMap((set) =>
    set.rows.map((data, i) => ({
      plan_id: planId,
      kind: set.kind,
      ref: `${set.refPrefix}${i + 1}`,
      position: i + 1,
      data: JSON.stringify(data),
      created_by: actorId,
      updated_by: actorId,
    })),
  )
  if (values.length > 0) await trx.insertInto('worksheet_items').values(values).execute()
}

/**
 * Inserts `rows` as items of `kind` unless the plan already has one (default sets, seeded once).
 * Returns whether it inserted; concurrent callers are serialised so the defaults never double.
 */
export function insertDefaultsIfNone(
  db: Executor,
  input: { planId: string; kind: string; refPrefix: string; rows: Record<string, unknown>[]; actorId: string },
) {
  return withTransaction(db, async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`${input.planId}:${input.kind}`}))`.execute(trx)
    const existing = await trx
      .selectFrom('worksheet_items')
      .select('id')
      .where('plan_id', '=', input.planId)
      .where('kind', '=', input.kind)
      .limit(1)
      .executeTakeFirst()
    if (existing) return false
    for (const data of input.rows)
      await insert(trx, {
        planId: input.planId,
        kind: input.kind,
        refPrefix: input.refPrefix,
        data,
        actorId: input.actorId,
      })
    return true
  })
}

/**
 * Replaces an item's data if nobody saved it since `expectedVersion`; otherwise throws
 * StaleRecordError with the current item, so the caller can show it and keep the user's input.
 */
export function update(
  db: Executor,
  input: { planId: string; id: string; expectedVersion: number; data: Record<string, unknown>; actorId: string },
) {
  return withTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom('worksheet_items')
      .select(columns)
      .where('plan_id', '=', input.planId)
      .where('id', '=', input.id)
      .forUpdate()
      .executeTakeFirst()
    if (!before) return undefined
    if (before.version !== input.expectedVersion) throw new StaleRecordError(before)
    const after = await trx
      .updateTable('worksheet_items')
      .set({
        data: JSON.stringify(input.data),
        version: before.version + 1,
        updated_by: input.actorId,
        updated_at: new Date(),
      })
      .where('id', '=', input.id)
      .returning(columns)
      .executeTakeFirstOrThrow()
    await ActivityRepository.insert(trx, {
      planId: input.planId,
      actorId: input.actorId,
      action: 'updated',
      entityType: before.kind,
      entityId: before.id,
      oldValue: { ref: before.ref, ...before.data },
      newValue: { ref: after.ref, ...after.data },
    })
    return after
  })
}

/** Deletes an item of this plan; returns the deleted row, or undefined if there was none. */
export function deleteById(
  db: Executor,
  input: { planId: string; id: string; expectedVersion: number; actorId: string },
) {
  return withTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom('worksheet_items')
      .select(columns)
      .where('plan_id', '=', input.planId)
      .where('id', '=', input.id)
      .forUpdate()
      .executeTakeFirst()
    if (!before) return undefined
    if (before.version !== input.expectedVersion) throw new StaleRecordError(before)
    await trx.deleteFrom('worksheet_items').where('id', '=', input.id).execute()
    await ActivityRepository.insert(trx, {
      planId: input.planId,
      actorId: input.actorId,
      action: 'deleted',
      entityType: before.kind,
      entityId: before.id,
      oldValue: { ref: before.ref, ...before.data },
    })
    return before
  })
}

/** Moves an item one place up or down within its kind; a no-op at either end. */
export function move(db: Executor, input: { planId: string; id: string; direction: 'up' | 'down'; actorId: string }) {
  return withTransaction(db, async (trx) => {
    const item = await trx
      .selectFrom('worksheet_items')
      .select(['id', 'kind', 'position', 'ref'])
      .where('plan_id', '=', input.planId)
      .where('id', '=', input.id)
      .executeTakeFirst()
    if (!item) return false
    const siblings = await trx
      .selectFrom('worksheet_items')
      .select(['id', 'position'])
      .where('plan_id', '=', input.planId)
      .where('kind', '=', item.kind)
      .orderBy('position')
      .orderBy('created_at')
      .forUpdate()
      .execute()
    const index = siblings.findIndex((s) => s.id === item.id)
    const swapWith = siblings[input.direction === 'up' ? index - 1 : index + 1]
    if (!swapWith) return true
    const order = siblings.map((s) => s.id)
    order[index] = swapWith.id
    order[siblings.indexOf(swapWith)] = item.id
    for (const [i, id] of order.entries()) {
      await trx
        .updateTable('worksheet_items')
        .set({ position: i + 1 })
        .where('id', '=', id)
        .execute()
    }
    await ActivityRepository.insert(trx, {
      planId: input.planId,
      actorId: input.actorId,
      action: 'moved',
      entityType: item.kind,
      entityId: item.id,
      oldValue: { position: index + 1 },
      newValue: { position: order.indexOf(item.id) + 1 },
    })
    return true
  })
}

/**
 * Moves an item one place up or down among the items of its kind that share its `data[field]`
 * (tree siblings: the causes under one parent); a no-op at either end. Swaps the two positions.
 */
export function moveAmongSiblings(
  db: Executor,
  input: { planId: string; id: string; direction: 'up' | 'down'; field: string; actorId: string },
) {
  return withTransaction(db, async (trx) => {
    const item = await trx
      .selectFrom('worksheet_items')
      .select(['id', 'kind', 'position', sql<string | null>`data->>${input.field}`.as('scope')])
      .where('plan_id', '=', input.planId)
      .where('id', '=', input.id)
      .executeTakeFirst()
    if (!item) return false
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`${input.planId}:${item.kind}`}))`.execute(trx)
    const siblings = await trx
      .selectFrom('worksheet_items')
      .select(['id', 'position'])
      .where('plan_id', '=', input.planId)
      .where('kind', '=', item.kind)
      .where(sql<boolean>`data->>${input.field} IS NOT DISTINCT FROM ${item.scope}`)
      .orderBy('position')
      .orderBy('created_at')
      .forUpdate()
      .execute()
    const index = siblings.findIndex((s) => s.id === item.id)
    const other = siblings[input.direction === 'up' ? index - 1 : index + 1]
    if (!other) return true
    const mine = siblings[index]!
    // Equal positions cannot be swapped meaningfully; nudge so the order really changes.
    const [newMine, newOther] =
      mine.position === other.position
        ? input.direction === 'up'
          ? [other.position - 1, other.position]
          : [other.position + 1, other.position]
        : [other.position, mine.position]
    await trx.updateTable('worksheet_items').set({ position: newMine }).where('id', '=', mine.id).execute()
    await trx.updateTable('worksheet_items').set({ position: newOther }).where('id', '=', other.id).execute()
    await ActivityRepository.insert(trx, {
      planId: input.planId,
      actorId: input.actorId,
      action: 'moved',
      entityType: item.kind,
      entityId: item.id,
      oldValue: { position: mine.position },
      newValue: { position: newMine },
    })
    return true
  })
}

/** Counts items per kind on a plan (for progress). */
export async function countByKind(db: Executor, planId: string) {
  const rows = await db
    .selectFrom('worksheet_items')
    .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('plan_id', '=', planId)
    .groupBy('kind')
    .execute()
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)])) as Record<string, number>
}
