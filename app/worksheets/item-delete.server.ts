// Deleting a worksheet item from the version the person saw (ADR 036). There is nothing to merge:
// if someone changed what the person would delete since they saw it, the delete is refused with
// 409, what changed and who changed it, and the person chooses to delete the item as it is now
// ("Delete anyway") or to keep it.
import { type Db } from '#db/client.ts'
import { StaleRecordError } from '#db/executor.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { changedFields, type Values } from '../conflicts/merge.ts'
import { type ConflictView } from '../conflicts/protocol.ts'
import { kindSpec } from '../method/worksheets.ts'

export type DeleteOutcome = { kind: 'deleted' } | { kind: 'missing' } | { kind: 'changed'; conflict: ConflictView }

const ATTEMPTS = 3

/** The fields a person sees of an item: its kind's fields, else every field either version has. */
function contentFields(kind: string, base: Values, current: Values) {
  return kindSpec(kind)?.fields.map((f) => f.name) ?? [...new Set([...Object.keys(base), ...Object.keys(current)])]
}

/**
 * Deletes item `id` if it is still at `version`, or still holds the `base` values the person saw
 * (a save since that changed none of its fields takes nothing from anyone). Otherwise refuses with
 * the item as it is now: `data`, the changed `fields`, what the person saw of them (`base`), `by`.
 */
export async function deleteItemOnBase(
  db: Db,
  input: { planId: string; id: string; version: number; base: Values | null; actorId: string },
): Promise<DeleteOutcome> {
  let expected = input.version
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    try {
      const deleted = await ItemRepository.deleteById(db, {
        planId: input.planId,
        id: input.id,
        expectedVersion: expected,
        actorId: input.actorId,
      })
      return deleted ? { kind: 'deleted' } : { kind: 'missing' }
    } catch (error) {
      if (!(error instanceof StaleRecordError)) throw error
    }
    const current = await ItemRepository.findById(db, input.planId, input.id)
    if (!current) return { kind: 'missing' }
    const base = input.base
    const fields =
      base && current.version > input.version
        ? changedFields(contentFields(current.kind, base, current.data), base, current.data)
        : null
    if (fields && fields.length === 0 && attempt < ATTEMPTS - 1) {
      expected = current.version
      continue
    }
    return {
      kind: 'changed',
      conflict: {
        id: current.id,
        version: current.version,
        data: current.data,
        fields: fields ?? [],
        merged: {},
        base: base ? Object.fromEntries((fields ?? []).map((f) => [f, base[f]])) : undefined,
        by: current.updated_by_name ?? null,
      },
    }
  }
  return { kind: 'missing' }
}
