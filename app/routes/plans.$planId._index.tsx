import { PriorityRanking } from '../components/plans/PriorityRanking.tsx'
import { loadPriorityRanking } from '../method/2.2-prioritise/overview-ranking.server.ts'
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
import { ApprovalOverride, ReturnNote } from '../components/plans/LifecycleNotices.tsx'
import { PlanNarrative } from '../editor/DocumentSections.tsx'
import { ExportArea } from '../exports/ExportArea.tsx'
import { isPdfAvailable } from '../exports/pdf/pdf.server.ts'
import editorStyles from '../styles/editor.css?url'
import { getDb } from '../utils/db.server.ts'
import { requirePlanAccess } from '../utils/plan-access.server.ts'
import { AgreementPill } from '../signoff/AgreementPill.tsx'
import { evaluateCompletion } from '../signoff/completion.server.ts'
import { loadPlanSignoff } from '../signoff/signoff.server.ts'
import { STEPS } from '#core/substeps.ts'
import { namedRefs } from '../worksheets/recordName.ts'
import { titleFieldOf } from '../worksheets/valueText.ts'

export const handle = { i18n: ['common', 'steps', 'worksheets', 'collab', 'exports'] }

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: editorStyles }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { plan } = await requirePlanAccess(request, params.planId, 'plan:read')
  const db = getDb()
  const [{ progress, signoff }, team, activity, reviews, endorsements, ranking, refs, returned, approved] =
    await Promise.all([
      evaluateCompletion(db, plan.id).then(async (progress) => ({
        progress,
        signoff: await loadPlanSignoff(db, plan.id, progress),
      })),
      MemberRepository.findByPlan(db, plan.id),
      ActivityRepository.findRecentByPlan(db, plan.id, 15),
      CommentRepository.countOpenReviews(db, plan.id),
      LifecycleRepository.findEndorsements(db, plan.id),
      loadPriorityRanking(db, plan.id),
      ItemRepository.findReferences(db, plan.id).then((rows) => namedRefs(rows, titleFieldOf)),
      // Why the plan came back stays in view until it is resubmitted; an approval's override while it stands.
      plan.status === 'draft' ? LifecycleRepository.findReturnNote(db, plan.id) : Promise.resolve(undefined),
      ['approved', 'implementing', 'completed'].includes(plan.status)
        ? LifecycleRepository.findLatestApproval(db, plan.id)
        : Promise.resolve(undefined),
    ])
  const endorsedBy = [...new Set(endorsements.filter((e) => e.decision === 'endorse').map((e) => e.constituency))]
  const agreement = Object.fromEntries(signoff.substeps.map((s) => [s.code, s.agreement]))
  return {
    planId: plan.id,
    workingLanguage: plan.working_language,
    pdfAvailable: isPdfAvailable(),
    progress,
    counts: signoff.counts,
    agreement,
    team,
    activity,
    refs,
    reviews,
    endorsedBy,
    ranking,
    returned: returned ?? null,
    approved: approved ?? null,
  }
}

export default function PlanOverview() {
  const {
    planId,
    workingLanguage,
    pdfAvailable,
    progress,
    counts,
    agreement,
    team,
    activity,
    refs,
    reviews,
    endorsedBy,
    ranking,
    returned,
    approved,
  } = useLoaderData<typeof loader>()
  const { t } = useTranslation(['common', 'steps'])
  const byCode = new Map(progress.map((p) => [p.code, p]))
  return (
    <div className="overview">
      {returned ? <ReturnNote returned={returned} /> : null}
      {approved ? <ApprovalOverride approval={approved} /> : null}
      <PlanNarrative planId={planId} />
      <section aria-labelledby="steps-heading" className="overview__steps">
        <div className="section-header">
          <h2 id="steps-heading">{t('overview.steps')}</h2>
          <p className="overview__counts">
            <span>{t('overview.progress', { complete: counts.complete, total: counts.total })}</span>
            <span>{t('overview.agreed', { agreed: counts.agreed, total: counts.total })}</span>
            {counts.stale > 0 ? (
              <span className="overview__stale">{t('overview.stale', { count: counts.stale })}</span>
            ) : null}
          </p>
        </div>
        <progress max={counts.total} value={counts.complete} aria-label={t('overview.progressLabel')} />
        <progress max={counts.total} value={counts.agreed} aria-label={t('overview.agreedLabel')} />
        <p className="review-summary">
          <Link to={`/plans/${planId}/review`}>{t('overview.openReviews', { count: reviews.total })}</Link>
          {' · '}
          {endorsedBy.length
            ? t('dashboard.endorsedBy', { list: endorsedBy.map((c) => t(`constituency.${c}`)).join(', ') })
            : t('dashboard.noEndorsement')}
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
                      <span className="substep-list__pills">
                        <span className={`pill pill--${p.status}`}>{t(`progress.status.${p.status}`)}</span>
                        <AgreementPill agreement={agreement[code] ?? 'none'} />
                      </span>
                      {reviews.bySubject[code] ? (
                        <span className="substep-list__missing">
                          {t('overview.openReviews', { count: reviews.bySubject[code] })}
                        </span>
                      ) : null}
                      {p.status !== 'done' && p.missing.length > 0 ? (
                        <span className="substep-list__missing">
                          {p.missing.map((m) => t(`steps:${m}`)).join(' · ')}
                        </span>
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
