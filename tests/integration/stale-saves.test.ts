import { describe, expect, it } from 'vitest'
import { addMember, createPlan } from '#tests/factories/index.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import * as SelectionRepository from '#db/repositories/intervention-selections.ts'
import { getDb } from '#app/utils/db.server.ts'
import { KINDS } from '#app/method/worksheets.ts'
import { type FieldSpec, type KindSpec } from '#app/worksheets/spec.ts'
import { action } from '#app/routes/plans.$planId.steps.$substep.tsx'
import { args, call, createUserWithSession, makeRequest } from '#tests/utils.ts'

// Every worksheet kind, saved by two people who opened the same version: the second save is merged
// when they changed different fields and refused with 409 when they changed the same one (ADR 036).

const db = getDb()

type Form = Record<string, string | string[]>

async function team() {
  const a = await createUserWithSession(db, { name: 'Budi Hartono' })
  const b = await createUserWithSession(db)
  const plan = await createPlan(db, a.user.id)
  // Both are leads so that kinds reserved to the lead (criteria, the 2.2 decision) are covered too.
  await addMember(db, plan.id, b.user.id, 'lead', a.user.id)
  return { plan, a, b }
}

/** An item of `kind` to link to, inserted directly (its own content does not matter here). */
async function linkTarget(planId: string, kind: string, actorId: string) {
  const spec = KINDS[kind]!
  const item = await ItemRepository.insert(db, {
    planId,
    kind,
    refPrefix: spec.refPrefix,
    data: { [spec.titleField]: `Linked ${kind}` },
    actorId,
  })
  // 6.2 activities may only build on a selected intervention.
  if (kind === 'intervention')
    await SelectionRepository.save(db, {
      planId,
      interventionId: item.id,
      expectedVersion: null,
      data: { decision: 'selected', rationale: 'Agreed' },
      actorId,
    })
  return item.id
}

/** A valid form for a new item of `spec`: every required field filled, with distinct link targets. */
async function validForm(spec: KindSpec, planId: string, actorId: string): Promise<Form> {
  const form: Form = {}
  for (const f of spec.fields) {
    const value = await sample(f, planId, actorId)
    if (value !== null) form[f.name] = value
  }
  return form
}

async function sample(f: FieldSpec, planId: string, actorId: string): Promise<string | string[] | null> {
  switch (f.type) {
    case 'text':
    case 'longtext':
      return f.required ? `Opened ${f.name}` : null
    case 'number':
      return f.required ? String(Math.max(f.min ?? 1, 1)) : null
    case 'enum':
      return f.required ? f.options[0]! : null
    case 'date':
      return f.required ? (/end|target/i.test(f.name) ? '2027-06-30' : '2026-01-01') : null
    case 'link':
      return f.required ? linkTarget(planId, f.kind, actorId) : null
    case 'links':
      return (f.min ?? 0) > 0 ? [await linkTarget(planId, f.kind, actorId)] : null
    case 'member':
    case 'multiEnum':
    case 'boolean':
      return null
  }
}

// Fields both people can change with free text: what the scenarios below edit.
const textFields = (spec: KindSpec) =>
  spec.fields.filter((f) => f.type === 'text' || f.type === 'longtext').map((f) => f.name)

async function save(planId: string, cookie: string, substep: string, form: Form) {
  return call(() =>
    action(args(makeRequest(`/plans/${planId}/steps/${substep}`, { cookie, form }), { planId, substep })),
  )
}

async function created(spec: KindSpec) {
  const { plan, a, b } = await team()
  const form = await validForm(spec, plan.id, a.user.id)
  const res = await save(plan.id, a.cookie, spec.substep, { intent: 'item:create', kind: spec.kind, ...form })
  expect(res.status, JSON.stringify(res.data)).toBe(200)
  const [item] = await ItemRepository.findByKind(db, plan.id, spec.kind)
  const update = (cookie: string, changes: Form, extra: Form = {}) =>
    save(plan.id, cookie, spec.substep, {
      intent: 'item:update',
      kind: spec.kind,
      id: item!.id,
      version: '1',
      base: JSON.stringify(item!.data),
      ...form,
      ...changes,
      ...extra,
    })
  return { plan, a, b, item: item!, update }
}

const kinds = Object.values(KINDS)

