import { data, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, NavLink, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '../components/ErrorBoundary.tsx'
import { getDb } from '../utils/db.server.ts'
import { requirePlanAccess } from '../utils/plan-access.server.ts'
import { isSubstepCode, neighbours, STEPS } from '../utils/substeps.ts'
import { planProgress } from '../worksheets/progress.server.ts'

export const handle = { i18n: ['common', 'steps'] }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { plan, abilities } = await requirePlanAccess(request, params.planId, 'plan:read')
  const code = params.substep
  if (!isSubstepCode(code)) throw data({ message: 'Not found' }, { status: 404 })
  const progress = await planProgress(getDb(), plan.id)
  return { planId: plan.id, code, ...neighbours(code), progress, abilities }
}

export default function SubstepPage() {
  const { planId, code, previous, next, progress } = useLoaderData<typeof loader>()
  const { t } = useTranslation(['steps', 'common'])
  const step = Number(code.split('.')[0])
  const status = progress.find((p) => p.code === code)!
  return (
    <div className="substep-layout">
      <title>{`${code} ${t(`substep.${code}.name`)}`}</title>
      <nav aria-label={t('common:plan.tabs.steps')} className="substep-nav">
        <ol>
          {STEPS.map((s) => (
            <li key={s.step}>
              <span className="substep-nav__step">
                {s.step}. {t(`step.${s.step}.name`)}
              </span>
              <ol>
                {s.substeps.map((c) => (
                  <li key={c}>
                    <NavLink to={`/plans/${planId}/steps/${c}`}>
                      {c} {t(`substep.${c}.name`)}
                    </NavLink>
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ol>
      </nav>
      <article className="substep">
        <p className="substep__eyebrow">
          {t('stepLabel', { step })} · {t(`step.${step}.name`)}
        </p>
        <h2>
          {code} {t(`substep.${code}.name`)}
        </h2>
        <span className={`pill pill--${status.status}`}>{t(`common:progress.status.${status.status}`)}</span>
        <section className="method-note" aria-labelledby="method-heading">
          <h3 id="method-heading">{t('aboutThisStep')}</h3>
          <p>{t(`substep.${code}.purpose`)}</p>
          <p>
            <strong>{t('output')}</strong> {t(`substep.${code}.output`)}
          </p>
        </section>
        <nav className="pager" aria-label={t('pager')}>
          {previous ? (
            <Link to={`/plans/${planId}/steps/${previous}`} rel="prev">
              ← {previous} {t(`substep.${previous}.name`)}
            </Link>
          ) : (
            <span />
          )}
          {next ? (
            <Link to={`/plans/${planId}/steps/${next}`} rel="next">
              {next} {t(`substep.${next}.name`)} →
            </Link>
          ) : null}
        </nav>
      </article>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
