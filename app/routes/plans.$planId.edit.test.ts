import { describe, expect, it } from 'vitest'
import { addMember, createPlan } from '#tests/factories/index.ts'
import * as ActivityRepository from '#db/repositories/activity.ts'
import { getDb } from '../utils/db.server.ts'
import { args, call, createUserWithSession, makeRequest } from '#tests/utils.ts'
import { action, loader } from './plans.$planId.edit.tsx'

const db = getDb()

const details = (title: string, version: number | string) => ({
  title,
  countryCode: 'PH',
  region: 'Visayas',
  sectors: ['A', 'C'],
  scope: 'regional',
  startDate: '2026-01-01',
  endDate: '2027-06-30',
  workingLanguage: 'en',
  version: String(version),
})

const save = (planId: string, cookie: string, form: Record<string, string | string[]>) =>
  call(() => action(args(makeRequest(`/plans/${planId}/edit`, { cookie, form }), { planId })))

const stored = (planId: string) => db.selectFrom('plans').selectAll().where('id', '=', planId).executeTakeFirstOrThrow()

describe('editing plan details', () => {
  it('saves the details, bumps the version and records old and new values', async () => {
    const { user, cookie } = await createUserWithSession(db)
    const plan = await createPlan(db, user.id, { title: 'Before' })
    const page = await call(() => loader(args(makeRequest(`/plans/${plan.id}/edit`, { cookie }), { planId: plan.id })))
    expect(page.data.plan.version).toBe(1)
    const res = await save(plan.id, cookie, details('After', 1))
    expect(res.location).toBe(`/plans/${plan.id}`)
    expect(await stored(plan.id)).toMatchObject({ title: 'After', region: 'Visayas', sectors: ['A', 'C'], version: 2 })
    const [latest] = await ActivityRepository.findRecentByPlan(db, plan.id)
    expect(latest).toMatchObject({ action: 'updated', old_value: { title: 'Before' }, new_value: { title: 'After' } })
  })

  it('refuses a stale save with 409 and the current value, overwriting nothing', async () => {
    const { user: alice, cookie: aliceCookie } = await createUserWithSession(db)
    const { user: bob, cookie: bobCookie } = await createUserWithSession(db)
    const plan = await createPlan(db, alice.id, { title: 'Original' })
    await addMember(db, plan.id, bob.id, 'lead', alice.id)
    // Both opened the form at version 1; Alice saves first.
    expect((await save(plan.id, aliceCookie, details('Alice’s title', 1))).status).toBe(302)
    const res = await save(plan.id, bobCookie, details('Bob’s title', 1))
    expect(res.status).toBe(409)
    expect(res.data.conflict).toMatchObject({ data: { title: 'Alice’s title' }, version: 2, fields: ['title'] })
    expect(res.data.result.error).toEqual({ '': ['conflict.stale'] })
    expect(await stored(plan.id)).toMatchObject({ title: 'Alice’s title', version: 2 })
    // With the current version Bob can then save deliberately.
    expect((await save(plan.id, bobCookie, details('Bob’s title', 2))).status).toBe(302)
    expect(await stored(plan.id)).toMatchObject({ title: 'Bob’s title', version: 3 })
  })

  it('lets only one of two simultaneous saves of the same version win', async () => {
    const { user: alice, cookie: aliceCookie } = await createUserWithSession(db)
    const { user: bob, cookie: bobCookie } = await createUserWithSession(db)
    const plan = await createPlan(db, alice.id)
    await addMember(db, plan.id, bob.id, 'lead', alice.id)
    const results = await Promise.all([
      save(plan.id, aliceCookie, details('A', 1)),
      save(plan.id, bobCookie, details('B', 1)),
    ])
    expect(results.map((r) => r.status).sort()).toEqual([302, 409])
    expect((await stored(plan.id)).version).toBe(2)
  })

  it.each([
    ['a missing version', { version: '' }, 'version'],
    ['a non-numeric version', { version: '1abc' }, 'version'],
    ['a negative version', { version: '-1' }, 'version'],
    ['an end date before the start date', { endDate: '2025-01-01' }, 'endDate'],
    ['an impossible date', { startDate: '2026-02-30' }, 'startDate'],
    ['a 10 MB title', { title: 'x'.repeat(10 * 1024 * 1024) }, 'title'],
    ['an unknown sector', { sectors: ['Q', 'ZZ'] }, 'sectors'],
  ])('answers 400 on %s and changes nothing', async (_label, override, field) => {
    const { user, cookie } = await createUserWithSession(db)
    const plan = await createPlan(db, user.id, { title: 'Untouched' })
    const res = await save(plan.id, cookie, { ...details('Changed', 1), ...override })
    expect(res.status).toBe(400)
    expect(res.data.result.error[field]).toBeDefined()
    expect(await stored(plan.id)).toMatchObject({ title: 'Untouched', version: 1 })
  })
})
