import {
  DEFAULT_NOTIFICATION_DELIVERY,
  NOTIFICATION_KINDS,
  type NotificationDelivery,
  type NotificationKind,
} from '#core/vocabulary.ts'
import { withTransaction, type Executor } from '../executor.ts'

/** A person's email delivery for every kind, the default where they chose nothing. */
export async function findByUser(
  db: Executor,
  userId: string,
): Promise<Record<NotificationKind, NotificationDelivery>> {
  const rows = await db
    .selectFrom('notification_preferences')
    .select(['kind', 'delivery'])
    .where('user_id', '=', userId)
    .execute()
  const chosen = new Map(rows.map((r) => [r.kind, r.delivery]))
  return Object.fromEntries(
    NOTIFICATION_KINDS.map((kind) => [
      kind,
      (chosen.get(kind) as NotificationDelivery) ?? DEFAULT_NOTIFICATION_DELIVERY,
    ]),
  ) as Record<NotificationKind, NotificationDelivery>
}

/** Saves a person's choices, all kinds together. */
export function saveAll(db: Executor, userId: string, choices: Record<NotificationKind, NotificationDelivery>) {
  return withTransaction(db, async (trx) => {
    await trx
      .insertInto('notification_preferences')
      .values(NOTIFICATION_KINDS.map((kind) => ({ user_id: userId, kind, delivery: choices[kind] })))
      .onConflict((oc) =>
        oc.columns(['user_id', 'kind']).doUpdateSet((eb) => ({ delivery: eb.ref('excluded.delivery') })),
      )
      .execute()
  })
}
