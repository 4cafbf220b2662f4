import { type LoaderFunctionArgs } from '@remix-run/node'
import { NavLink, Outlet, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '../components/ErrorBoundary.tsx'
import { LockBanner } from '../components/plans/LifecycleNotices.tsx'
import { StatusBadge } from '../components/plans/StatusBadge.tsx'
import { countryName } from '../utils/countries.ts'
import { formatDate } from '../utils/locales.ts'
import { contentLocked } from '#core/permissions.ts'
import { requirePlanAccess } from '../utils/plan-access.server.ts'
import { skipRevalidationOnFailure } from '../utils/save-failure.ts'
import { usePlanEvents } from '../utils/use-plan-events.ts'

// After a save that failed (offline, server error) there is nothing new to load (ADR 038).
export const shouldRevalidate = skipRevalidationOnFailure

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { plan, role, abilities } = await requirePlanAccess(request, params.planId, 'plan:read')
  return { plan, role, abilities }
}

export type PlanLayoutData = Awaited<ReturnType<typeof loader>>

export default function PlanLayout() {
  const { plan, role, abilities } = useLoaderData<typeof loader>()
  usePlanEvents(plan.id)
  const { t, i18n } = useTranslation()
  const locale = i18n.language
  return (
    <div className="page">
      <div className="plan-header">
        <p className="plan-header__meta">
          {countryName(plan.country_code, locale)}
          {plan.region ? ` · ${plan.region}` : ''} · {t(`plan.scope.${plan.scope}`)} ·{' '}
          {formatDate(plan.start_date, locale)} – {formatDate(plan.end_date, locale)}
        </p>
        <h1>{plan.title}</h1>
        <p className="plan-header__meta">
          <StatusBadge status={plan.status} />{' '}
          {role ? t('plan.yourRole', { role: t(`roles.${role}`) }) : t('plan.readingAsReviewer')}
        </p>
        <nav aria-label={t('plan.sections')} className="tabs">
          <NavLink to={`/plans/${plan.id}`} end>
            {t('plan.tabs.overview')}
          </NavLink>
          <NavLink to={`/plans/${plan.id}/steps/1.1`}>{t('plan.tabs.steps')}</NavLink>
          <NavLink to={`/plans/${plan.id}/members`}>{t('plan.tabs.team')}</NavLink>
          <NavLink to={`/plans/${plan.id}/monitoring`}>{t('plan.tabs.monitoring')}</NavLink>
          <NavLink to={`/plans/${plan.id}/review`}>{t('plan.tabs.review')}</NavLink>
          {abilities['plan:update'] ? <NavLink to={`/plans/${plan.id}/edit`}>{t('plan.tabs.details')}</NavLink> : null}
          <NavLink to={`/plans/${plan.id}/search`}>{t('plan.tabs.search')}</NavLink>
        </nav>
      </div>
      {contentLocked(plan.status) ? <LockBanner status={plan.status} /> : null}
      <Outlet />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
