import { type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import * as DashboardRepository from '#db/repositories/dashboard.ts'
import * as StatisticsRepository from '#db/repositories/inspection-statistics.ts'
import * as PlanRepository from '#db/repositories/plans.ts'
import { BarList } from '../dashboard/BarList.tsx'
import { TrendChart } from '../dashboard/TrendChart.tsx'
import { WorldMap } from '../dashboard/map/WorldMap.tsx'
import { buildWorldMap } from '../dashboard/map/world-map.ts'
import { worldGeometry } from '../dashboard/map/world-geometry.server.ts'
import { getLocale } from '../i18n/i18next.server.ts'
import { filtersSchema, loadDashboard } from '../dashboard/dashboard.server.ts'
import { type Sort } from '../dashboard/summary.ts'
import { GeneralErrorBoundary } from '../components/ErrorBoundary.tsx'
import { StatusBadge } from '../components/plans/StatusBadge.tsx'
import dashboardStyles from '../styles/dashboard.css?url'
import { requireGlobalPermission } from '../utils/admin.server.ts'
import { PLAN_STATUSES, TRIPARTITE } from '#core/vocabulary.ts'
import { countryName } from '../utils/countries.ts'
import { sectorsText } from '../utils/isic.ts'
import { getDb } from '../utils/db.server.ts'
import { ISIC_SECTIONS } from '../utils/isic.ts'
import { formatDate, formatNumber } from '../utils/locales.ts'
import { ISSUE_TYPES } from '../worksheets/issue-types.ts'

export const handle = { i18n: ['common', 'worksheets'] }
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: dashboardStyles }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireGlobalPermission(request, 'dashboard:read')
  const locale = await getLocale(request, user.locale)
  const filters = filtersSchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  const db = getDb()
  const [{ rows, total, page, pages, aggregates, trend }, countries, regions, statistics] = await Promise.all([
    loadDashboard(db, filters),
    PlanRepository.findCountryCodes(db),
    DashboardRepository.findRegions(db),
    StatisticsRepository.findLatestPerCountry(db),
  ])
  const inspection = Object.fromEntries(
    statistics.map((r) => [
      r.country_code,
      { year: r.year, per10000: r.inspectors_per_10000, inspectors: r.inspectors },
    ]),
  )
  const onTrackShare = aggregates.indicators ? aggregates.onTrack / aggregates.indicators : null
  const map = buildWorldMap(
    worldGeometry(),
    aggregates.byCountry,
    filters.map,
    (code) => countryName(code, locale),
    new Intl.Collator(locale),
  )
  return {
    map,
    trend,
    filters,
    rows,
    total,
    page,
    pages,
    aggregates: { ...aggregates, onTrackShare },
    countries,
    regions,
    inspection,
  }
}

