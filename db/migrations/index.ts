import { type Migration } from 'kysely'
import * as foundation from './2026_11_23_1100_foundation.ts'

// Every migration, by name. Names sort in the order they must run (UTC timestamp prefix).
export const migrations: Record<string, Migration> = {
  '2026_11_23_1100_foundation': foundation,
}
