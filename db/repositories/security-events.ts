import { type SecurityEventKind } from '#core/vocabulary.ts'
import { type Executor } from '../executor.ts'

// A person's own security log (ADR 064). The "security messages" of issue 14 are these rows: the
// mail side sends one for each, whatever the person's notification choices.

export async function insert(db: Executor, values: { userId: string; kind: SecurityEventKind; ip: string | null }) {
  await db.insertInto('security_events').values({ user_id: values.userId, kind: values.kind, ip: values.ip }).execute()
}

/** The person's latest events, newest first. */
export function findRecentByUser(db: Executor, userId: string, limit = 10) {
  return db
    .selectFrom('security_events')
    .select(['id', 'kind', 'ip', 'created_at'])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
}
