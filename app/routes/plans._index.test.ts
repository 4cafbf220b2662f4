import { describe, expect, it } from 'vitest'
import { addMember, createPlan, createUser } from '#tests/factories/index.ts'
import { getDb } from '../utils/db.server.ts'
import { args, call, createUserWithSession, makeRequest } from '#tests/utils.ts'
import { loader } from './plans._index.tsx'

const db = getDb()

async function list(cookie: string, query = '') {
  const res = await call(() => loader(args(makeRequest(`/plans${query}`, { cookie }))))
  expect(res.status).toBe(200)
  return (res.data.plans as { title: string; my_role: string | null }[]).map((p) => p.title).sort()
}

async function world() {
  const lead = await createUser(db)
  const rice = await createPlan(db, lead.id, { title: 'Rice farms in Luzon', countryCode: 'PH', sectors: ['A'] })
  const garments = await createPlan(db, lead.id, { title: 'Garment factories', countryCode: 'ID', sectors: ['C'] })
  const ports = await createPlan(db, lead.id, {
    title: 'Ports 100% compliant_plan',
    countryCode: 'ID',
    sectors: ['H', 'A'],
  })
  await db.updateTable('plans').set({ status: 'approved' }).where('id', '=', ports.id).execute()
  return { lead, rice, garments, ports }
}

describe('the plan list', () => {
  it('shows a member only the plans they belong to, with their role', async () => {
    const { lead, rice } = await world()
    const { user, cookie } = await createUserWithSession(db)
    expect(await list(cookie)).toEqual([])
    await addMember(db, rice.id, user.id, 'contributor', lead.id)
    const res = await call(() => loader(args(makeRequest('/plans', { cookie }))))
    expect(res.data.plans).toMatchObject([{ id: rice.id, my_role: 'contributor', member_count: 2 }])
  })

  it.each(['ilo_reviewer', 'admin'] as const)('shows a %s every plan', async (globalRole) => {
    await world()
    const { cookie } = await createUserWithSession(db, { constituency: 'ilo', globalRole })
    expect(await list(cookie)).toEqual(['Garment factories', 'Ports 100% compliant_plan', 'Rice farms in Luzon'])
  })

  it('filters by country, status and sector, and combines filters', async () => {
    await world()
    const { cookie } = await createUserWithSession(db, { constituency: 'ilo', globalRole: 'ilo_reviewer' })
    expect(await list(cookie, '?country=ID')).toEqual(['Garment factories', 'Ports 100% compliant_plan'])
    expect(await list(cookie, '?status=approved')).toEqual(['Ports 100% compliant_plan'])
    expect(await list(cookie, '?status=draft')).toEqual(['Garment factories', 'Rice farms in Luzon'])
    expect(await list(cookie, '?sector=A')).toEqual(['Ports 100% compliant_plan', 'Rice farms in Luzon'])
    expect(await list(cookie, '?sector=A&country=PH')).toEqual(['Rice farms in Luzon'])
    expect(await list(cookie, '?country=PH&status=approved')).toEqual([])
  })

  it('searches titles case-insensitively and treats % and _ literally', async () => {
    await world()
    const { cookie } = await createUserWithSession(db, { constituency: 'ilo', globalRole: 'ilo_reviewer' })
    expect(await list(cookie, '?q=GARMENT')).toEqual(['Garment factories'])
    expect(await list(cookie, '?q=100%25')).toEqual(['Ports 100% compliant_plan'])
    expect(await list(cookie, '?q=%25')).toEqual(['Ports 100% compliant_plan'])
    expect(await list(cookie, '?q=_')).toEqual(['Ports 100% compliant_plan'])
    expect(await list(cookie, '?q=nothing+like+this')).toEqual([])
  })

  it('never widens a member’s list through filters', async () => {
    const { lead, rice } = await world()
    const { user, cookie } = await createUserWithSession(db)
    await addMember(db, rice.id, user.id, 'viewer', lead.id)
    expect(await list(cookie, '?country=ID')).toEqual([])
    expect(await list(cookie, '?q=Garment')).toEqual([])
  })

  it('ignores malformed filter values instead of failing', async () => {
    await world()
    const { cookie } = await createUserWithSession(db, { constituency: 'ilo', globalRole: 'ilo_reviewer' })
    for (const query of [
      '?q=a%00b',
      '?country=ZZ',
      '?status=deleted',
      '?sector=ZZ',
      `?q=${'x'.repeat(5000)}`,
      '?country=ID&country=PH',
      '?q=',
    ]) {
      const res = await call(() => loader(args(makeRequest(`/plans${query}`, { cookie }))))
      expect(res.status).toBe(200)
    }
    expect(await list(cookie, '?country=ZZ')).toHaveLength(3)
  })

  it('redirects signed-out visitors to sign in', async () => {
    const res = await call(() => loader(args(makeRequest('/plans?country=PH'))))
    expect(res.location).toBe('/login?redirectTo=%2Fplans%3Fcountry%3DPH')
  })
})
