import { type NotificationKind } from '#core/vocabulary.ts'
import { type Executor } from '../executor.ts'

export interface NotificationInput {
  userId: string
  kind: NotificationKind
  planId?: string | null
  actorId?: string | null
  /** What the message needs to be worded in the recipient's language (names, a note's text). */
  params?: Record<string, unknown>
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
        params: JSON.stringify(r.params ?? {}),
        path: r.path,
        dedupe_key: r.dedupeKey ?? null,
      })),
    )
    .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).where('dedupe_key', 'is not', null).doNothing())
    .returning('id')
    .execute()
  return inserted.map((r) => r.id)
}
