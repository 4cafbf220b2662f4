// Which worksheet fields carry an example from the worked example plan as their placeholder
// (ADR 057): every field people type into. Choices (selects, checkboxes, dates) show their
// options instead, and a map node's position is set on the map, not typed.
import { type FieldSpec } from './spec.ts'

const TYPED: ReadonlySet<FieldSpec['type']> = new Set(['text', 'longtext', 'number'])
const PLACED_ON_THE_MAP: Record<string, readonly string[]> = { node: ['x', 'y'] }

export function hasExample(kind: string, field: FieldSpec): boolean {
  return TYPED.has(field.type) && !PLACED_ON_THE_MAP[kind]?.includes(field.name)
}

/** The translation key of a field's example. */
export const exampleKey = (kind: string, field: string) => `kinds.${kind}.examples.${field}`
