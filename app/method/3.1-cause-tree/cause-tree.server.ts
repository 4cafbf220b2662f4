import { data } from '@remix-run/node'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { canOnPlan } from '#core/permissions.ts'
import { uuid, z } from '../../utils/validation.ts'
import { type ItemCheck } from '../define.server.ts'
import { type SubstepContext } from '../define.server.ts'
import { descendantsOf, type PriorityView } from './worksheet.ts'

/** A cause cannot sit under itself or under one of its own descendants (the tree must stay a tree). */
export const causeCycleCheck: ItemCheck = async ({ db, planId, id, value }) => {
  const parent = value.parent
  if (!id || typeof parent !== 'string') return []
  const causes = await ItemRepository.findByKind(db, planId, 'cause')
  return descendantsOf(causes, id).has(parent) ? [{ path: 'parent', message: 'validation.causeCycle' }] : []
}

/** The priority selected in 2.2 (issue × target pairs), or null when none is recorded yet. */
export async function loadCauseContext({ db, planId }: SubstepContext): Promise<{ priority: PriorityView | null }> {
  const items = await ItemRepository.findByKinds(db, planId, ['priority_decision', 'pair', 'issue', 'target'])
  const decision = items.find((i) => i.kind === 'priority_decision')
  const selected = Array.isArray(decision?.data.pairs) ? (decision.data.pairs as string[]) : []
  if (!decision || selected.length === 0) return { priority: null }
  const byId = new Map(items.map((i) => [i.id, i]))
  const name = (id: unknown, field: string) => {
    const item = typeof id === 'string' ? byId.get(id) : undefined
    // Words only: the pair is shown by its issue and target, then its own code (ADR 057).
    return item ? String(item.data[field] ?? '').trim() || item.ref : '?'
  }
  const pairs = selected.flatMap((pairId) => {
    const pair = byId.get(pairId)
    return pair
      ? [{ id: pair.id, ref: pair.ref, issue: name(pair.data.issue, 'title'), target: name(pair.data.target, 'name') }]
      : []
  })
  return { priority: { pairs, rationale: typeof decision.data.rationale === 'string' ? decision.data.rationale : '' } }
}

const moveSchema = z.object({ intent: z.literal('cause:move'), id: uuid, direction: z.enum(['up', 'down']) })

/** 3.1 intents beyond the item forms: moving a cause among its siblings. */
export async function handleCauseAction({
  db,
  planId,
  actor,
  role,
  formData,
}: SubstepContext & { formData: FormData }) {
  if (!canOnPlan(actor, role, 'worksheet:edit')) throw data({ message: 'Forbidden' }, { status: 403 })
  const formId = String(formData.get('formId') ?? '').slice(0, 100)
  const parsed = moveSchema.safeParse(Object.fromEntries(formData))
  if (!parsed.success)
    return data(
      { formId, result: { status: 'error' as const, error: { '': ['validation.invalid'] } }, conflict: null },
      { status: 400 },
    )
  const item = await ItemRepository.findById(db, planId, parsed.data.id)
  if (!item || item.kind !== 'cause')
    return data(
      { formId, result: { status: 'error' as const, error: { '': ['validation.unknownItem'] } }, conflict: null },
      { status: 404 },
    )
  await ItemRepository.moveAmongSiblings(db, {
    planId,
    id: item.id,
    direction: parsed.data.direction,
    field: 'parent',
    actorId: actor.id,
  })
  return { formId, result: null, conflict: null }
}