export default function DashboardPage() {
  const { filters, rows, total, page, pages, aggregates, countries, regions, inspection, map, trend } =
    useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation(['common', 'worksheets'])
  const [params] = useSearchParams()
  const locale = i18n.language
  const num = (v: number, digits = 0) => formatNumber(v, locale, { maximumFractionDigits: digits })
  const pct = (v: number | null) =>
    v === null ? '—' : formatNumber(v, locale, { style: 'percent', maximumFractionDigits: 0 })
  const withParams = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k)
      else next.set(k, v)
    }
    return `?${next.toString()}`
  }
  const sortLink = (sort: Sort) =>
    withParams({ sort, dir: filters.sort === sort && filters.dir === 'asc' ? 'desc' : 'asc', page: null })
  const ariaSort = (sort: Sort) =>
    filters.sort === sort ? (filters.dir === 'asc' ? 'ascending' : 'descending') : undefined
  const exportQuery = withParams({ page: null, sort: null, dir: null })
  return (
    <div className="page dashboard">
      <title>{t('dashboard.title')}</title>
      <div className="page-header">
        <h1>{t('dashboard.title')}</h1>
        <p className="export-links">
          <a href={`/dashboard/plans.csv${exportQuery}`}>{t('dashboard.exportPlans')}</a> ·{' '}
          <a href={`/dashboard/measurements.csv${exportQuery}`}>{t('dashboard.exportMeasurements')}</a>
        </p>
      </div>
      <Form method="get" className="filters dashboard-filters" role="search" aria-label={t('dashboard.filters')}>
        {/* A new filter keeps the view's sort and map colouring (the page starts again at 1). */}
        {params.get('sort') ? <input type="hidden" name="sort" value={filters.sort} /> : null}
        {params.get('dir') ? <input type="hidden" name="dir" value={filters.dir} /> : null}
        {params.get('map') ? <input type="hidden" name="map" value={filters.map} /> : null}
        <Select
          name="country"
          label={t('plans.filters.country')}
          value={filters.country}
          options={countries.map((c) => [c, countryName(c, locale)])}
        />
        <Select
          name="region"
          label={t('plan.fields.region')}
          value={filters.region}
          options={regions.map((r) => [r, r])}
        />
        <Select
          name="sector"
          label={t('plans.filters.sector')}
          value={filters.sector}
          options={ISIC_SECTIONS.map((s) => [s, `${s} · ${t(`isic.${s}`)}`])}
        />
        <Select
          name="issueType"
          label={t('dashboard.issueType')}
          value={filters.issueType}
          options={ISSUE_TYPES.map((k) => [k, t(`worksheets:options.issueType.${k}`)])}
        />
        <Select
          name="status"
          label={t('plans.filters.status')}
          value={filters.status}
          options={PLAN_STATUSES.map((s) => [s, t(`plan.status.${s}`)])}
        />
        <div className="field">
          <label htmlFor="year">{t('dashboard.year')}</label>
          <input
            id="year"
            name="year"
            type="number"
            min={2000}
            max={2100}
            defaultValue={filters.year ?? ''}
            inputMode="numeric"
          />
        </div>
        <div className="filters__actions">
          <button type="submit" className="button">
            {t('plans.filters.apply')}
          </button>
          <Link to="/dashboard" className="button button--quiet">
            {t('plans.filters.reset')}
          </Link>
        </div>
      </Form>

      <section aria-labelledby="figures-heading" className="kpis">
        <h2 id="figures-heading" className="visually-hidden">
          {t('dashboard.keyFigures')}
        </h2>
        <dl className="ratio-grid">
          <Figure label={t('dashboard.plans')} value={num(aggregates.plans)} />
          <Figure
            label={t('dashboard.onTrackShare')}
            value={pct(aggregates.onTrackShare)}
            sub={t('dashboard.ofIndicators', { count: aggregates.indicators })}
          />
          <Figure
            label={t('dashboard.complianceChange')}
            value={
              aggregates.complianceChange === null
                ? '—'
                : `${aggregates.complianceChange >= 0 ? '+' : ''}${num(aggregates.complianceChange, 1)}`
            }
            sub={t('dashboard.complianceChangeHint', { count: aggregates.plansWithComplianceData })}
          />
          <Figure label={t('dashboard.workersReached')} value={num(aggregates.workersReached)} />
        </dl>
      </section>

      <WorldMap
        view={map}
        countryHref={(code) => `${withParams({ country: code, page: null })}#plans-heading`}
        modeHref={(mode) => withParams({ map: mode === 'plans' ? null : mode })}
      />

      <TrendChart points={trend} />

      <div className="chart-grid">
        <BarList
          title={t('dashboard.byStatus')}
          items={aggregates.byStatus.map((g) => ({ label: t(`plan.status.${g.key}`), value: g.plans }))}
        />
        <BarList
          title={t('dashboard.byIssueType')}
          items={aggregates.byIssueType.map((g) => ({
            label: g.key === 'none' ? t('dashboard.noPriority') : t(`worksheets:options.issueType.${g.key}`),
            value: g.plans,
          }))}
        />
      </div>

      <GroupTable
        title={t('dashboard.byCountry')}
        keyLabel={t('plans.filters.country')}
        groups={aggregates.byCountry.map((g) => ({ ...g, label: countryName(g.key, locale) }))}
        extra={{
          header: t('dashboard.inspectorsPer10000'),
          cell: (key) => {
            const s = inspection[key]
            return s && s.per10000 !== null ? `${num(s.per10000, 2)} (${s.year})` : '—'
          },
        }}
      />
      <GroupTable
        title={t('dashboard.bySector')}
        keyLabel={t('plans.filters.sector')}
        groups={aggregates.bySector.map((g) => ({ ...g, label: `${g.key} · ${t(`isic.${g.key}`)}` }))}
      />

      <section aria-labelledby="plans-heading">
        <h2 id="plans-heading">{t('dashboard.planTable', { count: total })}</h2>
        <Form id="compare-form" method="get" action="/dashboard/compare" className="compare-form">
          <p id="compare-hint" className="field__hint">
            {t('dashboard.compare.hint', { min: 2, max: 4 })}
          </p>
          <button type="submit" className="button">
            {t('dashboard.compare.submit')}
          </button>
        </Form>
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">{t('dashboard.compare.column')}</span>
                </th>
                <th scope="col" aria-sort={ariaSort('title')}>
                  <Link to={sortLink('title')}>{t('plan.fields.title')}</Link>
                </th>
                <th scope="col" aria-sort={ariaSort('country')}>
                  <Link to={sortLink('country')}>{t('plans.filters.country')}</Link>
                </th>
                <th scope="col">{t('dashboard.priority')}</th>
                <th scope="col" aria-sort={ariaSort('status')}>
                  <Link to={sortLink('status')}>{t('plans.filters.status')}</Link>
                </th>
                <th scope="col" aria-sort={ariaSort('progress')}>
                  <Link to={sortLink('progress')}>{t('dashboard.steps')}</Link>
                </th>
                <th scope="col">{t('dashboard.review')}</th>
                <th scope="col" aria-sort={ariaSort('onTrack')}>
                  <Link to={sortLink('onTrack')}>{t('dashboard.indicators')}</Link>
                </th>
                <th scope="col" aria-sort={ariaSort('lastActivity')}>
                  <Link to={sortLink('lastActivity')}>{t('dashboard.lastActivity')}</Link>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.id}>
                  <td>
                    <input
                      type="checkbox"
                      name="plan"
                      value={p.id}
                      form="compare-form"
                      aria-label={t('dashboard.compare.select', { title: p.title })}
                      aria-describedby="compare-hint"
                    />
                  </td>
                  <th scope="row">
                    <Link to={`/plans/${p.id}`}>{p.title}</Link>
                    <span className="cell-sub">{sectorsText(p.sectors, t)}</span>
                  </th>
                  <td>
                    {countryName(p.countryCode, locale)}
                    {p.region ? <span className="cell-sub">{p.region}</span> : null}
                  </td>
                  <td>
                    {p.issueTitle ?? '—'}
                    {p.issueType ? (
                      <span className="cell-sub">{t(`worksheets:options.issueType.${p.issueType}`)}</span>
                    ) : null}
                  </td>
                  <td>
                    <StatusBadge status={p.status} />
                  </td>
                  <td>
                    {t('dashboard.stepsValue', { complete: p.substepsComplete, agreed: p.substepsAgreed })}
                    {p.substepsStale > 0 ? (
                      <span className="cell-sub">{t('overview.stale', { count: p.substepsStale })}</span>
                    ) : null}
                  </td>
                  <td>
                    {t('dashboard.openReviews', { count: p.openReviews })}
                    <span className="cell-sub">
                      {t('dashboard.endorsementCount', {
                        count: TRIPARTITE.filter((c) => p.endorsed.includes(c)).length,
                      })}
                    </span>
                    <span className="cell-sub">
                      {p.endorsed.length
                        ? t('dashboard.endorsedBy', { list: p.endorsed.map((c) => t(`constituency.${c}`)).join(', ') })
                        : t('dashboard.noEndorsement')}
                      {p.objected.length
                        ? ` · ${t('dashboard.objectedBy', { list: p.objected.map((c) => t(`constituency.${c}`)).join(', ') })}`
                        : ''}
                    </span>
                  </td>
                  <td>
                    {p.indicators ? t('dashboard.onTrackValue', { onTrack: p.onTrack, total: p.indicators }) : '—'}
                  </td>
                  <td>{p.lastActivity ? formatDate(p.lastActivity.slice(0, 10), locale) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {pages > 1 ? (
          <nav className="pager" aria-label={t('dashboard.pages')}>
            {page > 1 ? <Link to={withParams({ page: String(page - 1) })}>← {t('dashboard.previous')}</Link> : <span />}
            <span>{t('dashboard.pageOf', { page, pages })}</span>
            {page < pages ? <Link to={withParams({ page: String(page + 1) })}>{t('dashboard.next')} →</Link> : <span />}
          </nav>
        ) : null}
      </section>
    </div>
  )
}

