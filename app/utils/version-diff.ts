// What changed between two approved versions of a plan. Pure and isomorphic.
import { type PlanSnapshot } from '#db/types.ts'

export interface FieldChange {
  field: string
  before: unknown
  after: unknown
}

export interface ItemChange {
  kind: string
  ref: string
  change: 'added' | 'removed' | 'changed'
  /** The item's content in the newer version (in the older one when removed): an added or removed row shows it. */
  data: Record<string, unknown>
  fields: FieldChange[]
}

export type TeamMember = PlanSnapshot['team'][number]

export interface VersionDiff {
  plan: FieldChange[]
  team: { added: TeamMember[]; removed: TeamMember[] }
  items: ItemChange[]
  documents: { name: string; added: string[]; removed: string[] }[]
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()
  return keys
    .filter((k) => !same(before[k], after[k]))
    .map((field) => ({ field, before: before[field], after: after[field] }))
}

function lines(text: string) {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
}

/** The differences from `older` to `newer`, matched by item id (so edits keep their identity). */
export function diffVersions(older: PlanSnapshot, newer: PlanSnapshot): VersionDiff {
  const member = (m: TeamMember) => `${m.name}\u0000${m.organisation}\u0000${m.role}`
  const olderTeam = new Set(older.team.map(member))
  const newerTeam = new Set(newer.team.map(member))
  const olderItems = new Map(older.items.map((i) => [i.id, i]))
  const newerItems = new Map(newer.items.map((i) => [i.id, i]))
  const items: ItemChange[] = []
  for (const item of newer.items) {
    const before = olderItems.get(item.id)
    if (!before)
      items.push({
        kind: item.kind,
        ref: item.ref,
        change: 'added',
        data: item.data,
        fields: fieldChanges({}, item.data),
      })
    else {
      const fields = fieldChanges(before.data, item.data)
      if (fields.length) items.push({ kind: item.kind, ref: item.ref, change: 'changed', data: item.data, fields })
    }
  }
  for (const item of older.items) {
    if (!newerItems.has(item.id))
      items.push({
        kind: item.kind,
        ref: item.ref,
        change: 'removed',
        data: item.data,
        fields: fieldChanges(item.data, {}),
      })
  }
  items.sort((a, b) => a.kind.localeCompare(b.kind) || a.ref.localeCompare(b.ref, undefined, { numeric: true }))
  const olderDocs = new Map(older.documents.map((d) => [d.name, d.plainText]))
  const documents = newer.documents.flatMap((d) => {
    const before = new Set(lines(olderDocs.get(d.name) ?? ''))
    const after = new Set(lines(d.plainText))
    const added = [...after].filter((l) => !before.has(l))
    const removed = [...before].filter((l) => !after.has(l))
    return added.length || removed.length ? [{ name: d.name, added, removed }] : []
  })
  return {
    plan: fieldChanges(older.plan, newer.plan),
    team: {
      added: newer.team.filter((m) => !olderTeam.has(member(m))),
      removed: older.team.filter((m) => !newerTeam.has(member(m))),
    },
    items,
    documents,
  }
}
