// Saving an existing worksheet item through the shared merge protocol (ADR 036): the item form, the
// 5.2 decisions, the map positions and the 4.2 grid placement all come through here.
import { data } from '@remix-run/node'
import { type Db } from '#db/client.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { type Values } from '../conflicts/merge.ts'
import { conflictResponse, saveOnBase, type SaveOutcome } from '../conflicts/save.server.ts'
import { type WorksheetItemView } from './types.ts'

/** Saves `fields` of one item of `kind` on a plan, started from `version` / `base`. */
export function saveItemOnBase(
  db: Db,
  input: {
    planId: string
    id: string
    kind: string
    fields: readonly string[]
    version: number
    base: Values | null
    mine: Values
    actorId: string
  },
): Promise<SaveOutcome<WorksheetItemView>> {
  // Every field is named, so an emptied optional field is saved as empty, not left as it was.
  const mine = Object.fromEntries(input.fields.map((f) => [f, input.mine[f]]))
  return saveOnBase({
    fields: input.fields,
    version: input.version,
    base: input.base,
    mine,
    load: async () => {
      const row = await ItemRepository.findById(db, input.planId, input.id)
      return row && row.kind === input.kind
        ? { id: row.id, version: row.version, data: row.data, by: row.updated_by_name }
        : null
    },
    // Fields the form does not show (e.g. positions on the map) stay as saved.
    write: (values, current) =>
      ItemRepository.update(db, {
        planId: input.planId,
        id: input.id,
        expectedVersion: current.version,
        data: { ...current.data, ...values },
        actorId: input.actorId,
      }),
  })
}

/** The answer to a save (of an item or of a participant's scores): 200 with the saved version, 409 with the conflict, or 404. */
export function itemSaveResponse(
  formId: string,
  outcome: SaveOutcome<{ id: string; version: number; data: Values }>,
  reply: unknown = { status: 'success' },
  conflictReply?: unknown,
) {
  if (outcome.kind === 'missing')
    return data(
      {
        formId,
        result: { status: 'error' as const, error: { '': ['validation.unknownItem'] } },
        conflict: null,
        saved: null,
      },
      { status: 404 },
    )
  if (outcome.kind === 'conflict') return conflictResponse(formId, outcome.conflict, conflictReply)
  const { id, version, data: values } = outcome.saved
  return {
    formId,
    result: reply as { status: 'success' },
    conflict: null,
    saved: { id, version, data: values, mergedWith: outcome.mergedWith },
  }
}
