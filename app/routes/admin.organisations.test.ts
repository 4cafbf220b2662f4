import { describe, expect, it } from 'vitest'
import { getDb } from '../utils/db.server.ts'
import { args, call, createUserWithSession, makeRequest } from '#tests/utils.ts'
import { action, loader } from './admin.organisations.tsx'

const db = getDb()

async function create(form: Record<string, string>) {
  const { cookie } = await createUserWithSession(db, { constituency: 'ilo', globalRole: 'admin' })
  return call(() => action(args(makeRequest('/admin/organisations', { cookie, form }))))
}

const findByName = (name: string) => db.selectFrom('organisations').selectAll().where('name', '=', name).execute()

describe('creating an organisation', () => {
  it('accepts the ILO without a country', async () => {
    const res = await create({ name: 'ILO Country Office', constituency: 'ilo' })
    expect(res.status).toBe(200)
    expect(await findByName('ILO Country Office')).toMatchObject([
      { constituency: 'ilo', country_code: null, agency_type: null },
    ])
  })

  it('stores no country for the ILO even when one is sent', async () => {
    await create({ name: 'ILO Regional Office', constituency: 'ilo', countryCode: 'PH' })
    expect(await findByName('ILO Regional Office')).toMatchObject([{ country_code: null }])
  })

  it('requires an agency type for a government body', async () => {
    const res = await create({ name: 'Ministry of Labour', constituency: 'government', countryCode: 'PH' })
    expect(res.status).toBe(400)
    expect(res.data.result.error.agencyType).toEqual(['validation.required'])
    expect(await findByName('Ministry of Labour')).toHaveLength(0)
    const ok = await create({
      name: 'Ministry of Labour',
      constituency: 'government',
      countryCode: 'PH',
      agencyType: 'labour_inspectorate',
    })
    expect(ok.status).toBe(200)
    expect(await findByName('Ministry of Labour')).toMatchObject([
      { agency_type: 'labour_inspectorate', country_code: 'PH' },
    ])
  })

  it.each(['workers', 'employers', 'government', 'other'])(
    'requires a country for a %s organisation',
    async (constituency) => {
      const res = await create({ name: 'Nowhere Org', constituency, agencyType: 'other_agency' })
      expect(res.status).toBe(400)
      expect(res.data.result.error.countryCode).toEqual(['validation.required'])
      expect(await findByName('Nowhere Org')).toHaveLength(0)
    },
  )

  it.each([
    ['an unknown country', { countryCode: 'ZZ' }, 'countryCode'],
    ['an unknown constituency', { constituency: 'church' }, 'constituency'],
    ['an unknown agency type', { constituency: 'government', agencyType: 'police' }, 'agencyType'],
    ['a missing name', { name: '' }, 'name'],
    ['a 10 MB name', { name: 'o'.repeat(10_000_000) }, 'name'],
    ['a NUL character in the name', { name: 'Union\u0000' }, 'name'],
    ['a NUL character in the acronym', { acronym: 'U\u0000' }, 'acronym'],
  ])('answers 400 on %s', async (_label, override, field) => {
    const before = (await db.selectFrom('organisations').select('id').execute()).length
    const res = await create({ name: 'Union of Dockers', constituency: 'workers', countryCode: 'PH', ...override })
    expect(res.status).toBe(400)
    expect(res.data.result.error[field]).toBeDefined()
    // The admin's own organisation is the only new row.
    expect((await db.selectFrom('organisations').select('id').execute()).length).toBe(before + 1)
  })

  it('refuses a duplicate name in the same country, whatever its case', async () => {
    expect((await create({ name: 'Dock Workers Union', constituency: 'workers', countryCode: 'PH' })).status).toBe(200)
    const dup = await create({ name: 'dock workers union', constituency: 'workers', countryCode: 'PH' })
    expect(dup.status).toBe(400)
    expect(dup.data.result.error.name).toEqual(['admin.organisationExists'])
    expect((await create({ name: 'Dock Workers Union', constituency: 'workers', countryCode: 'ID' })).status).toBe(200)
  })

  it('creates one organisation when the same form is submitted twice at once', async () => {
    const { cookie } = await createUserWithSession(db, { constituency: 'ilo', globalRole: 'admin' })
    const form = { name: 'Twin Union', constituency: 'workers', countryCode: 'PH' }
    const send = () => call(() => action(args(makeRequest('/admin/organisations', { cookie, form }))))
    const results = await Promise.all([send(), send(), send()])
    expect(results.map((r) => r.status).sort()).toEqual([200, 400, 400])
    for (const r of results.filter((x) => x.status === 400))
      expect(r.data.result.error.name).toEqual(['admin.organisationExists'])
    expect(await findByName('Twin Union')).toHaveLength(1)
  })

  it('lists organisations for an administrator', async () => {
    const { cookie } = await createUserWithSession(db, { constituency: 'ilo', globalRole: 'admin' })
    const res = await call(() => loader(args(makeRequest('/admin/organisations', { cookie }))))
    expect(res.status).toBe(200)
    expect(res.data.organisations).toHaveLength(1)
  })
})
