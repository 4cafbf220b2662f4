import { type Migration } from 'kysely'
import * as foundation from './2026_11_23_1100_foundation.ts'
import * as collabDocuments from './2026_11_23_1105_collab_documents.ts'

// Every migration, by name. Names sort in the order they must run (UTC timestamp prefix).
export const migrations: Record<string, Migration> = {
  '2026_11_23_1100_foundation': foundation,
  '2026_11_23_1105_collab_documents': collabDocuments,
}
