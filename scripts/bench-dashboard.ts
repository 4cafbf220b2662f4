import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { filtersSchema, loadDashboard } from '#app/dashboard/dashboard.server.ts'
import { worldGeometry } from '#app/dashboard/map/world-geometry.server.ts'
import { buildWorldMap } from '#app/dashboard/map/world-map.ts'
import { refreshStaleCompletion } from '#app/signoff/completion.server.ts'
import { COUNTRY_CODES, countryName } from '#app/utils/countries.ts'
import { createDb, type Db } from '#db/client.ts'
import { startEmbeddedPostgres } from '#db/embedded.ts'
import { migrateToLatest } from '#db/migrate.ts'
import * as DashboardRepository from '#db/repositories/dashboard.ts'
import * as StatisticsRepository from '#db/repositories/inspection-statistics.ts'
import * as PlanRepository from '#db/repositories/plans.ts'

// `npm run bench:dashboard`: 200 countries × 25 plans × 10 indicators × 24 measurements
// (1.2 million measurements) in a separate database, then p50/p95 of the dashboard per filter.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const COUNTRIES = 200
const PLANS_PER_COUNTRY = 25
const RUNS = 15

async function generate(db: Db) {
  const countries = COUNTRY_CODES.slice(0, COUNTRIES)
  await sql`INSERT INTO organisations (name, constituency, agency_type, country_code) VALUES ('Bench inspectorate', 'government', 'labour_inspectorate', 'XL')`.execute(
    db,
  )
  await sql`
    INSERT INTO plans (title, country_code, region, sectors, scope, start_date, end_date, working_language, status)
    SELECT 'Plan ' || c || ' ' || n, c, 'Region ' || (n % 4), ARRAY[(ARRAY['A','C','F','H','G'])[1 + n % 5]], 'national',
      date '2024-01-01' + (n % 3) * interval '1 year', date '2026-12-31' + (n % 3) * interval '1 year', 'en',
      (ARRAY['draft','in_review','approved','implementing','completed'])[1 + n % 5]
    FROM unnest(${countries}::text[]) c, generate_series(1, ${PLANS_PER_COUNTRY}) n`.execute(db)
  await sql`
    INSERT INTO worksheet_items (plan_id, kind, ref, position, data)
    SELECT id, 'issue', 'I1', 1, jsonb_build_object('title', 'Priority issue', 'issueType', (ARRAY['employment_status','wages','osh','child_labour','social_security'])[1 + abs(hashtext(id::text)) % 5]) FROM plans`.execute(
    db,
  )
  await sql`INSERT INTO worksheet_items (plan_id, kind, ref, position, data) SELECT id, 'target', 'T1', 1, '{"name":"Target"}' FROM plans`.execute(
    db,
  )
  await sql`
    INSERT INTO worksheet_items (plan_id, kind, ref, position, data)
    SELECT i.plan_id, 'pair', 'P1', 1, jsonb_build_object('issue', i.id, 'target', t.id)
    FROM worksheet_items i JOIN worksheet_items t ON t.plan_id = i.plan_id AND t.kind = 'target' WHERE i.kind = 'issue'`.execute(
    db,
  )
  await sql`
    INSERT INTO worksheet_items (plan_id, kind, ref, position, data)
    SELECT plan_id, 'priority_decision', 'PD1', 1, jsonb_build_object('pairs', jsonb_build_array(id), 'rationale', 'Bench') FROM worksheet_items WHERE kind = 'pair'`.execute(
    db,
  )
  await sql`
    INSERT INTO worksheet_items (plan_id, kind, ref, position, data)
    SELECT p.id, 'indicator', 'K' || k, k, jsonb_build_object('name', 'Indicator ' || k, 'indicatorType', CASE WHEN k <= 3 THEN 'compliance' ELSE 'output' END,
      'unit', CASE WHEN k <= 3 THEN 'percent' ELSE 'count' END, 'baselineValue', 30, 'baselineDate', '2024-01-01', 'targetValue', 60, 'targetDate', '2026-12-31',
      'countsWorkersReached', k = 10)
    FROM plans p, generate_series(1, 10) k`.execute(db)
  await sql`
    INSERT INTO measurements (plan_id, indicator_id, period, period_end, value)
    SELECT i.plan_id, i.id, to_char(date '2024-01-01' + m * interval '1 month', 'YYYY-MM'),
      (date '2024-01-01' + (m + 1) * interval '1 month' - interval '1 day')::date, round((30 + m + random() * 5)::numeric, 1)
    FROM worksheet_items i, generate_series(0, 23) m WHERE i.kind = 'indicator'`.execute(db)
  await sql`INSERT INTO activity_events (plan_id, action, entity_type) SELECT id, 'created', 'plan' FROM plans`.execute(
    db,
  )
  await sql`ANALYZE`.execute(db)
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!

async function main() {
  const embedded = process.env.BENCH_DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: path.join(root, '.data/bench-dashboard'),
        database: 'scp_bench_dashboard',
      })
  const db = createDb(process.env.BENCH_DATABASE_URL ?? embedded!.url)
  try {
    await migrateToLatest(db)
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM measurements`.execute(db)
    if (rows[0]!.n < COUNTRIES * PLANS_PER_COUNTRY * 240) {
      console.log('Generating the data set (once; kept in .data/bench-dashboard)…')
      const t = performance.now()
      await generate(db)
      console.log(`  generated in ${((performance.now() - t) / 1000).toFixed(1)} s`)
    }
    const counts = await sql<{
      plans: number
      measurements: number
    }>`SELECT (SELECT count(*) FROM plans)::int AS plans, (SELECT count(*) FROM measurements)::int AS measurements`.execute(
      db,
    )
    console.log(`Data set: ${counts.rows[0]!.plans} plans, ${counts.rows[0]!.measurements} measurements`)
    // Completeness is evaluated by the app for plans changed since it was stored (ADR 037): all of
    // them once after the migration that introduced the marks, or after a bulk import.
    const caughtUpAt = performance.now()
    const caughtUp = await refreshStaleCompletion(db)
    console.log(
      `Completeness evaluated for ${caughtUp} stale plans in ${((performance.now() - caughtUpAt) / 1000).toFixed(1)} s`,
    )
    // Before each timed run, change one worksheet item in each of n plans (outside the timing), so the
    // dashboard has n plans to evaluate before it reads. A new value each time, also across runs of
    // the benchmark: an update that changes nothing marks nothing.
    let touch = 0
    const changePlans = (n: number) => async () => {
      touch++
      await sql`
        UPDATE worksheet_items SET data = data || jsonb_build_object('bench', clock_timestamp()::text)
        WHERE kind = 'issue' AND plan_id IN (SELECT id FROM plans ORDER BY id OFFSET ${(touch * n) % 4_000} LIMIT ${n})`.execute(
        db,
      )
    }
    const scenarios: [string, Record<string, string>, (() => Promise<void>)?][] = [
      ['all plans', {}],
      ['country', { country: COUNTRY_CODES[7]! }],
      ['status', { status: 'implementing' }],
      ['sector', { sector: 'C' }],
      ['issue type', { issueType: 'osh' }],
      ['year', { year: '2025' }],
      ['region + sort by title', { region: 'Region 2', sort: 'title', dir: 'asc' }],
      ['all, sort by on track, page 40', { sort: 'onTrack', dir: 'desc', page: '40' }],
      ['all, sort by steps', { sort: 'progress', dir: 'asc' }],
      ['all, 1 plan changed before', {}, changePlans(1)],
      ['all, 10 plans changed before', {}, changePlans(10)],
      ['all, 50 plans changed before', {}, changePlans(50)],
    ]
    // The map's geometry is projected once per process, by the first dashboard after a start.
    const projectedAt = performance.now()
    worldGeometry()
    console.log(`World map projected once in ${(performance.now() - projectedAt).toFixed(0)} ms`)
    const collator = new Intl.Collator('en')
    console.log(`\n${'scenario'.padEnd(32)}${'plans'.padStart(7)}${'p50 ms'.padStart(10)}${'p95 ms'.padStart(10)}`)
    for (const [name, query, before] of scenarios) {
      const filters = filtersSchema.parse(query)
      const times: number[] = []
      let plans = 0
      // BENCH_WARM=1: one untimed run first, as a server that has been up a while would have had;
      // without it the first scenario also times the cold caches after the start.
      if (process.env.BENCH_WARM === '1') await loadDashboard(db, filters)
      for (let i = 0; i < RUNS; i++) {
        await before?.()
        const t = performance.now()
        // Everything the /dashboard loader waits for, in parallel as it runs them, and the map it builds.
        const [result] = await Promise.all([
          loadDashboard(db, filters),
          PlanRepository.findCountryCodes(db),
          DashboardRepository.findRegions(db),
          StatisticsRepository.findLatestPerCountry(db),
        ])
        buildWorldMap(worldGeometry(), result.aggregates.byCountry, filters.map, (c) => countryName(c, 'en'), collator)
        times.push(performance.now() - t)
        plans = result.total
      }
      console.log(
        `${name.padEnd(32)}${String(plans).padStart(7)}${percentile(times, 50).toFixed(0).padStart(10)}${percentile(times, 95).toFixed(0).padStart(10)}`,
      )
    }
  } finally {
    await db.destroy()
    await embedded?.stop()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
