import { describe, expect, it } from 'vitest'
import { createPlan } from '#tests/factories/index.ts'
import * as MeasurementRepository from '#db/repositories/measurements.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { args, call, createUserWithSession, makeRequest } from '#tests/utils.ts'
import { getDb } from '../utils/db.server.ts'
import { loader } from './dashboard.tsx'
import { loader as landLoader } from './dashboard.land[.]svg.ts'

const db = getDb()

type Lead = { id: string }
const indicator = (lead: Lead, planId: string, data: Record<string, unknown>) =>
  ItemRepository.insert(db, {
    planId,
    kind: 'indicator',
    refPrefix: 'K',
    actorId: lead.id,
    data: { name: 'Indicator', unit: 'percent', ...data },
  })
const measure = (lead: Lead, planId: string, indicatorId: string, rows: [string, string, number][]) =>
  MeasurementRepository.insertMany(db, {
    planId,
    actorId: lead.id,
    rows: rows.map(([period, periodEnd, value]) => ({
      indicatorId,
      period,
      periodEnd,
      value,
      note: null,
      evidenceSource: null,
    })),
  })

async function world() {
  const { user: lead } = await createUserWithSession(db)
  const palm = await createPlan(db, lead.id, { title: 'Palm oil', countryCode: 'ID', sectors: ['A'] })
  const mills = await createPlan(db, lead.id, { title: 'Mills', countryCode: 'ID', sectors: ['C'] })
  const port = await createPlan(db, lead.id, { title: 'Port', countryCode: 'MG', sectors: ['H'] })
  const fiction = await createPlan(db, lead.id, { title: 'Kalindra', countryCode: 'XL' })
  const contracts = await indicator(lead, palm.id, { indicatorType: 'compliance', baselineValue: 40, targetValue: 60 })
  const wages = await indicator(lead, mills.id, { indicatorType: 'compliance', baselineValue: 50, targetValue: 70 })
  const visits = await indicator(lead, palm.id, { indicatorType: 'output', baselineValue: 0, targetValue: 100 })
  await measure(lead, palm.id, contracts.id, [
    ['2026-01', '2026-01-31', 42],
    ['2026-02', '2026-02-28', 46],
  ])
  await measure(lead, mills.id, wages.id, [['2026-02', '2026-02-28', 49]])
  // Output indicators are not compliance: they never enter the trend.
  await measure(lead, palm.id, visits.id, [['2026-01', '2026-01-31', 90]])
  const { cookie } = await createUserWithSession(db, { constituency: 'ilo', globalRole: 'ilo_reviewer' })
  return { lead, palm, mills, port, fiction, contracts, cookie }
}

const open = (cookie: string, query = '') => call(() => loader(args(makeRequest(`/dashboard${query}`, { cookie }))))

describe('the compliance trend', () => {
  it('averages the change from baseline of every compliance measurement, month by month', async () => {
    const { cookie } = await world()
    const res = await open(cookie)
    expect(res.data.trend).toEqual([
      { month: '2026-01-01', change: 2, plans: 1, measurements: 1 },
      // (46 - 40) and (49 - 50): +6 and -1 → +2.5
      { month: '2026-02-01', change: 2.5, plans: 2, measurements: 2 },
    ])
  })

  it('follows the dashboard’s filters', async () => {
    const { cookie } = await world()
    expect((await open(cookie, '?sector=C')).data.trend).toEqual([
      { month: '2026-02-01', change: -1, plans: 1, measurements: 1 },
    ])
    expect((await open(cookie, '?country=MG')).data.trend).toEqual([])
  })

  it('is kept up to date when a measurement is removed or an indicator changes', async () => {
    const { lead, palm, contracts, cookie } = await world()
    const item = (await ItemRepository.findById(db, palm.id, contracts.id))!
    await ItemRepository.update(db, {
      planId: palm.id,
      id: contracts.id,
      expectedVersion: item.version,
      data: { ...item.data, baselineValue: 30 },
      actorId: lead.id,
    })
    const january = (await MeasurementRepository.findByPlan(db, palm.id)).find(
      (m) => m.indicator_id === contracts.id && m.period === '2026-01',
    )!
    await MeasurementRepository.deleteById(db, { planId: palm.id, id: january.id, actorId: lead.id })
    expect((await open(cookie)).data.trend).toEqual([
      // (46 - 30) and (49 - 50): +16 and -1 → +7.5
      { month: '2026-02-01', change: 7.5, plans: 2, measurements: 2 },
    ])
    await ItemRepository.update(db, {
      planId: palm.id,
      id: contracts.id,
      expectedVersion: item.version + 1,
      data: { ...item.data, indicatorType: 'outcome' },
      actorId: lead.id,
    })
    expect((await open(cookie)).data.trend).toEqual([{ month: '2026-02-01', change: -1, plans: 1, measurements: 1 }])
  })
})

describe('the world map', () => {
  it('colours each country with plans and names it by its figures', async () => {
    const { cookie } = await world()
    const { data } = await open(cookie)
    const byCode = Object.fromEntries(
      data.map.countries.map((c: { code: string; name: string; plans: number; indicators: number }) => [
        c.code,
        [c.name, c.plans, c.indicators],
      ]),
    )
    expect(byCode).toEqual({ ID: ['Indonesia', 2, 3], MG: ['Madagascar', 1, 0] })
    expect(data.map.offMap).toEqual([{ code: 'XL', name: 'Republic of Kalindra (fictional)', plans: 1 }])
    expect(data.map.mode).toBe('plans')
    // The land is a cached file of its own, not 75 KB in every answer.
    expect(data.map.landHref).toMatch(/^\/dashboard\/land\.svg\?v=[0-9a-f]{16}$/)
    expect(JSON.stringify(data).length).toBeLessThan(20_000)
  })

  it('serves the land outline as an SVG file browsers keep', async () => {
    const res = landLoader()
    expect(res.headers.get('Content-Type')).toBe('image/svg+xml; charset=utf-8')
    expect(res.headers.get('Cache-Control')).toContain('immutable')
    const svg = await res.text()
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 960 470"/)
    expect(svg.length).toBeGreaterThan(10_000)
  })

  it('shows only the filtered plans, and the share on track when asked', async () => {
    const { cookie } = await world()
    const { data } = await open(cookie, '?sector=H&map=onTrack')
    expect(data.map.mode).toBe('onTrack')
    expect(data.map.countries.map((c: { code: string }) => c.code)).toEqual(['MG'])
    expect(data.map.countries[0].colourClass).toBeNull()
    expect((await open(cookie, '?map=nonsense')).data.map.mode).toBe('plans')
  })
})