describe.each(kinds.map((spec) => [spec.kind, spec] as const))('a stale save of a %s', (_kind, spec) => {
  it('is refused with 409 when both changed the same field, and the first save stays', async () => {
    const { a, b, item, update } = await created(spec)
    const field = textFields(spec)[0]!
    expect((await update(a.cookie, { [field]: 'Saved first' })).status).toBe(200)
    const res = await update(b.cookie, { [field]: 'Typed second' })
    expect(res.status).toBe(409)
    expect(res.data.conflict).toMatchObject({
      version: 2,
      fields: [field],
      by: 'Budi Hartono',
      data: { [field]: 'Saved first' },
      merged: { [field]: 'Typed second' },
    })
    expect((await ItemRepository.findById(db, item.plan_id, item.id))!.data[field]).toBe('Saved first')
    // Without the values it started from, a stale save cannot be merged and is refused whole.
    expect((await update(b.cookie, { [field]: 'Typed second' }, { base: '' })).status).toBe(409)
    // Having seen theirs, the person saves knowingly on the new version.
    expect(
      (
        await update(
          b.cookie,
          { [field]: 'Typed second' },
          { version: '2', base: JSON.stringify(res.data.conflict.data) },
        )
      ).status,
    ).toBe(200)
    expect((await ItemRepository.findById(db, item.plan_id, item.id))!.data[field]).toBe('Typed second')
  })

  it.skipIf(textFields(spec).length < 2)('keeps both changes when they changed different fields', async () => {
    const { a, b, item, update } = await created(spec)
    const [first, second] = textFields(spec) as [string, string]
    expect((await update(a.cookie, { [first]: 'Changed by A' })).status).toBe(200)
    const res = await update(b.cookie, { [second]: 'Changed by B' })
    expect(res.status).toBe(200)
    expect(res.data.saved).toMatchObject({ version: 3, mergedWith: 'Budi Hartono' })
    expect((await ItemRepository.findById(db, item.plan_id, item.id))!.data).toMatchObject({
      [first]: 'Changed by A',
      [second]: 'Changed by B',
    })
  })
})

// The save paths beyond the item form, each with the same two people: [what, first save, second
// save on the same base]. Each case returns the stored value the second save must not overwrite.
interface PathCase {
  name: string
  /** Sets up the record; returns the two forms (same field, different values) and a reader of the stored field. */
  setup: (
    planId: string,
    actorId: string,
  ) => Promise<{ substep: string; first: Form; second: Form; stored: () => Promise<unknown>; kept: unknown }>
}

function firstOption(kind: string, field: string) {
  const spec = KINDS[kind]!.fields.find((f) => f.name === field)
  return spec?.type === 'enum' ? spec.options[0] : undefined
}

const pathCases: PathCase[] = [
  {
    name: 'a 5.2 decision and its rationale',
    setup: async (planId, actorId) => {
      const intervention = await linkTarget(planId, 'intervention', actorId)
      const [decision] = await ItemRepository.findByKind(db, planId, 'intervention_selection')
      const form = {
        intent: 'selection:save',
        intervention,
        version: String(decision!.version),
        base: JSON.stringify(decision!.data),
      }
      return {
        substep: '5.2',
        first: { ...form, decision: 'selected', rationale: 'Agreed by the union' },
        second: { ...form, decision: 'deferred', rationale: 'Wait for the budget' },
        stored: async () => (await SelectionRepository.findByPlan(db, planId)).get(intervention)?.data.rationale,
        kept: 'Agreed by the union',
      }
    },
  },
  {
    name: 'a position on the 2.3 target map',
    setup: async (planId, actorId) => {
      const node = await ItemRepository.insert(db, {
        planId,
        kind: 'node',
        refPrefix: 'N',
        data: { label: 'Estates', nodeCategory: firstOption('node', 'nodeCategory'), x: 100, y: 100 },
        actorId,
      })
      const form = {
        intent: 'node:position',
        id: node.id,
        version: '1',
        base: JSON.stringify({ position: { x: 100, y: 100 } }),
      }
      return {
        substep: '2.3',
        first: { ...form, x: '300', y: '300' },
        second: { ...form, x: '500', y: '100' },
        stored: async () => (await ItemRepository.findById(db, planId, node.id))!.data.x,
        kept: 300,
      }
    },
  },
  {
    name: 'a stakeholder’s place on the 4.2 grid',
    setup: async (planId, actorId) => {
      const stakeholder = await ItemRepository.insert(db, {
        planId,
        kind: 'stakeholder',
        refPrefix: 'S',
        data: { name: 'Estate owners', category: firstOption('stakeholder', 'category') },
        actorId,
      })
      const form = { intent: 'stakeholder:place', id: stakeholder.id, version: '1', base: JSON.stringify({}) }
      return {
        substep: '4.2',
        first: { ...form, agreedInfluence: '5', agreedAlignment: '2' },
        second: { ...form, agreedInfluence: '1', agreedAlignment: '-2' },
        stored: async () => (await ItemRepository.findById(db, planId, stakeholder.id))!.data.agreedInfluence,
        kept: 5,
      }
    },
  },
]

describe.each(pathCases.map((c) => [c.name, c] as const))('a stale save of %s', (_name, c) => {
  it('is refused with 409 and both values, and the first save stays', async () => {
    const { plan, a, b } = await team()
    const { substep, first, second, stored, kept } = await c.setup(plan.id, a.user.id)
    expect((await save(plan.id, a.cookie, substep, first)).status).toBe(200)
    const res = await save(plan.id, b.cookie, substep, second)
    expect(res.status).toBe(409)
    expect(res.data.conflict.fields.length).toBeGreaterThan(0)
    expect(res.data.conflict.by).toBe('Budi Hartono')
    expect(await stored()).toEqual(kept)
  })
})
