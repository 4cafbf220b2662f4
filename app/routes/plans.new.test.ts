import { describe, expect, it } from 'vitest'
import * as ActivityRepository from '#db/repositories/activity.ts'
import * as MemberRepository from '#db/repositories/members.ts'
import { getDb } from '../utils/db.server.ts'
import { args, call, createUserWithSession, makeRequest } from '#tests/utils.ts'
import { action, loader } from './plans.new.tsx'

const db = getDb()

const valid = {
  title: 'Domestic work compliance plan',
  countryCode: 'PH',
  region: 'Central Luzon',
  sectors: ['T', 'S'],
  scope: 'sectoral',
  startDate: '2026-03-01',
  endDate: '2027-02-28',
  workingLanguage: 'fr',
}

type Form = Record<string, string | string[]>

async function submit(form: Form | URLSearchParams, cookie?: string) {
  const session = cookie ?? (await createUserWithSession(db)).cookie
  return call(() => action(args(makeRequest('/plans/new', { cookie: session, form }))))
}

async function counts() {
  const [plans, members, activity] = await Promise.all([
    db.selectFrom('plans').select('id').execute(),
    db.selectFrom('plan_members').select('user_id').execute(),
    db.selectFrom('activity_events').select('id').execute(),
  ])
  return { plans: plans.length, members: members.length, activity: activity.length }
}

describe('creating a plan', () => {
  it('stores the plan, makes the creator its lead and records it in the history', async () => {
    const { user, cookie } = await createUserWithSession(db)
    const res = await submit(valid, cookie)
    expect(res.status).toBe(302)
    const plan = await db.selectFrom('plans').selectAll().executeTakeFirstOrThrow()
    expect(res.location).toBe(`/plans/${plan.id}`)
    expect(plan).toMatchObject({
      title: 'Domestic work compliance plan',
      country_code: 'PH',
      region: 'Central Luzon',
      sectors: ['T', 'S'],
      scope: 'sectoral',
      start_date: '2026-03-01',
      end_date: '2027-02-28',
      working_language: 'fr',
      status: 'draft',
      created_by: user.id,
    })
    expect(await MemberRepository.findRole(db, plan.id, user.id)).toBe('lead')
    const history = await ActivityRepository.findRecentByPlan(db, plan.id)
    expect(history).toMatchObject([{ action: 'created', entity_type: 'plan', actor_name: user.name }])
    // The method's eight criteria come with the plan, so opening 2.2 never has to write them.
    const criteria = await db
      .selectFrom('worksheet_items')
      .select(['ref', 'created_by'])
      .where('plan_id', '=', plan.id)
      .where('kind', '=', 'criterion')
      .orderBy('position')
      .execute()
    expect(criteria.map((c) => c.ref)).toEqual(['Cr1', 'Cr2', 'Cr3', 'Cr4', 'Cr5', 'Cr6', 'Cr7', 'Cr8'])
    expect(criteria.every((c) => c.created_by === user.id)).toBe(true)
  })

  it('accepts a plan without a region and trims the title', async () => {
    const res = await submit({ ...valid, title: '  Trimmed  ', region: '' })
    expect(res.status).toBe(302)
    expect(await db.selectFrom('plans').select(['title', 'region']).executeTakeFirstOrThrow()).toEqual({
      title: 'Trimmed',
      region: null,
    })
  })

  it.each<[string, Form, string]>([
    ['a missing title', { ...valid, title: '' }, 'title'],
    ['a blank title', { ...valid, title: '   ' }, 'title'],
    ['a 10 MB title', { ...valid, title: 't'.repeat(10 * 1024 * 1024) }, 'title'],
    ['a 10 MB region', { ...valid, region: 'r'.repeat(10 * 1024 * 1024) }, 'region'],
    ['an unknown country code', { ...valid, countryCode: 'ZZ' }, 'countryCode'],
    ['a lower-case country code', { ...valid, countryCode: 'ph' }, 'countryCode'],
    ['an unknown sector', { ...valid, sectors: ['A', 'Z'] }, 'sectors'],
    ['no sector', { ...valid, sectors: [] }, 'sectors'],
    ['a repeated sector', { ...valid, sectors: ['A', 'A'] }, 'sectors'],
    ['an unknown scope', { ...valid, scope: 'global' }, 'scope'],
    ['an unsupported working language', { ...valid, workingLanguage: 'de' }, 'workingLanguage'],
    ['an end date before the start date', { ...valid, startDate: '2027-01-01', endDate: '2026-01-01' }, 'endDate'],
    ['an end date equal to the start date', { ...valid, startDate: '2027-01-01', endDate: '2027-01-01' }, 'endDate'],
    ['an impossible date', { ...valid, startDate: '2026-02-30' }, 'startDate'],
    ['a NUL character in the title', { ...valid, title: 'Plan\u0000' }, 'title'],
    ['a NUL character in the region', { ...valid, region: '\u0000' }, 'region'],
    ['the year zero', { ...valid, startDate: '0000-06-01' }, 'startDate'],
    ['a year beyond 2999', { ...valid, endDate: '3000-01-01' }, 'endDate'],
    ['a date in another format', { ...valid, endDate: '31/12/2027' }, 'endDate'],
    ['a date with a time', { ...valid, endDate: '2027-12-31T00:00:00Z' }, 'endDate'],
    ['two titles', { ...valid, title: ['One', 'Two'] }, 'title'],
    ['two countries', { ...valid, countryCode: ['PH', 'ID'] }, 'countryCode'],
    ['a missing start date', { ...valid, startDate: '' }, 'startDate'],
  ])('answers 400 on %s, with the error on that field, and writes nothing', async (_label, form, field) => {
    const { cookie } = await createUserWithSession(db)
    const before = await counts()
    const res = await submit(form, cookie)
    expect(res.status).toBe(400)
    expect(res.data.result.error[field]).toBeDefined()
    expect(res.data.result.error[field].length).toBeGreaterThan(0)
    expect(await counts()).toEqual(before)
  })

  it('answers 400 with errors on every field for an empty or JSON body', async () => {
    const { cookie } = await createUserWithSession(db)
    const empty = await submit({}, cookie)
    expect(empty.status).toBe(400)
    expect(Object.keys(empty.data.result.error)).toEqual(
      expect.arrayContaining(['title', 'countryCode', 'sectors', 'scope', 'startDate', 'endDate']),
    )
    const json = await call(() =>
      action(
        args(
          makeRequest('/plans/new', {
            cookie,
            body: JSON.stringify(valid),
            headers: { 'Content-Type': 'application/json' },
          }),
        ),
      ),
    )
    expect(json.status).toBe(415)
    const garbage = await call(() =>
      action(
        args(
          makeRequest('/plans/new', { cookie, body: '{"title": ', headers: { 'Content-Type': 'application/json' } }),
        ),
      ),
    )
    expect(garbage.status).toBe(415)
    expect((await counts()).plans).toBe(0)
  })

  it('redirects signed-out visitors to sign in and creates nothing', async () => {
    const res = await call(() => action(args(makeRequest('/plans/new', { form: valid }))))
    expect(res.location).toBe('/login?redirectTo=%2Fplans%2Fnew')
    expect((await counts()).plans).toBe(0)
  })

  it('offers the creator’s organisation country and language as defaults', async () => {
    const { user, cookie } = await createUserWithSession(db)
    await db.updateTable('users').set({ locale: 'es' }).where('id', '=', user.id).execute()
    const res = await call(() => loader(args(makeRequest('/plans/new', { cookie }))))
    expect(res.data).toEqual({ defaultCountry: 'PH', defaultLanguage: 'es' })
  })
})
