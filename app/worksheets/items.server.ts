import { parseWithZod } from '@conform-to/zod'
import { data } from '@remix-run/node'
import { type Db } from '#db/client.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { canOnPlan, type Actor, type PlanRole } from '#core/permissions.ts'
import { type SubstepCode } from '#core/substeps.ts'
import { uuid, z } from '../utils/validation.ts'
import { conflictResponse, readBase } from '../conflicts/save.server.ts'
import { SUBSTEPS } from '../method/substeps.server.ts'
import { deleteItemOnBase } from './item-delete.server.ts'
import { itemSaveResponse, saveItemOnBase } from './item-save.server.ts'
import { KINDS, kindSpec, WORKSHEETS } from '../method/worksheets.ts'
import * as MemberRepository from '#db/repositories/members.ts'
import { dataSchema, formFields, linkFields, MEMBER_OPTIONS, memberFields, type KindSpec } from './spec.ts'

import { type LinkOption, type WorksheetItemView } from './types.ts'
import { recordWords, wordsLookup, type WordsOf } from './recordName.ts'

export type { LinkOption, WorksheetItemView }

/** Items of the kinds a sub-step edits, plus the options its link pickers offer. */
export async function loadWorksheet(db: Db, planId: string, code: SubstepCode) {
  const { lists, linkKinds } = WORKSHEETS[code]
  const kinds = [...new Set([...lists, ...linkKinds])]
  // A pair is named by its issue and target, so its options need those too (ADR 057).
  const named = kinds.includes('pair') ? ['issue', 'target'] : []
  const rows = await ItemRepository.findByKinds(db, planId, [...new Set([...kinds, ...named])])
  const items: Record<string, WorksheetItemView[]> = Object.fromEntries(kinds.map((k) => [k, []]))
  for (const row of rows) items[row.kind]?.push(row)
  const wordsOf = wordsLookup(rows, (kind) => KINDS[kind]?.titleField)
  const options: Record<string, LinkOption[]> = {}
  for (const kind of kinds) options[kind] = items[kind]!.map((i) => toOption(i, wordsOf))
  // A member field (an indicator's responsible person) picks from the team, by name (ADR 062).
  if (lists.some((kind) => memberFields(KINDS[kind]!).length > 0))
    options[MEMBER_OPTIONS] = (await MemberRepository.findByPlan(db, planId)).map((m) => ({
      id: m.user_id,
      ref: '',
      label: m.organisation_acronym ? `${m.name} (${m.organisation_acronym})` : m.name,
    }))
  return { kinds: lists, items, options }
}

function toOption(item: WorksheetItemView, wordsOf: WordsOf): LinkOption {
  return { id: item.id, ref: item.ref, label: recordWords(item.kind, KINDS[item.kind]?.titleField, item.data, wordsOf) }
}

const itemIntent = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('item:create'), kind: z.string().max(40) }),
  z.object({
    intent: z.literal('item:update'),
    kind: z.string().max(40),
    id: uuid,
    version: z.coerce.number().int().positive(),
  }),
  z.object({ intent: z.literal('item:delete'), id: uuid, version: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal('item:move'), id: uuid, direction: z.enum(['up', 'down']) }),
])

export function isItemIntent(intent: unknown): boolean {
  return typeof intent === 'string' && intent.startsWith('item:')
}

interface ActionContext {
  db: Db
  planId: string
  actor: Actor
  role: PlanRole | null
  formData: FormData
}

