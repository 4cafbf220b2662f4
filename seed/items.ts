import { type Executor } from '#db/executor.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'

type Row = Record<string, unknown>

/** Inserts items of one kind in order and returns their ids by ref (M1 → uuid). */
export async function seedItems(
  db: Executor,
  planId: string,
  actorId: string,
  kind: string,
  refPrefix: string,
  rows: Row[],
) {
  const ids: Record<string, string> = {}
  for (const data of rows) {
    const item = await ItemRepository.insert(db, { planId, kind, refPrefix, data, actorId })
    ids[item.ref] = item.id
  }
  return ids
}
