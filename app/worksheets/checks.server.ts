import { type Db } from '#db/client.ts'
import { activityCheck } from './step6.server.ts'

/** A database-dependent check of an item's data, run after its links are known to be valid. */
export type ItemCheck = (ctx: {
  db: Db
  planId: string
  id: string | null
  value: Record<string, unknown>
}) => Promise<{ path: string; message: string }[]>

/** Server-side checks per kind beyond the spec's schema (uniqueness, cycles …). */
export const ITEM_CHECKS: Partial<Record<string, ItemCheck>> = {
  activity: activityCheck,
}