function Select({
  name,
  label,
  value,
  options,
}: {
  name: string
  label: string
  value: string | undefined
  options: [string, string][]
}) {
  const { t } = useTranslation()
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <select id={name} name={name} defaultValue={value ?? ''}>
        <option value="">{t('plans.filters.all')}</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  )
}

function Figure({ label, value, sub }: { label: string; value: string; sub?: string }) {
  return (
    <div className="ratio-grid__item">
      <dt>{label}</dt>
      <dd>{value}</dd>
      {sub ? <dd className="cell-sub">{sub}</dd> : null}
    </div>
  )
}

function GroupTable({
  title,
  keyLabel,
  groups,
  extra,
}: {
  title: string
  keyLabel: string
  groups: {
    key: string
    label: string
    plans: number
    indicators: number
    onTrack: number
    workersReached: number
    complianceChange: number | null
  }[]
  extra?: { header: string; cell: (key: string) => string }
}) {
  const { t, i18n } = useTranslation()
  const num = (v: number, d = 0) => formatNumber(v, i18n.language, { maximumFractionDigits: d })
  return (
    <section className="card">
      <h2>{title}</h2>
      <div className="table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{keyLabel}</th>
              <th scope="col">{t('dashboard.plans')}</th>
              <th scope="col">{t('dashboard.onTrackShare')}</th>
              <th scope="col">{t('dashboard.complianceChange')}</th>
              <th scope="col">{t('dashboard.workersReached')}</th>
              {extra ? <th scope="col">{extra.header}</th> : null}
            </tr>
          </thead>
          <tbody>
            {groups.slice(0, 25).map((g) => (
              <tr key={g.key}>
                <th scope="row">{g.label}</th>
                <td>{num(g.plans)}</td>
                <td>
                  {g.indicators ? formatNumber(g.onTrack / g.indicators, i18n.language, { style: 'percent' }) : '—'}
                </td>
                <td>
                  {g.complianceChange === null
                    ? '—'
                    : `${g.complianceChange >= 0 ? '+' : ''}${num(g.complianceChange, 1)}`}
                </td>
                <td>{num(g.workersReached)}</td>
                {extra ? <td>{extra.cell(g.key)}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {groups.length > 25 ? (
        <p className="field__hint">{t('dashboard.firstOf', { shown: 25, total: groups.length })}</p>
      ) : null}
    </section>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
