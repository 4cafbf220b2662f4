import { PriorityRanking } from '../components/plans/PriorityRanking.tsx'
import { loadPriorityRanking } from '../worksheets/ranking-summary.server.ts'
import { type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import * as ActivityRepository from '#db/repositories/activity.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import * as CommentRepository from '#db/repositories/comments.ts'
import * as LifecycleRepository from '#db/repositories/lifecycle.ts'
import * as MemberRepository from '#db/repositories/members.ts'
import { ActivityList } from '../components/plans/ActivityList.tsx'
import { ConstituencyPresence } from '../components/plans/ConstituencyPresence.tsx'
import { PlanNarrative } from '../editor/DocumentSections.tsx'
import { ExportArea } from '../exports/ExportArea.tsx'
import { isPdfAvailable } from '../exports/pdf/pdf.server.ts'
import editorStyles from '../styles/editor.css?url'
import { getDb } from '../utils/db.server.ts'
import { requirePlanAccess } from '../utils/plan-access.server.ts'
import { STEPS } from '../utils/substeps.ts'
import { planProgress } from '../worksheets/progress.server.ts'

export const handle = { i18n: ['common', 'steps', 'worksheets', 'collab', 'exports'] }

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: editorStyles }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { plan } = await requirePlanAccess(request, params.planId, 'plan:read')
  const db = getDb()
  const [progress, team, activity, reviews, endorsements, ranking, refs] = await Promise.all([
    planProgress(db, plan.id),
    MemberRepository.findByPlan(db, plan.id),
    ActivityRepository.findRecentByPlan(db, plan.id, 15),
    CommentRepository.countOpenReviews(db, plan.id),
    LifecycleRepository.findEndorsements(db, plan.id),
    loadPriorityRanking(db, plan.id),
    ItemRepository.findRefs(db, plan.id),
  ])
  const endorsedBy = [...new Set(endorsements.filter((e) => e.decision === 'endorse').map((e) => e.constituency))]
  return { planId: plan.id, workingLanguage: plan.working_language, pdfAvailable: isPdfAvailable(), progress, team, activity, refs, reviews, endorsedBy, ranking }
}

export default function PlanOverview() {
  const { planId, workingLanguage, pdfAvailable, progress, team, activity, refs, reviews, endorsedBy, ranking } = useLoaderData<typeof loader>()
  const { t } = useTranslation(['common', 'steps'])
  const byCode = new Map(progress.map((p) => [p.code, p]))
  const done = progress.filter((p) => p.status === 'done').length
  return (
    <div className="overview">
      <PlanNarrative planId={planId} />
      <section aria-labelledby="steps-heading" className="overview__steps">
        <div className="section-header">
          <h2 id="steps-heading">{t('overview.steps')}</h2>
          <p>{t('overview.progress', { done, total: progress.length })}</p>
        </div>
        <progress max={progress.length} value={done} aria-label={t('overview.progressLabel')} />
        <p className="review-summary">
          <Link to={`/plans/${planId}/review`}>{t('overview.openReviews', { count: reviews.total })}</Link>
          {' · '}
          {endorsedBy.length ? t('dashboard.endorsedBy', { list: endorsedBy.map((c) => t(`constituency.${c}`)).join(', ') }) : t('dashboard.noEndorsement')}
        </p>
        <ol className="step-grid">
          {STEPS.map((s) => (
            <li key={s.step} className="step-card">
              <h3>
                <span className="step-card__number">{s.step}</span> {t(`steps:step.${s.step}.name`)}
              </h3>
              <ul className="substep-list">
                {s.substeps.map((code) => {
                  const p = byCode.get(code)!
                  return (
                    <li key={code} className="substep-list__item">
                      <Link to={`/plans/${planId}/steps/${code}`}>
                        <span className="substep-list__code">{code}</span> {t(`steps:substep.${code}.name`)}
                      </Link>
                      <span className={`pill pill--${p.status}`}>{t(`progress.status.${p.status}`)}</span>
                      {reviews.bySubject[code] ? <span className="substep-list__missing">{t('overview.openReviews', { count: reviews.bySubject[code] })}</span> : null}
                      {p.status !== 'done' && p.missing.length > 0 ? (
                        <span className="substep-list__missing">{p.missing.map((m) => t(`steps:${m}`)).join(' · ')}</span>
                      ) : null}
                    </li>
                  )
                })}
              </ul>
            </li>
          ))}
        </ol>
        <PriorityRanking planId={planId} rows={ranking.rows} total={ranking.total} />
      </section>
      <aside className="overview__side">
        <section aria-labelledby="team-heading" className="card">
          <h2 id="team-heading">{t('team.title')}</h2>
          <ConstituencyPresence present={[...new Set(team.map((m) => m.constituency))]} />
          <ul className="team-list">
            {team.map((m) => (
              <li key={m.user_id}>
                <strong>{m.name}</strong> · {m.organisation_acronym ?? m.organisation_name}
                <span className="cell-sub">
                  {t(`roles.${m.role}`)} · {t(`constituency.${m.constituency}`)}
                </span>
              </li>
            ))}
          </ul>
          <Link to={`/plans/${planId}/members`}>{t('team.manage')}</Link>
        </section>
        <ExportArea planId={planId} workingLanguage={workingLanguage} pdfAvailable={pdfAvailable} />
        <section aria-labelledby="activity-heading" className="card">
          <h2 id="activity-heading">{t('activity.title')}</h2>
          <ActivityList events={activity} refs={refs} />
        </section>
      </aside>
    </div>
  )
}
