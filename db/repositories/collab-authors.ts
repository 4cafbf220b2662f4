import { type Executor } from '../executor.ts'

/**
 * Records that `userId`'s connection wrote under these Yjs client ids in a document; an id already
 * recorded keeps its first writer (ADR 062).
 */
export async function record(db: Executor, docName: string, userId: string, clientIds: readonly number[]) {
  if (clientIds.length === 0) return
  await db
    .insertInto('collab_authors')
    .values(clientIds.map((clientId) => ({ doc_name: docName, client_id: clientId, user_id: userId })))
    .onConflict((oc) => oc.columns(['doc_name', 'client_id']).doNothing())
    .execute()
}

/** The writer of each of these client ids in a document, with their name (ids nobody recorded are absent). */
export async function findByClientIds(
  db: Executor,
  docName: string,
  clientIds: readonly number[],
): Promise<Map<number, { userId: string; name: string }>> {
  const unique = [...new Set(clientIds)]
  if (unique.length === 0) return new Map()
  const rows = await db
    .selectFrom('collab_authors')
    .innerJoin('users', 'users.id', 'collab_authors.user_id')
    .select(['collab_authors.client_id', 'users.id', 'users.name'])
    .where('collab_authors.doc_name', '=', docName)
    .where('collab_authors.client_id', 'in', unique)
    .execute()
  return new Map(rows.map((r) => [Number(r.client_id), { userId: r.id, name: r.name }]))
}
