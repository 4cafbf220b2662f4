import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '../components/ErrorBoundary.tsx'
import { handleMonitoringAction, loadMonitoring, readMonitoringForm } from '../monitoring/monitoring.server.ts'
import { riskNoteSpec } from '../monitoring/risk-note.ts'
import { AT_RISK_MARGIN, OFF_TRACK_MARGIN, type Measurement } from '../monitoring/progress.ts'
import { ImportPanel } from '../monitoring/ui/ImportPanel.tsx'
import { IndicatorCard } from '../monitoring/ui/IndicatorCard.tsx'
import { ResultsSummary } from '../monitoring/ui/ResultsSummary.tsx'
import worksheetStyles from '../styles/worksheets.css?url'
import monitoringStyles from '../styles/monitoring.css?url'
import { getDb } from '../utils/db.server.ts'
import { answerOnce, changedAfterSave, readEntryKey } from '../utils/idempotency.server.ts'
import { lockedWrite, requirePlanAccess, toActor } from '../utils/plan-access.server.ts'
import { keepFormOnFailure, skipRevalidationOnFailure } from '../utils/save-failure.ts'
import { handleItemAction, isItemIntent } from '../worksheets/items.server.ts'
import { WorksheetList } from '../worksheets/ui/WorksheetList.tsx'

export const handle = { i18n: ['common', 'worksheets'] }

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: worksheetStyles },
  { rel: 'stylesheet', href: monitoringStyles },
]

// Offline or a server failure: the form keeps what was typed and offers to send it again (ADR 038).
export const clientAction = keepFormOnFailure
export const shouldRevalidate = skipRevalidationOnFailure

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { plan, abilities } = await requirePlanAccess(request, params.planId, 'plan:read')
  const monitoring = await loadMonitoring(getDb(), plan.id)
  const activityOptions = monitoring.activities.map((a) => ({
    id: a.id,
    ref: a.ref,
    label: String(a.data.activity ?? a.ref),
  }))
  return {
    planId: plan.id,
    ...monitoring,
    activityOptions,
    canEdit: abilities['worksheet:edit'],
    canRecord: abilities['measurement:record'],
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { plan, user, role } = await requirePlanAccess(request, params.planId, 'plan:read')
  const formData = await readMonitoringForm(request)
  if (formData === 'tooLarge')
    return data(
      {
        formId: 'import',
        result: { status: 'error' as const, error: { '': ['monitoring.import.tooLarge'] } },
        preview: null,
      },
      { status: 413 },
    )
  const formId = String(formData.get('formId') ?? (formData.get('intent') === 'import:commit' ? 'import' : '')).slice(
    0,
    100,
  )
  // A resent entry (its reply was lost) answers as the first time instead of saving twice (ADR 039).
  return answerOnce(
    getDb(),
    readEntryKey(request, formData, user.id),
    async (db) => {
      const ctx = { db, planId: plan.id, actor: toActor(user), role, request }
      // Indicators and activities are plan content; measurements stay open while the plan runs.
      const itemIntent = isItemIntent(formData.get('intent'))
      const locked = lockedWrite(plan, itemIntent ? 'worksheet:edit' : 'measurement:record', formId)
      if (locked) return locked
      if (itemIntent) return handleItemAction({ ...ctx, formData })
      return handleMonitoringAction(ctx, formData)
    },
    () => data({ formId, result: changedAfterSave(), conflict: null, preview: null }, { status: 409 }),
  )
}

export default function MonitoringPage() {
  const {
    planId,
    indicators,
    activities,
    interventions,
    riskNotes,
    measurements,
    activityOptions,
    canEdit,
    canRecord,
  } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const byIndicator = new Map<string, (typeof measurements)[number][]>()
  for (const m of measurements) {
    const list = byIndicator.get(m.indicator_id)
    if (list) list.push(m)
    else byIndicator.set(m.indicator_id, [m])
  }
  const interventionRef = new Map(interventions.map((i) => [i.id, i.ref]))
  return (
    <div className="monitoring">
      <title>{t('monitoring.title')}</title>
      <ResultsSummary
        indicators={indicators}
        activities={activities}
        byIndicator={byIndicator as Map<string, Measurement[]>}
      />
      <p className="field__hint">
        {t('monitoring.rule', { atRisk: AT_RISK_MARGIN * 100, offTrack: OFF_TRACK_MARGIN * 100 })}
      </p>
      <h2>{t('monitoring.indicators')}</h2>
      {indicators.length === 0 ? <p className="empty-state">{t('monitoring.noIndicators')}</p> : null}
      {indicators.map((i) => (
        <IndicatorCard key={i.id} indicator={i} measurements={byIndicator.get(i.id) ?? []} canEdit={canRecord} />
      ))}
      {canRecord && indicators.length > 0 ? <ImportPanel planId={planId} /> : null}
      <section className="card" aria-labelledby="activities-heading">
        <h2 id="activities-heading">{t('monitoring.activityStatus')}</h2>
        {activities.length === 0 ? (
          <p className="empty-state">{t('monitoring.noActivities')}</p>
        ) : (
          <ul className="team-list">
            {activities.map((a) => (
              <li key={a.id}>
                <strong>
                  {a.ref}
                  {typeof a.data.intervention === 'string' && interventionRef.get(a.data.intervention)
                    ? ` (${interventionRef.get(a.data.intervention)})`
                    : ''}
                </strong>{' '}
                {String(a.data.activity ?? '')}{' '}
                <span
                  className={`pill pill--${a.data.status === 'done' ? 'done' : a.data.status === 'in_progress' ? 'in_progress' : 'not_started'}`}
                >
                  {t(`worksheets:options.status.${String(a.data.status ?? 'planned')}`)}
                </span>
              </li>
            ))}
          </ul>
        )}
        <p className="field__hint">
          <a href={`/plans/${planId}/steps/6.2`}>{t('monitoring.updateStatuses')}</a>
        </p>
      </section>
      <WorksheetList spec={riskNoteSpec} items={riskNotes} options={{ activity: activityOptions }} canEdit={canEdit} />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
