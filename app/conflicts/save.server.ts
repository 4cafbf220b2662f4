// The one protocol every save of an existing record follows (ADR 036). A form carries the version it
// started editing from and the values it started from (`base`); a save on an older version is
// merged field by field with what is saved now, and refused with 409 only when both sides changed
// the same field, with everything the person needs to choose: mine, theirs, who saved.
import { data } from '@remix-run/node'
import { StaleRecordError } from '#db/executor.ts'
import { BASE_FIELD_NAME as BASE_FIELD, type ConflictView } from './protocol.ts'
import { changedFields, threeWayMerge, type Values } from './merge.ts'

export type { ConflictView }

/** Longest `base` accepted (characters); a longer one is ignored, so the save cannot merge. */
export const BASE_MAX_CHARS = 100_000

export interface StoredRecord {
  id: string
  version: number
  data: Values
  /** Name of the person who saved this version, when known. */
  by?: string | null
}

export type SaveOutcome<T> =
  | { kind: 'saved'; saved: T; mergedWith: string | null }
  | { kind: 'conflict'; conflict: ConflictView }
  | { kind: 'missing' }

/** The base values a form carried, or null when absent or unreadable (a stale save is then refused whole). */
export function readBase(formData: FormData): Values | null {
  const raw = formData.get(BASE_FIELD)
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > BASE_MAX_CHARS) return null
  try {
    const parsed: unknown = JSON.parse(raw)
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Values) : null
  } catch {
    return null
  }
}

const ATTEMPTS = 3

/**
 * Saves `mine` (the `fields` of one record) over the record as it is now. `version` and `base` are
 * what the person started from. `write(values, current)` must save with `current.version` as the
 * expected version (throwing StaleRecordError otherwise); a save that loses that race is merged
 * again with the newer record.
 */
export async function saveOnBase<T>(input: {
  fields: readonly string[]
  /** Null for a record without a version column (a member's role): its base values are its version. */
  version: number | null
  base: Values | null
  mine: Values
  load: () => Promise<StoredRecord | null | undefined>
  write: (values: Values, current: StoredRecord) => Promise<T | null | undefined>
}): Promise<SaveOutcome<T>> {
  let current: StoredRecord | null | undefined
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    current = await input.load()
    if (!current) return { kind: 'missing' }
    const onBase =
      input.version === null
        ? input.base !== null && changedFields(input.fields, input.base, current.data).length === 0
        : current.version === input.version
    let values = input.mine
    if (!onBase) {
      if (!input.base || (input.version !== null && current.version < input.version))
        return { kind: 'conflict', conflict: refuseWhole(input.fields, input.mine, current) }
      const { merged, conflicts } = threeWayMerge(input.fields, input.base, input.mine, current.data)
      if (conflicts.length > 0) return { kind: 'conflict', conflict: toView(current, conflicts, merged) }
      values = merged
    }
    try {
      const saved = await input.write(values, current)
      if (!saved) return { kind: 'missing' }
      return { kind: 'saved', saved, mergedWith: onBase ? null : (current.by ?? null) }
    } catch (error) {
      if (!(error instanceof StaleRecordError)) throw error
    }
  }
  return { kind: 'conflict', conflict: refuseWhole(input.fields, input.mine, current!) }
}

// Without a base nothing tells whose change a difference is: every differing field is the person's to decide.
function refuseWhole(fields: readonly string[], mine: Values, current: StoredRecord) {
  return toView(current, changedFields(fields, mine, current.data), Object.fromEntries(fields.map((f) => [f, mine[f]])))
}

function toView(current: StoredRecord, fields: string[], merged: Values): ConflictView {
  return { id: current.id, version: current.version, data: current.data, fields, merged, by: current.by ?? null }
}

/** The 409 answer to a save on a stale base; `result` may carry the form's own reply. */
export function conflictResponse(formId: string, conflict: ConflictView, result?: unknown) {
  return data(
    {
      formId,
      result: (result ?? { status: 'error', error: { '': ['conflict.stale'] } }) as {
        status: 'error'
        error: Record<string, string[]>
      },
      conflict,
      saved: null,
    },
    { status: 409 },
  )
}
