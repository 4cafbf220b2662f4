// What an "updated" or "moved" history entry changed, field by field, for the plan's activity list.
// Isomorphic and pure: the entry keeps the whole record before and after (db/repositories).

export interface FieldChange {
  field: string
  before: string
  after: string
}

const MAX = 80

function show(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—'
  if (Array.isArray(value)) return String(value.length)
  if (typeof value === 'object') return '…'
  const text = String(value)
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text
}

/** The fields whose value differs between two snapshots (the reference excluded), in a stable order. */
export function changedFields(oldValue: unknown, newValue: unknown): FieldChange[] {
  if (!oldValue || !newValue || typeof oldValue !== 'object' || typeof newValue !== 'object') return []
  const before = oldValue as Record<string, unknown>
  const after = newValue as Record<string, unknown>
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => k !== 'ref')
  return keys.filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null)).map((k) => ({ field: k, before: show(before[k]), after: show(after[k]) }))
}
