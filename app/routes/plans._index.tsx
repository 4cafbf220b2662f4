import { type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import * as PlanRepository from '#db/repositories/plans.ts'
import { StatusBadge } from '../components/plans/StatusBadge.tsx'
import { countryName, isCountryCode } from '../utils/countries.ts'
import { getDb } from '../utils/db.server.ts'
import { ISIC_SECTIONS, sectorsText } from '../utils/isic.ts'
import { formatDate } from '../utils/locales.ts'
import { canGlobally } from '#core/permissions.ts'
import { PLAN_STATUSES } from '#core/vocabulary.ts'
import { toActor } from '../utils/plan-access.server.ts'
import { requireUser } from '../utils/session.server.ts'
import { isStorable, z } from '../utils/validation.ts'

const filtersSchema = z.object({
  q: z.string().trim().max(200).refine(isStorable).optional().catch(undefined),
  country: z.string().refine(isCountryCode).optional().catch(undefined),
  status: z.enum(PLAN_STATUSES).optional().catch(undefined),
  sector: z.enum(ISIC_SECTIONS).optional().catch(undefined),
})

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const params = Object.fromEntries(new URL(request.url).searchParams)
  const filters = filtersSchema.parse(params)
  const db = getDb()
  const [plans, countries] = await Promise.all([
    PlanRepository.findVisible(
      db,
      { id: user.id, globalRole: user.global_role },
      { ...filters, q: filters.q || undefined },
    ),
    PlanRepository.findCountryCodes(db),
  ])
  return { plans, countries, filters, canCreate: canGlobally(toActor(user), 'plan:create') }
}

export default function PlansPage() {
  const { plans, countries, filters, canCreate } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation()
  const locale = i18n.language
  return (
    <div className="page">
      <title>{t('plans.title')}</title>
      <div className="page-header">
        <h1>{t('plans.title')}</h1>
        {canCreate ? (
          <Link to="/plans/new" className="button button--primary">
            {t('plans.new')}
          </Link>
        ) : null}
      </div>
      <Form method="get" className="filters" role="search" aria-label={t('plans.filters.label')}>
        <div className="field">
          <label htmlFor="q">{t('plans.filters.search')}</label>
          <input id="q" name="q" type="search" defaultValue={filters.q ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="country">{t('plans.filters.country')}</label>
          <select id="country" name="country" defaultValue={filters.country ?? ''}>
            <option value="">{t('plans.filters.all')}</option>
            {countries.map((c) => (
              <option key={c} value={c}>
                {countryName(c, locale)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="status">{t('plans.filters.status')}</label>
          <select id="status" name="status" defaultValue={filters.status ?? ''}>
            <option value="">{t('plans.filters.all')}</option>
            {PLAN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`plan.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="sector">{t('plans.filters.sector')}</label>
          <select id="sector" name="sector" defaultValue={filters.sector ?? ''}>
            <option value="">{t('plans.filters.all')}</option>
            {ISIC_SECTIONS.map((s) => (
              <option key={s} value={s}>
                {s} · {t(`isic.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="filters__actions">
          <button type="submit" className="button">
            {t('plans.filters.apply')}
          </button>
          <Link to="/plans" className="button button--quiet">
            {t('plans.filters.reset')}
          </Link>
        </div>
      </Form>
      {plans.length === 0 ? (
        <p className="empty-state">{t('plans.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">{t('plans.tableCaption', { count: plans.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('plan.fields.title')}</th>
                <th scope="col">{t('plan.fields.country')}</th>
                <th scope="col">{t('plan.fields.sectors')}</th>
                <th scope="col">{t('plan.fields.status')}</th>
                <th scope="col">{t('plans.myRole')}</th>
                <th scope="col">{t('plans.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {plans.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={`/plans/${p.id}`}>{p.title}</Link>
                    <span className="cell-sub">
                      {t(`plan.scope.${p.scope}`)} · {formatDate(p.start_date, locale)} –{' '}
                      {formatDate(p.end_date, locale)}
                    </span>
                  </th>
                  <td>
                    {countryName(p.country_code, locale)}
                    {p.region ? <span className="cell-sub">{p.region}</span> : null}
                  </td>
                  <td>{sectorsText(p.sectors, t)}</td>
                  <td>
                    <StatusBadge status={p.status} />
                  </td>
                  <td>{p.my_role ? t(`roles.${p.my_role}`) : t('plans.notMember')}</td>
                  <td>{formatDate(p.updated_at, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}
