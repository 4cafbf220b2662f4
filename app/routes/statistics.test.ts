import { describe, expect, it } from 'vitest'
import * as StatisticsRepository from '#db/repositories/inspection-statistics.ts'
import { args, call, createUserWithSession, makeRequest } from '#tests/utils.ts'
import { getDb } from '../utils/db.server.ts'
import { action, loader } from './statistics.tsx'

const db = getDb()
const save = (cookie: string, form: Record<string, string>) => call(() => action(args(makeRequest('/statistics', { cookie, form: { intent: 'save', ...form } }))))
function upload(cookie: string, csv: string) {
  const body = new FormData()
  body.set('intent', 'import')
  body.set('file', new File([csv], 'stats.csv', { type: 'text/csv' }))
  return call(() => action(args(new Request('http://localhost/statistics', { method: 'POST', body, headers: { Cookie: cookie } }))))
}

describe('labour inspection statistics', () => {
  it('lets an ILO reviewer enter a year, deriving visits per inspector', async () => {
    const { cookie } = await createUserWithSession(db, { constituency: 'ilo', globalRole: 'ilo_reviewer' })
    expect((await save(cookie, { countryCode: 'MG', year: '2024', inspectors: '120', inspectorsWomen: '40', visits: '6000' })).status).toBe(200)
    expect(await StatisticsRepository.findByCountry(db, 'MG')).toMatchObject([{ year: 2024, inspectors: 120, visits_per_inspector: 50 }])
    const page = await call(() => loader(args(makeRequest('/statistics?country=MG', { cookie }))))
    expect(page.data).toMatchObject({ country: 'MG', canEdit: true })
  })

  it('refuses bad figures and people who may not edit', async () => {
    const { cookie } = await createUserWithSession(db, { globalRole: 'admin' })
    expect((await save(cookie, { countryCode: 'MG', year: '2024', inspectors: '10', inspectorsWomen: '12' })).data.result.error.inspectorsWomen).toEqual(['validation.womenAboveTotal'])
    expect((await save(cookie, { countryCode: 'QQ', year: '2024', inspectors: '10' })).status).toBe(400)
    expect((await save(cookie, { countryCode: 'MG', year: '2024' })).data.result.error.inspectors).toEqual(['statistics.errors.noFigure'])
    const { cookie: member } = await createUserWithSession(db)
    expect((await save(member, { countryCode: 'MG', year: '2024', inspectors: '10' })).status).toBe(403)
    expect(await StatisticsRepository.findByCountry(db, 'MG')).toEqual([])
  })

  it('imports a CSV file all at once, or nothing when a row is wrong', async () => {
    const { cookie } = await createUserWithSession(db, { globalRole: 'admin' })
    const bad = await upload(cookie, 'country,year,inspectors,visits\nMG,2023,100,5000\nMG,20x3,90,4000\n')
    expect(bad.status).toBe(400)
    expect(bad.data.rowErrors).toHaveLength(1)
    expect(await StatisticsRepository.findByCountry(db, 'MG')).toEqual([])
    const good = await upload(cookie, 'country,year,inspectors,visits\nmg,2023,100,5000\nMG,2024,110,5500\n')
    expect(good.data.result).toMatchObject({ status: 'success', saved: 2 })
    expect((await StatisticsRepository.findByCountry(db, 'MG')).map((r) => r.year)).toEqual([2023, 2024])
    expect((await upload(cookie, 'nation,when\nMG,2024\n')).data.result.error['']).toEqual(['statistics.errors.columns'])
  })
})
