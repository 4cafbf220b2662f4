import { describe, expect, it } from 'vitest'
import * as StatisticsRepository from '#db/repositories/inspection-statistics.ts'
import { args, call, createUserWithSession, makeRequest } from '#tests/utils.ts'
import { xlsxOf, zipBombXlsx } from '#tests/spreadsheets.ts'
import { getDb } from '../utils/db.server.ts'
import { loader as healthz } from './healthz.ts'
import { action, loader } from './statistics.tsx'

// Each upload starts a parsing worker, which takes seconds on a busy two-core machine.
const WORKERS_TIMEOUT = 180_000

const db = getDb()
const save = (cookie: string, form: Record<string, string>) =>
  call(() => action(args(makeRequest('/statistics', { cookie, form: { intent: 'save', ...form } }))))
function upload(cookie: string, content: string | Buffer, name = 'stats.csv') {
  const body = new FormData()
  body.set('intent', 'import')
  body.set('file', new File([content], name, { type: name.endsWith('.csv') ? 'text/csv' : '' }))
  return call(() =>
    action(args(new Request('http://localhost/statistics', { method: 'POST', body, headers: { Cookie: cookie } }))),
  )
}

describe('labour inspection statistics', () => {
  it('lets an ILO reviewer enter a year, deriving visits per inspector', async () => {
    const { cookie } = await createUserWithSession(db, { constituency: 'ilo', globalRole: 'ilo_reviewer' })
    expect(
      (
        await save(cookie, {
          countryCode: 'MG',
          year: '2024',
          inspectors: '120',
          inspectorsWomen: '40',
          visits: '6000',
        })
      ).status,
    ).toBe(200)
    expect(await StatisticsRepository.findByCountry(db, 'MG')).toMatchObject([
      { year: 2024, inspectors: 120, visits_per_inspector: 50 },
    ])
    const page = await call(() => loader(args(makeRequest('/statistics?country=MG', { cookie }))))
    expect(page.data).toMatchObject({ country: 'MG', canEdit: true })
  })

  it('refuses bad figures and people who may not edit', async () => {
    const { cookie } = await createUserWithSession(db, { globalRole: 'admin' })
    expect(
      (await save(cookie, { countryCode: 'MG', year: '2024', inspectors: '10', inspectorsWomen: '12' })).data.result
        .error.inspectorsWomen,
    ).toEqual(['validation.womenAboveTotal'])
    expect((await save(cookie, { countryCode: 'QQ', year: '2024', inspectors: '10' })).status).toBe(400)
    expect((await save(cookie, { countryCode: 'MG', year: '2024' })).data.result.error.inspectors).toEqual([
      'statistics.errors.noFigure',
    ])
    const { cookie: member } = await createUserWithSession(db)
    expect((await save(member, { countryCode: 'MG', year: '2024', inspectors: '10' })).status).toBe(403)
    expect(await StatisticsRepository.findByCountry(db, 'MG')).toEqual([])
  })

  it('refuses figures no country could have', async () => {
    const { cookie } = await createUserWithSession(db, { globalRole: 'admin' })
    const error = async (form: Record<string, string>) =>
      (await save(cookie, { countryCode: 'MG', year: '2024', ...form })).data.result?.error
    expect(await error({ inspectors: '1e308' })).toMatchObject({ inspectors: ['validation.tooBig|1000000'] })
    expect(await error({ visits: 'Infinity' })).toHaveProperty('visits')
    expect(await error({ inspectorsPer10000: '10001' })).toMatchObject({
      inspectorsPer10000: ['validation.tooBig|10000'],
    })
    expect(await error({ visitsPerInspector: '1e6' })).toMatchObject({
      visitsPerInspector: ['validation.tooBig|100000'],
    })
    expect(await error({ registeredWorkplaces: '5000000000' })).toMatchObject({
      registeredWorkplaces: ['validation.tooBig|1000000000'],
    })
    const imported = await upload(cookie, 'country,year,inspectors\nMG,2024,1.7976931348623157e308\n')
    expect(imported.status).toBe(400)
    expect(await StatisticsRepository.findByCountry(db, 'MG')).toEqual([])
  })

  it('imports a CSV file all at once, or nothing when a row is wrong', async () => {
    const { cookie } = await createUserWithSession(db, { globalRole: 'admin' })
    const bad = await upload(cookie, 'country,year,inspectors,visits\nMG,2023,100,5000\nMG,20x3,90,4000\n')
    expect(bad.status).toBe(400)
    // The row's problem names the column people wrote, with a message to translate.
    expect(bad.data.rowErrors).toEqual([{ line: 3, errors: [{ column: 'year', message: 'validation.number' }] }])
    expect(await StatisticsRepository.findByCountry(db, 'MG')).toEqual([])
    const good = await upload(cookie, 'country,year,inspectors,visits\nmg,2023,100,5000\nMG,2024,110,5500\n')
    expect(good.data.result).toMatchObject({ status: 'success', saved: 2 })
    expect((await StatisticsRepository.findByCountry(db, 'MG')).map((r) => r.year)).toEqual([2023, 2024])
    expect((await upload(cookie, 'nation,when\nMG,2024\n')).data.result.error['']).toEqual([
      'statistics.errors.columns',
    ])
  })

  it(
    'reads workbooks in the bounded worker: a valid one imports, a zip bomb, a truncated file and too many rows get a 400',
    async () => {
      const { cookie } = await createUserWithSession(db, { globalRole: 'admin' })
      const good = await xlsxOf([
        ['country', 'year', 'inspectors'],
        ['FJ', 2024, 31],
      ])
      expect((await upload(cookie, good, 'stats.xlsx')).data.result).toMatchObject({ status: 'success', saved: 1 })
      expect(await StatisticsRepository.findByCountry(db, 'FJ')).toMatchObject([{ year: 2024, inspectors: 31 }])
      const bomb = upload(cookie, await zipBombXlsx(500_000), 'stats.xlsx')
      const health = await healthz()
      expect(health.status).toBe(200)
      const refused = await bomb
      expect(refused.status).toBe(400)
      expect(refused.data.result.error['']).toEqual(['monitoring.import.tooLargeUnpacked'])
      const truncated = await upload(cookie, good.subarray(0, good.length - 60), 'stats.xlsx')
      expect(truncated.status).toBe(400)
      expect(truncated.data.result.error['']).toEqual(['monitoring.import.unreadable'])
      const many = await upload(cookie, `country,year,inspectors\n${'FJ,2020,1\n'.repeat(2001)}`)
      expect(many.status).toBe(400)
      expect(many.data.result.error['']).toEqual(['monitoring.import.tooManyRows'])
    },
    WORKERS_TIMEOUT,
  )
})
