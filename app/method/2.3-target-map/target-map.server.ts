import { data } from '@remix-run/node'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { canOnPlan } from '#core/permissions.ts'
import { uuid, z } from '../../utils/validation.ts'
import { readBase, saveOnBase } from '../../conflicts/save.server.ts'
import { type SubstepContext } from '../define.server.ts'
import { itemSaveResponse } from '../../worksheets/item-save.server.ts'
import { MAP_COORD_MAX, storedPosition } from '../../worksheets/targetMapLayout.ts'
import { type WorksheetItemView } from '../../worksheets/types.ts'

const coordinate = z.coerce
  .number({ invalid_type_error: 'validation.number' })
  .int('validation.integer')
  .min(0)
  .max(MAP_COORD_MAX)
const positionForm = z.object({
  intent: z.literal('node:position'),
  id: uuid,
  version: z.coerce.number().int().positive(),
  x: coordinate,
  y: coordinate,
})

/** The one field a move saves: x and y together, so a merge never makes a position nobody chose. */
export const POSITION_FIELDS = ['position'] as const

/**
 * Moves a node of the target map (drag, arrow keys or the x/y form) from the position the person
 * started from. The record exchanged with the form is `{ position: { x, y } }`, base included.
 */
export async function handleTargetMapAction({
  db,
  planId,
  actor,
  role,
  formData,
}: SubstepContext & { formData: FormData }) {
  const formId = String(formData.get('formId') ?? '').slice(0, 100)
  if (!canOnPlan(actor, role, 'worksheet:edit')) throw data({ message: 'Forbidden' }, { status: 403 })
  const parsed = positionForm.safeParse(
    Object.fromEntries(['intent', 'id', 'version', 'x', 'y'].map((k) => [k, formData.get(k) ?? undefined])),
  )
  if (!parsed.success) {
    const error: Record<string, string[]> = {}
    for (const issue of parsed.error.issues) (error[String(issue.path[0] ?? '')] ??= []).push(issue.message)
    return data({ formId, result: { status: 'error' as const, error }, conflict: null }, { status: 400 })
  }
  const { id, version, x, y } = parsed.data
  const base = readBase(formData)
  let node: WorksheetItemView | undefined
  // Someone else's edit of the label merges; someone else's move of the same node is refused (ADR 036).
  const outcome = await saveOnBase({
    fields: POSITION_FIELDS,
    version,
    base: base ? { position: storedPosition(base.position) } : null,
    mine: { position: { x, y } },
    load: async () => {
      node = await ItemRepository.findById(db, planId, id)
      return node && node.kind === 'node'
        ? {
            id: node.id,
            version: node.version,
            data: { position: storedPosition(node.data) },
            by: node.updated_by_name,
          }
        : null
    },
    write: async (values, current) => {
      const position = storedPosition(values.position)
      const saved = await ItemRepository.update(db, {
        planId,
        id,
        expectedVersion: current.version,
        data: { ...node!.data, x: position.x, y: position.y },
        actorId: actor.id,
      })
      return saved ? { id: saved.id, version: saved.version, data: { position: storedPosition(saved.data) } } : null
    },
  })
  if (outcome.kind === 'missing')
    return data(
      { formId, result: { status: 'error' as const, error: { '': ['validation.unknownItem'] } }, conflict: null },
      { status: 404 },
    )
  return itemSaveResponse(formId, outcome)
}
