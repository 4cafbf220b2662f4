import { createDb, type Db } from '#db/client.ts'
import { getEnv } from './env.server.ts'

let db: Db | undefined

/** The process-wide Kysely instance for the web app. */
export function getDb(): Db {
  db ??= createDb(getEnv().DATABASE_URL)
  return db
}

/** Closes the process-wide instance; the next getDb() opens a new one (tests, shutdown). */
export async function closeDb(): Promise<void> {
  const open = db
  db = undefined
  await open?.destroy()
}
