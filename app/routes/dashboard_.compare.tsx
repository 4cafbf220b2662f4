import { data, type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ComparedIndicators } from '../dashboard/ComparedIndicators.tsx'
import { COMPARE_MAX, COMPARE_MIN } from '../dashboard/compare.ts'
import { loadComparison, parseComparedIds } from '../dashboard/compare.server.ts'
import { GeneralErrorBoundary } from '../components/ErrorBoundary.tsx'
import { StatusBadge } from '../components/plans/StatusBadge.tsx'
import dashboardStyles from '../styles/dashboard.css?url'
import monitoringStyles from '../styles/monitoring.css?url'
import { requireGlobalPermission } from '../utils/admin.server.ts'
import { countryName } from '../utils/countries.ts'
import { getDb } from '../utils/db.server.ts'
import { toActor } from '../utils/plan-access.server.ts'
import { formatDate } from '../utils/locales.ts'

export const handle = { i18n: ['common', 'worksheets'] }
export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: dashboardStyles },
  { rel: 'stylesheet', href: monitoringStyles },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireGlobalPermission(request, 'dashboard:read')
  const parsed = parseComparedIds(new URL(request.url).searchParams)
  if ('problem' in parsed) return data({ problem: parsed.problem, missing: 0, plans: [] }, { status: 400 })
  const comparison = await loadComparison(getDb(), toActor(user), parsed.ids)
  if (comparison.plans.length < COMPARE_MIN)
    return data({ problem: 'dashboard.compare.notFound', ...comparison }, { status: 404 })
  return { problem: null, ...comparison }
}

export default function ComparePage() {
  const { problem, missing, plans } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation(['common', 'worksheets'])
  const locale = i18n.language
  return (
    <div className="page dashboard compare">
      <title>{t('dashboard.compare.title')}</title>
      <div className="page-header">
        <h1>{t('dashboard.compare.title')}</h1>
        <p>
          <Link to="/dashboard">{t('dashboard.compare.back')}</Link>
        </p>
      </div>
      {problem ? (
        <p role="alert" className="alert alert--error">
          {t(problem, { min: COMPARE_MIN, max: COMPARE_MAX })}
        </p>
      ) : null}
      {missing > 0 && !problem ? (
        <p role="status" className="alert alert--info">
          {t('dashboard.compare.someMissing', { count: missing })}
        </p>
      ) : null}
      {plans.length >= COMPARE_MIN ? (
        <>
          <div className="table-wrap">
            <table className="data-table compare-table">
              <caption className="visually-hidden">{t('dashboard.compare.caption', { count: plans.length })}</caption>
              <thead>
                <tr>
                  <td />
                  {plans.map((p) => (
                    <th key={p.id} scope="col">
                      <Link to={`/plans/${p.id}`}>{p.title}</Link>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                <Row label={t('plans.filters.country')}>{plans.map((p) => countryName(p.countryCode, locale))}</Row>
                <Row label={t('plans.filters.status')}>
                  {plans.map((p) => (
                    <StatusBadge key={p.id} status={p.status} />
                  ))}
                </Row>
                <Row label={t('dashboard.compare.period')}>
                  {plans.map((p) => `${formatDate(p.startDate, locale)} – ${formatDate(p.endDate, locale)}`)}
                </Row>
                <Row label={t('dashboard.compare.progress')}>
                  {plans.map((p) => t('dashboard.compare.substepsComplete', { count: p.substepsComplete }))}
                </Row>
                <Row label={t('dashboard.compare.agreed')}>
                  {plans.map((p) => t('dashboard.compare.substepsAgreed', { count: p.substepsAgreed }))}
                </Row>
                <Row label={t('dashboard.priority')}>
                  {plans.map((p) =>
                    p.issueTitle ? (
                      <>
                        {p.issueTitle}
                        {p.issueType ? (
                          <span className="cell-sub">{t(`worksheets:options.issueType.${p.issueType}`)}</span>
                        ) : null}
                      </>
                    ) : (
                      t('dashboard.noPriority')
                    ),
                  )}
                </Row>
                <Row label={t('dashboard.compare.priorityTarget')}>{plans.map((p) => p.targetName ?? '—')}</Row>
                <Row label={t('dashboard.compare.interventions')}>
                  {plans.map((p) =>
                    p.interventions.length ? (
                      <ul className="compare-list">
                        {p.interventions.map((v) => (
                          <li key={v.id}>
                            {v.title} <span className="cell-sub">{v.ref}</span>
                            <span className="cell-sub">
                              {v.decision
                                ? t(`worksheets:selection.decisions.${v.decision}`)
                                : t('worksheets:selection.undecided')}
                            </span>
                          </li>
                        ))}
                      </ul>
                    ) : (
                      t('dashboard.compare.none')
                    ),
                  )}
                </Row>
                <Row label={t('monitoring.indicators')}>
                  {plans.map((p) =>
                    p.indicators.length ? (
                      <ul className="compare-list">
                        {p.indicators.map((i) => (
                          <li key={i.id}>
                            {i.name}
                            <span className="cell-sub">
                              {t('dashboard.compare.againstTarget', {
                                latest: i.latest ?? '—',
                                target: i.definition.targetValue ?? '—',
                                baseline: i.definition.baselineValue ?? '—',
                              })}
                            </span>
                            <span className="cell-sub">{t(`monitoring.status.${i.status}`)}</span>
                          </li>
                        ))}
                      </ul>
                    ) : (
                      t('dashboard.compare.none')
                    ),
                  )}
                </Row>
              </tbody>
            </table>
          </div>
          <section aria-labelledby="trends-heading">
            <h2 id="trends-heading">{t('dashboard.compare.trends')}</h2>
            <div className="compare-trends">
              {plans.map((p) => (
                <ComparedIndicators key={p.id} title={p.title} indicators={p.indicators} />
              ))}
            </div>
          </section>
        </>
      ) : null}
    </div>
  )
}

function Row({ label, children }: { label: string; children: React.ReactNode[] }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      {children.map((cell, i) => (
        <td key={i}>{cell}</td>
      ))}
    </tr>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
