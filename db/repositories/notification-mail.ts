import { sql } from 'kysely'
import { DEFAULT_NOTIFICATION_DELIVERY } from '#core/vocabulary.ts'
import { type Executor } from '../executor.ts'

// The email side of notifications (ADR 060): rows arrive as `pending`; the mail task decides each
// by its person's preference for that kind and moves it on, in the transaction that also writes
// the message. Row locks (SKIP LOCKED) let several web processes' runners share the work.

/** A notification with what its email needs: the person, their delivery choice, the plan and actor. */
function withContext(db: Executor) {
  return db
    .selectFrom('notifications as n')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .leftJoin('notification_preferences as p', (join) =>
      join.onRef('p.user_id', '=', 'n.user_id').onRef('p.kind', '=', 'n.kind'),
    )
    .leftJoin('plans', 'plans.id', 'n.plan_id')
    .leftJoin('users as actor', 'actor.id', 'n.actor_id')
    .select([
      'n.id',
      'n.user_id',
      'n.kind',
      'n.params',
      'n.path',
      'n.created_at',
      'u.email',
      'u.name',
      'u.locale',
      'u.is_active',
      sql<string>`coalesce(p.delivery, ${DEFAULT_NOTIFICATION_DELIVERY})`.as('delivery'),
      'plans.title as plan_title',
      'plans.working_language',
      'actor.name as actor_name',
    ])
}

export type NotificationForMail = Awaited<ReturnType<typeof claimPending>>[number]

/** Up to `limit` undecided notifications, oldest first, locked for the caller's transaction. */
export function claimPending(trx: Executor, limit: number) {
  return withContext(trx)
    .where('n.email_state', '=', 'pending')
    .orderBy('n.created_at')
    .limit(limit)
    .forUpdate('n')
    .skipLocked()
    .execute()
}

/** Moves notifications to a state that needs no message now (`digest`, `skipped`). */
export async function setState(trx: Executor, ids: readonly string[], state: 'digest' | 'skipped') {
  if (ids.length === 0) return
  await trx.updateTable('notifications').set({ email_state: state }).where('id', 'in', ids).execute()
}

/** Ties notifications to the message that carries them. */
export async function attachToMessage(trx: Executor, ids: readonly string[], messageId: string) {
  if (ids.length === 0) return
  await trx
    .updateTable('notifications')
    .set({ email_state: 'queued', mail_message_id: messageId })
    .where('id', 'in', ids)
    .execute()
}

/** People with notifications waiting for their digest. */
export async function findDigestRecipients(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom('notifications')
    .select('user_id')
    .distinct()
    .where('email_state', '=', 'digest')
    .execute()
  return rows.map((r) => r.user_id)
}

/** One person's digest notifications, oldest first, locked for the caller's transaction. */
export function claimDigest(trx: Executor, userId: string) {
  return withContext(trx)
    .where('n.user_id', '=', userId)
    .where('n.email_state', '=', 'digest')
    .orderBy('n.created_at')
    .forUpdate('n')
    .skipLocked()
    .execute()
}
