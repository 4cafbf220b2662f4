import { afterAll, describe, expect, it } from 'vitest'
import { createDb } from '#db/client.ts'
import { addMember, createPlan, createUser } from '#tests/factories/index.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import * as ActivityRepository from '#db/repositories/activity.ts'
import { type PlanRole } from '#core/permissions.ts'
import { handleItemAction } from './items.server.ts'
import { planProgress } from './progress.server.ts'

const db = createDb(process.env.DATABASE_URL!)
afterAll(() => db.destroy())

function form(values: Record<string, string | string[]>) {
  const fd = new FormData()
  for (const [k, v] of Object.entries(values)) for (const item of [v].flat()) fd.append(k, item)
  return fd
}

async function setup(role: PlanRole = 'lead') {
  const lead = await createUser(db)
  const plan = await createPlan(db, lead.id)
  let user = lead
  if (role !== 'lead') {
    user = await createUser(db)
    await addMember(db, plan.id, user.id, role, lead.id)
  }
  const act = (values: Record<string, string | string[]>) =>
    handleItemAction({
      db,
      planId: plan.id,
      actor: { id: user.id, globalRole: 'member' },
      role,
      formData: form(values),
    })
  return { plan, user, act }
}

type Unwrapped = {
  status: number
  body: {
    result: { status?: string; error?: Record<string, string[] | null> | null } | null
    conflict: { data: Record<string, unknown>; version: number } | null
  }
}
function unwrap(value: unknown): Unwrapped {
  if (value && typeof value === 'object' && 'init' in value && 'data' in value) {
    const v = value as { data: Unwrapped['body']; init: { status?: number } | null }
    return { status: v.init?.status ?? 200, body: v.data }
  }
  return { status: 200, body: value as Unwrapped['body'] }
}

const mandate = {
  intent: 'item:create',
  kind: 'mandate',
  instrument: 'Labour Inspection Act',
  powerType: 'entry_inspection',
}

