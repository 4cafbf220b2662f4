import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import * as CommentRepository from '#db/repositories/comments.ts'
import { GeneralErrorBoundary } from '../components/ErrorBoundary.tsx'
import { SubstepDrawer, SubstepNav } from '../components/plans/SubstepMenu.tsx'
import { useHydrated } from '../components/useHydrated.ts'
import { SubstepNotes } from '../editor/DocumentSections.tsx'
import editorStyles from '../styles/editor.css?url'
import worksheetStyles from '../styles/worksheets.css?url'
import { handleSignoffAction } from '../signoff/action.server.ts'
import { isSignoffIntent } from '../signoff/schema.ts'
import { AgreementPill } from '../signoff/AgreementPill.tsx'
import { SignoffPanel } from '../signoff/SignoffPanel.tsx'
import { evaluateCompletion } from '../signoff/completion.server.ts'
import { loadSubstepSignoff } from '../signoff/substep-signoff.server.ts'
import { getDb } from '../utils/db.server.ts'
import { answerOnce, changedAfterSave, readEntryKey } from '../utils/idempotency.server.ts'
import { lockedWrite, requirePlanAccess, toActor } from '../utils/plan-access.server.ts'
import { readFormData } from '../utils/request.server.ts'
import { keepFormOnFailure, skipRevalidationOnFailure } from '../utils/save-failure.ts'
import { isSubstepCode, neighbours } from '#core/substeps.ts'
import { handleItemAction, isItemIntent, loadWorksheet } from '../worksheets/items.server.ts'
import { SubstepPanel } from '../method/panels.tsx'
import { plausibilityOf, SUBSTEPS } from '../method/substeps.server.ts'
import { KINDS } from '../method/worksheets.ts'
import { CommentsProvider, CommentThread } from '../worksheets/ui/CommentThread.tsx'
import { WorksheetList } from '../worksheets/ui/WorksheetList.tsx'
import { PlausibilityProvider } from '../worksheets/ui/PlausibilityWarnings.tsx'

export const handle = { i18n: ['common', 'steps', 'worksheets', 'collab'] }

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: worksheetStyles },
  { rel: 'stylesheet', href: editorStyles },
]

function requireSubstep(code: string | undefined) {
  if (!isSubstepCode(code)) throw data({ message: 'Not found' }, { status: 404 })
  return code
}

// Offline or a server failure: the form keeps what was typed and offers to send it again (ADR 038).
export const clientAction = keepFormOnFailure
export const shouldRevalidate = skipRevalidationOnFailure

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { plan, abilities, user, role } = await requirePlanAccess(request, params.planId, 'plan:read')
  const code = requireSubstep(params.substep)
  const db = getDb()
  const { load } = SUBSTEPS[code]
  const [{ progress, signoff }, worksheet, extra, comments] = await Promise.all([
    evaluateCompletion(db, plan.id).then(async (progress) => ({
      progress,
      signoff: await loadSubstepSignoff(db, { planId: plan.id, code, progress, user, role }),
    })),
    loadWorksheet(db, plan.id, code),
    load ? load({ db, planId: plan.id, actor: toActor(user), role }) : Promise.resolve(null),
    CommentRepository.countByPlan(db, plan.id),
  ])
  const plausibility = plausibilityOf(SUBSTEPS[code], extra)
  const commentCounts = { items: comments.item, substep: comments.substep[code] ?? 0 }
  return {
    planId: plan.id,
    code,
    ...neighbours(code),
    progress,
    signoff,
    abilities,
    worksheet,
    extra,
    commentCounts,
    plausibility,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { plan, user, role } = await requirePlanAccess(request, params.planId, 'plan:read')
  const code = requireSubstep(params.substep)
  const formData = await readFormData(request)
  const formId = String(formData.get('formId') ?? '').slice(0, 100)
  const signoff = isSignoffIntent(formData.get('intent'))
  // A resent entry (its reply was lost) answers as the first time instead of saving twice (ADR 039).
  return answerOnce(
    getDb(),
    readEntryKey(request, formData, user.id),
    async (db) => {
      const ctx = { db, planId: plan.id, actor: toActor(user), role }
      // Agreeing to a sub-step records a position on its content without changing it (ADR 037), so a
      // constituency may still agree while the plan is in review.
      if (signoff) return handleSignoffAction({ db, planId: plan.id, code, user, role, formData })
      // Every other form of a sub-step changes the plan's content (items, scores, decisions, the map).
      const locked = lockedWrite(plan, 'worksheet:edit', formId)
      if (locked) return locked
      if (isItemIntent(formData.get('intent'))) return handleItemAction({ ...ctx, formData })
      const { act } = SUBSTEPS[code]
      if (act) return act({ ...ctx, formData })
      return data(
        { formId: '', result: { status: 'error' as const, error: { '': ['validation.invalid'] } }, conflict: null },
        { status: 400 },
      )
    },
    () =>
      signoff
        ? data({ signoff: changedAfterSave() }, { status: 409 })
        : data({ formId, result: changedAfterSave(), conflict: null }, { status: 409 }),
  )
}

