import { type Executor } from '../executor.ts'

export interface ActivityInput {
  planId: string
  actorId: string | null
  action: string
  entityType: string
  entityId?: string | null
  oldValue?: unknown
  newValue?: unknown
}

/** Appends one entry to a plan's history (who, what, when, old and new value). */
export async function insert(db: Executor, event: ActivityInput) {
  await db
    .insertInto('activity_events')
    .values({
      plan_id: event.planId,
      actor_id: event.actorId,
      action: event.action,
      entity_type: event.entityType,
      entity_id: event.entityId ?? null,
      old_value: event.oldValue === undefined ? null : JSON.stringify(event.oldValue),
      new_value: event.newValue === undefined ? null : JSON.stringify(event.newValue),
    })
    .execute()
}

/** The most recent entries of a plan's history with the actor's name and organisation. */
export function findRecentByPlan(db: Executor, planId: string, limit = 20) {
  return db
    .selectFrom('activity_events')
    .leftJoin('users', 'users.id', 'activity_events.actor_id')
    .leftJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select([
      'activity_events.id',
      'activity_events.action',
      'activity_events.entity_type',
      'activity_events.entity_id',
      'activity_events.old_value',
      'activity_events.new_value',
      'activity_events.created_at',
      'users.name as actor_name',
      'organisations.acronym as actor_organisation',
    ])
    .where('activity_events.plan_id', '=', planId)
    .orderBy('activity_events.id', 'desc')
    .limit(limit)
    .execute()
}

/** The name of whoever last did one of `actions` to an entity of a plan: who saved what is there now. */
export async function findLastActorName(
  db: Executor,
  input: { planId: string; entityType: string; entityId: string; actions: readonly string[] },
) {
  const row = await db
    .selectFrom('activity_events')
    .innerJoin('users', 'users.id', 'activity_events.actor_id')
    .select('users.name')
    .where('activity_events.plan_id', '=', input.planId)
    .where('activity_events.entity_type', '=', input.entityType)
    .where('activity_events.entity_id', '=', input.entityId)
    .where('activity_events.action', 'in', input.actions)
    .orderBy('activity_events.created_at', 'desc')
    .orderBy('activity_events.id', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row?.name ?? null
}
