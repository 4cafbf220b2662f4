// What the browser and the server exchange about a save on a stale base (ADR 036). Isomorphic.
import { type Values } from './merge.ts'

/** Form field holding the JSON of the values a form started from. */
export const BASE_FIELD_NAME = 'base'

/** The body of a 409: what is saved now, and what the form should show to choose from. */
export interface ConflictView {
  id: string
  version: number
  /** What is saved now ("theirs"). */
  data: Values
  /** Fields both sides changed: the person chooses "keep mine" or "take theirs". */
  fields: string[]
  /** What the form should now hold: my values, with theirs wherever only they changed a field. */
  merged: Values
  /** Who saved what is saved now, when known. */
  by: string | null
  /** A refused delete: what the person saw of each changed field, to say what changed since. */
  base?: Values
}

/** A successful save: the version the form now edits from, and whose changes were merged in. */
export interface SavedView {
  id: string
  version: number
  data: Values
  mergedWith: string | null
}
