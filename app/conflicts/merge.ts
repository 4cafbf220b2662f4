// Three-way merge of one record, field by field. Isomorphic and pure: the server merges a save made
// on a stale base with it, and the tests pin its rules. See ADR 036.

export type Values = Record<string, unknown>

export interface MergeResult {
  /** The values to save: mine where I changed a field, theirs where only they did. */
  merged: Values
  /** Fields both sides changed to different values: never saved without the person choosing. */
  conflicts: string[]
}

/**
 * Merges `mine` (what the person submits) and `theirs` (what is saved now), both derived from
 * `base` (what the person started editing from). A field only one side changed takes that side's
 * value; a field both changed to the same value is no conflict; a field both changed differently is
 * a conflict and keeps my value in `merged` so nothing typed is lost.
 */
export function threeWayMerge(fields: readonly string[], base: Values, mine: Values, theirs: Values): MergeResult {
  const merged: Values = {}
  const conflicts: string[] = []
  for (const field of fields) {
    const [b, m, t] = [base[field], mine[field], theirs[field]]
    if (sameValue(m, t) || sameValue(t, b)) merged[field] = m
    else if (sameValue(m, b)) merged[field] = t
    else {
      merged[field] = m
      conflicts.push(field)
    }
  }
  return { merged, conflicts }
}

/** The fields whose value differs between two versions of a record. */
export function changedFields(fields: readonly string[], before: Values, after: Values): string[] {
  return fields.filter((f) => !sameValue(before[f], after[f]))
}

/**
 * Equality as a form sees it: empty (undefined, null, '', []) is one value, and a list of choices
 * (checkbox group) is a set, so its order does not count as a change.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b)
}

function canonical(value: unknown): string {
  if (value === undefined || value === null || value === '') return ''
  if (Array.isArray(value)) return value.length === 0 ? '' : JSON.stringify(value.map((v) => canonical(v)).sort())
  if (typeof value === 'object')
    return JSON.stringify(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Values)[k])]),
    )
  return JSON.stringify(value)
}