/** Handles the create / update / delete / move forms of every list worksheet. */
export async function handleItemAction({ db, planId, actor, role, formData }: ActionContext) {
  if (!canOnPlan(actor, role, 'worksheet:edit')) throw data({ message: 'Forbidden' }, { status: 403 })
  const formId = String(formData.get('formId') ?? '').slice(0, 100)
  const head = itemIntent.safeParse(
    Object.fromEntries(
      [...formData.entries()].filter(([k]) => ['intent', 'kind', 'id', 'version', 'direction'].includes(k)),
    ),
  )
  if (!head.success)
    return data(
      { formId, result: { status: 'error' as const, error: { '': ['validation.invalid'] } }, conflict: null },
      { status: 400 },
    )
  const intent = head.data
  // Some kinds (criteria, decisions) are reserved to a narrower role than worksheet:edit.
  const targetKind = 'kind' in intent ? intent.kind : (await ItemRepository.findById(db, planId, intent.id))?.kind
  const editAction = kindSpec(targetKind)?.editAction
  if (editAction && !canOnPlan(actor, role, editAction)) throw data({ message: 'Forbidden' }, { status: 403 })

  if (intent.intent === 'item:move') {
    const moved = await ItemRepository.move(db, {
      planId,
      id: intent.id,
      direction: intent.direction,
      actorId: actor.id,
    })
    return moved ? { formId, result: null, conflict: null } : notFound(formId)
  }
  if (intent.intent === 'item:delete') {
    const referencing = await ItemRepository.findReferencing(db, planId, intent.id)
    if (referencing.length > 0) {
      return data(
        {
          formId,
          result: {
            status: 'error' as const,
            error: { '': [`validation.stillReferenced|${referencing.map((r) => r.ref).join(', ')}`] },
          },
          conflict: null,
        },
        { status: 400 },
      )
    }
    // Someone changed it since the person saw it: they see what changed and choose (ADR 036).
    const outcome = await deleteItemOnBase(db, {
      planId,
      id: intent.id,
      version: intent.version,
      base: readBase(formData),
      actorId: actor.id,
    })
    if (outcome.kind === 'missing') return notFound(formId)
    if (outcome.kind === 'changed')
      return conflictResponse(formId, outcome.conflict, { status: 'error', error: { '': ['conflict.deleteStale'] } })
    return { formId, result: null, conflict: null }
  }

  const spec = kindSpec(intent.kind)
  if (!spec)
    return data(
      { formId, result: { status: 'error' as const, error: { kind: ['validation.invalidChoice'] } }, conflict: null },
      { status: 400 },
    )
  const submission = await parseWithZod(formData, {
    schema: dataSchema(spec).superRefine(async (value, ctx) => {
      let linksOk = true
      for (const link of linkFields(spec)) {
        const raw = value[link.name]
        const ids = (Array.isArray(raw) ? raw : raw ? [raw] : []).filter((v): v is string => typeof v === 'string')
        const found = await ItemRepository.findExistingIds(db, planId, link.kind, ids)
        if (ids.some((id) => !found.has(id))) {
          ctx.addIssue({ code: 'custom', path: [link.name], message: 'validation.unknownLink' })
          linksOk = false
        }
      }
      // A member field names someone on the team now; a stored value that is kept unchanged is
      // checked too, so a former member has to be replaced when the record is next saved.
      for (const name of memberFields(spec)) {
        const userId = value[name]
        // A malformed id already failed the field's own schema (the refinement still runs).
        if (!uuid.safeParse(userId).success) continue
        if ((await MemberRepository.findRole(db, planId, userId as string)) === null) {
          ctx.addIssue({ code: 'custom', path: [name], message: 'validation.notMember' })
          linksOk = false
        }
      }
      const check = SUBSTEPS[spec.substep].checks?.[spec.kind]
      if (check && linksOk) {
        const id = intent.intent === 'item:update' ? intent.id : null
        for (const issue of await check({ db, planId, id, value }))
          ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message })
      }
    }),
    async: true,
  })
  if (submission.status !== 'success')
    return data({ formId, result: submission.reply(), conflict: null }, { status: 400 })

  if (intent.intent === 'item:create') {
    if (isSingleton(spec) && (await ItemRepository.findByKind(db, planId, spec.kind)).length > 0) {
      return data(
        { formId, result: submission.reply({ formErrors: ['validation.alreadyExists'] }), conflict: null },
        { status: 400 },
      )
    }
    await ItemRepository.insert(db, {
      planId,
      kind: spec.kind,
      refPrefix: spec.refPrefix,
      data: submission.value,
      actorId: actor.id,
    })
    return { formId, result: submission.reply({ resetForm: true }), conflict: null }
  }
  const existing = await ItemRepository.findById(db, planId, intent.id)
  if (!existing || existing.kind !== spec.kind) return notFound(formId)
  const outcome = await saveItemOnBase(db, {
    planId,
    id: intent.id,
    kind: spec.kind,
    // A node's x/y are moved on the map (node:position), never by saving its form.
    fields: formFields(spec).map((f) => f.name),
    version: intent.version,
    base: readBase(formData),
    mine: submission.value,
    actorId: actor.id,
  })
  return itemSaveResponse(formId, outcome, submission.reply(), submission.reply({ formErrors: ['conflict.stale'] }))
}

export function isSingleton(spec: KindSpec) {
  return spec.singleton === true
}

function notFound(formId: string) {
  return data(
    { formId, result: { status: 'error' as const, error: { '': ['validation.unknownItem'] } }, conflict: null },
    { status: 404 },
  )
}