describe('worksheet item actions', () => {
  it('creates items with stable references and records them in the history', async () => {
    const { plan, act } = await setup()
    expect(unwrap(await act(mandate)).status).toBe(200)
    expect(unwrap(await act({ ...mandate, instrument: 'Employment Act' })).status).toBe(200)
    const items = await ItemRepository.findByKind(db, plan.id, 'mandate')
    expect(items.map((i) => [i.ref, i.data.instrument])).toEqual([
      ['M1', 'Labour Inspection Act'],
      ['M2', 'Employment Act'],
    ])
    const history = await ActivityRepository.findRecentByPlan(db, plan.id)
    expect(history[0]).toMatchObject({ action: 'created', entity_type: 'mandate' })
  })

  it('refuses invalid data with field errors and writes nothing', async () => {
    const { plan, act } = await setup()
    const res = unwrap(
      await act({ intent: 'item:create', kind: 'mandate', instrument: 'x'.repeat(10_000), powerType: 'teleport' }),
    )
    expect(res.status).toBe(400)
    expect(res.body.result?.error?.instrument).toBeTruthy()
    expect(res.body.result?.error?.powerType).toBeTruthy()
    const bad = unwrap(
      await act({
        intent: 'item:create',
        kind: 'resource',
        resourceType: 'inspectors',
        description: 'x',
        quantity: '-3',
      }),
    )
    expect(bad.status).toBe(400)
    const women = unwrap(
      await act({
        intent: 'item:create',
        kind: 'resource',
        resourceType: 'inspectors',
        description: 'x',
        quantity: '3',
        women: '5',
      }),
    )
    expect(women.body.result?.error?.women).toEqual(['validation.womenAboveTotal'])
    expect(unwrap(await act({ intent: 'item:create', kind: 'no-such-kind' })).status).toBe(400)
    expect(unwrap(await act({ intent: 'item:explode' })).status).toBe(400)
    expect(await ItemRepository.findByKinds(db, plan.id, ['mandate', 'resource'])).toEqual([])
  })

  it('refuses a stale save, keeps the stored value and reports it', async () => {
    const { plan, act } = await setup()
    await act(mandate)
    const [item] = await ItemRepository.findByKind(db, plan.id, 'mandate')
    const first = unwrap(
      await act({ ...mandate, intent: 'item:update', id: item!.id, version: '1', instrument: 'Saved by the union' }),
    )
    expect(first.status).toBe(200)
    const second = unwrap(
      await act({
        ...mandate,
        intent: 'item:update',
        id: item!.id,
        version: '1',
        instrument: 'Saved by the inspectorate',
      }),
    )
    expect(second.status).toBe(409)
    expect(second.body.conflict).toMatchObject({ version: 2, data: { instrument: 'Saved by the union' } })
    const [stored] = await ItemRepository.findByKind(db, plan.id, 'mandate')
    expect(stored!.data.instrument).toBe('Saved by the union')
  })

  it('cannot reach an item of another plan through its id', async () => {
    const a = await setup()
    const b = await setup()
    await a.act(mandate)
    const [foreign] = await ItemRepository.findByKind(db, a.plan.id, 'mandate')
    expect(unwrap(await b.act({ ...mandate, intent: 'item:update', id: foreign!.id, version: '1' })).status).toBe(404)
    expect(unwrap(await b.act({ intent: 'item:delete', id: foreign!.id, version: '1' })).status).toBe(404)
    expect((await ItemRepository.findByKind(db, a.plan.id, 'mandate'))[0]!.data.instrument).toBe(
      'Labour Inspection Act',
    )
  })

  it('reorders items and refuses to delete with a stale version', async () => {
    const { plan, act } = await setup()
    await act(mandate)
    await act({ ...mandate, instrument: 'Second' })
    const [first] = await ItemRepository.findByKind(db, plan.id, 'mandate')
    await act({ intent: 'item:move', id: first!.id, direction: 'down' })
    expect((await ItemRepository.findByKind(db, plan.id, 'mandate')).map((i) => i.ref)).toEqual(['M2', 'M1'])
    await act({ ...mandate, intent: 'item:update', id: first!.id, version: '1', instrument: 'Changed' })
    expect(unwrap(await act({ intent: 'item:delete', id: first!.id, version: '1' })).status).toBe(409)
    expect(unwrap(await act({ intent: 'item:delete', id: first!.id, version: '2' })).status).toBe(200)
    expect((await ItemRepository.findByKind(db, plan.id, 'mandate')).map((i) => i.ref)).toEqual(['M2'])
  })

  it('allows only one size-of-universe record per plan', async () => {
    const { act } = await setup()
    const figures = { intent: 'item:create', kind: 'scope_figures', establishments: '100', workers: '3000' }
    expect(unwrap(await act(figures)).status).toBe(200)
    expect(unwrap(await act(figures)).status).toBe(400)
  })

  it.each(['contributor', 'viewer'] as const)('forbids a %s to edit worksheets', async (role) => {
    const { act } = await setup(role)
    await expect(act(mandate)).rejects.toMatchObject({ init: { status: 403 } })
  })

  it('lets a co-author edit worksheets', async () => {
    const { act } = await setup('coauthor')
    expect(unwrap(await act(mandate)).status).toBe(200)
  })
})

describe('step 1 progress', () => {
  it('moves 1.1 from not started to done once a power and a limit are recorded', async () => {
    const { plan, act } = await setup()
    const status = async () => (await planProgress(db, plan.id)).find((p) => p.code === '1.1')!
    expect(await status()).toMatchObject({ status: 'not_started' })
    await act(mandate)
    expect(await status()).toMatchObject({ status: 'in_progress', missing: ['progress.missing.noLimit'] })
    await act({ ...mandate, instrument: 'Limit', powerType: 'limit' })
    expect(await status()).toMatchObject({ status: 'done', missing: [] })
  })

  it('needs inspectors and the size of the universe for 1.2', async () => {
    const { plan, act } = await setup()
    await act({ intent: 'item:create', kind: 'resource', resourceType: 'vehicles', description: 'Cars', quantity: '2' })
    expect((await planProgress(db, plan.id)).find((p) => p.code === '1.2')).toMatchObject({
      status: 'in_progress',
      missing: ['progress.missing.noInspectors', 'progress.missing.noScopeFigures'],
    })
  })
})
