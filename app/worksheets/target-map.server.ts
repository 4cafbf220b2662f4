import { data } from '@remix-run/node'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { canOnPlan } from '../utils/permissions.ts'
import { uuid, z } from '../utils/validation.ts'
import { type ExtraContext } from './extras.server.ts'
import { MAP_COORD_MAX } from './step2.ts'
import { readBase } from '../conflicts/save.server.ts'
import { itemSaveResponse, saveItemOnBase } from './item-save.server.ts'

const coordinate = z.coerce.number({ invalid_type_error: 'validation.number' }).int('validation.integer').min(0).max(MAP_COORD_MAX)
const positionForm = z.object({
  intent: z.literal('node:position'),
  id: uuid,
  version: z.coerce.number().int().positive(),
  x: coordinate,
  y: coordinate,
})

/** Moves a node of the target map (drag, arrow keys or the x/y form) from the position the person saw. */
export async function handleTargetMapAction({ db, planId, actor, role, formData }: ExtraContext & { formData: FormData }) {
  const formId = String(formData.get('formId') ?? '').slice(0, 100)
  if (!canOnPlan(actor, role, 'worksheet:edit')) throw data({ message: 'Forbidden' }, { status: 403 })
  const parsed = positionForm.safeParse(Object.fromEntries(['intent', 'id', 'version', 'x', 'y'].map((k) => [k, formData.get(k) ?? undefined])))
  if (!parsed.success) {
    const error: Record<string, string[]> = {}
    for (const issue of parsed.error.issues) (error[String(issue.path[0] ?? '')] ??= []).push(issue.message)
    return data({ formId, result: { status: 'error' as const, error }, conflict: null }, { status: 400 })
  }
  const { id, version, x, y } = parsed.data
  const node = await ItemRepository.findById(db, planId, id)
  if (!node || node.kind !== 'node') return data({ formId, result: { status: 'error' as const, error: { '': ['validation.unknownItem'] } }, conflict: null }, { status: 404 })
  // Someone else's edit of the label merges; someone else's move of the same node is refused (ADR 036).
  const outcome = await saveItemOnBase(db, { planId, id, kind: 'node', fields: ['x', 'y'], version, base: readBase(formData), mine: { x, y }, actorId: actor.id })
  return itemSaveResponse(formId, outcome)
}