export default function SubstepPage() {
  const { planId, code, previous, next, progress, signoff, abilities, worksheet, extra, commentCounts, plausibility } =
    useLoaderData<typeof loader>()
  // One default namespace (steps); common and worksheets keys carry their prefix.
  const { t } = useTranslation('steps')
  const step = Number(code.split('.')[0])
  const status = progress.find((p) => p.code === code)!
  const panelProps = { planId, code, worksheet, extra, abilities }
  // Marks the page once React has taken over its forms (tests wait for it before typing).
  const hydrated = useHydrated()
  return (
    <div className="substep-layout" data-foldable={hydrated ? '' : undefined}>
      <title>{`${code} ${t(`substep.${code}.name`)}`}</title>
      <SubstepNav planId={planId} />
      <CommentsProvider
        value={{
          planId,
          counts: commentCounts.items,
          canComment: abilities['comment:create'],
          canResolve: abilities['review:resolve'],
        }}
      >
        <article className="substep" data-hydrated={hydrated ? '' : undefined}>
          <SubstepDrawer planId={planId} code={code} />
          <p className="substep__eyebrow">
            {t('stepLabel', { step })} · {t(`step.${step}.name`)}
          </p>
          <h2>
            {code} {t(`substep.${code}.name`)}
          </h2>
          <p>
            <span className={`pill pill--${status.status}`}>{t(`common:progress.status.${status.status}`)}</span>{' '}
            <AgreementPill agreement={signoff.agreement} />{' '}
            {status.status !== 'done' && status.missing.length > 0 ? (
              <span className="substep-list__missing">
                {t('stillMissing', { items: status.missing.map((m) => t(m)).join(' · ') })}
              </span>
            ) : null}
          </p>
          <section className="method-note" aria-labelledby="method-heading">
            <h3 id="method-heading">{t('aboutThisStep')}</h3>
            <p>{t(`substep.${code}.purpose`)}</p>
            <p>
              <strong>{t('output')}</strong> {t(`substep.${code}.output`)}
            </p>
          </section>
          <SubstepPanel place="before" {...panelProps} />
          <PlausibilityProvider value={plausibility}>
            {worksheet.kinds.map((kind) => (
              <WorksheetList
                key={kind}
                spec={KINDS[kind]!}
                items={worksheet.items[kind] ?? []}
                options={worksheet.options}
                canEdit={abilities['worksheet:edit']}
              />
            ))}
          </PlausibilityProvider>
          <SubstepPanel place="after" {...panelProps} />
          <SubstepNotes planId={planId} code={code} />
          <SignoffPanel code={code} signoff={signoff} />
          <section id="discussion" className="substep-comments" aria-labelledby="substep-comments-heading">
            <h3 id="substep-comments-heading">{t('worksheets:comments.onSubstep', { code })}</h3>
            <CommentThread subjectType="substep" subjectId={code} count={commentCounts.substep} />
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
      </CommentsProvider>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
