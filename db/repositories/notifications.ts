import { sql } from 'kysely'
import { type NotificationParams } from '#core/notifications.ts'
import { type NotificationKind } from '#core/vocabulary.ts'
import { type Executor } from '../executor.ts'

/** One notification to add; its params are typed by its kind (core/notifications.ts). */
export type NotificationInput = { [K in NotificationKind]: NotificationInputOf<K> }[NotificationKind]

interface NotificationInputOf<K extends NotificationKind> {
  userId: string
  kind: K
  planId?: string | null
  actorId?: string | null
  /** What the message needs to be worded in the recipient's language (names, a note's text). */
  params: NotificationParams<K>
  /** The page it links to, a path on the portal's own origin (e.g. `/plans/<id>/review`). */
  path: string
  /** Set by producers that may run twice for the same thing: one row per person and key. */
  dedupeKey?: string | null
}

/**
 * Adds notifications in the caller's transaction, so they exist only if the change that caused
 * them commits. Nobody is told about their own action; a row whose (person, dedupe key) exists is
 * skipped. Returns the ids of the rows added.
 */
export async function insertMany(db: Executor, rows: readonly NotificationInput[]): Promise<string[]> {
  const wanted = rows.filter((r) => r.userId !== r.actorId)
  if (wanted.length === 0) return []
  const inserted = await db
    .insertInto('notifications')
    .values(
      wanted.map((r) => ({
        user_id: r.userId,
        kind: r.kind,
        plan_id: r.planId ?? null,
        actor_id: r.actorId ?? null,
        params: JSON.stringify(r.params),
        path: r.path,
        dedupe_key: r.dedupeKey ?? null,
      })),
    )
    .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).where('dedupe_key', 'is not', null).doNothing())
    .returning('id')
    .execute()
  return inserted.map((r) => r.id)
}

/** How many notifications one page of the list shows, and the last page anyone may ask for. */
export const PAGE_SIZE = 20
export const MAX_PAGE = 500

/**
 * One page of a person's notifications, newest first, with the plan's current title and the
 * actor's current name for rows whose params do not say them. Only `userId`'s own rows.
 */
export function findPageByUser(db: Executor, userId: string, page: number) {
  return db
    .selectFrom('notifications')
    .leftJoin('plans', 'plans.id', 'notifications.plan_id')
    .leftJoin('users as actor', 'actor.id', 'notifications.actor_id')
    .select([
      'notifications.id',
      'notifications.kind',
      'notifications.params',
      'notifications.path',
      'notifications.created_at',
      'notifications.read_at',
      'plans.title as plan_title',
      'actor.name as actor_name',
    ])
    .where('notifications.user_id', '=', userId)
    .orderBy('notifications.created_at', 'desc')
    .orderBy('notifications.id', 'desc')
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .execute()
}

/** A person's notifications in all and unread. */
export async function countByUser(db: Executor, userId: string) {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => [
      eb.fn.countAll<string>().as('total'),
      eb.fn.countAll<string>().filterWhere('read_at', 'is', null).as('unread'),
    ])
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow()
  return { total: Number(row.total), unread: Number(row.unread) }
}

/** A person's unread notifications (the bell), counted on the partial index of unread rows. */
export async function countUnread(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * Marks one of `userId`'s notifications read (it stays read if it was) and returns where it links
 * to; undefined when there is no such notification of theirs, so another person's id finds nothing.
 */
export async function markRead(db: Executor, userId: string, id: string) {
  const row = await db
    .updateTable('notifications')
    .set((eb) => ({ read_at: eb.fn.coalesce('read_at', sql<Date>`now()`) }))
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .returning(['id', 'path'])
    .executeTakeFirst()
  return row
}

/** Marks every unread notification of `userId` read; returns how many there were. */
export async function markAllRead(db: Executor, userId: string): Promise<number> {
  const rows = await db
    .updateTable('notifications')
    .set({ read_at: sql<Date>`now()` })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .returning('id')
    .execute()
  return rows.length
}
