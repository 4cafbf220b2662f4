import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { type Db } from '#db/client.ts'
import { StaleRecordError } from '#db/executor.ts'
import * as LifecycleRepository from '#db/repositories/lifecycle.ts'
import { GeneralErrorBoundary } from '../components/ErrorBoundary.tsx'
import { FieldErrors, FormErrors } from '../components/forms.tsx'
import { ApprovalConfirm } from '../components/plans/ApprovalConfirm.tsx'
import { ApprovalOverride, ReturnNote } from '../components/plans/LifecycleNotices.tsx'
import { PageIdempotencyKey } from '../components/IdempotencyKey.tsx'
import { PageSaveFailed } from '../components/SaveFailed.tsx'
import { StatusBadge } from '../components/plans/StatusBadge.tsx'
import { PLAN_STATUSES, TRIPARTITE, type PlanStatus } from '#core/vocabulary.ts'
import { getDb } from '../utils/db.server.ts'
import { answerOnce, changedAfterSave, readEntryKey } from '../utils/idempotency.server.ts'
import { availableTransitions, findTransition } from '#core/lifecycle.ts'
import { formatDateTime } from '../utils/locales.ts'
import { canOnPlan } from '#core/permissions.ts'
import { currentDocuments } from '../documents/current.server.ts'
import { evaluateCompletion } from '../signoff/completion.server.ts'
import { requirePlanAccess, toActor } from '../utils/plan-access.server.ts'
import { isSaveFailure, keepFormOnFailure, skipRevalidationOnFailure } from '../utils/save-failure.ts'
import { clientIp, readFormData } from '../utils/request.server.ts'
import { isStorable, secondFactorCode, z } from '../utils/validation.ts'
import { isFreshForApproval, secondFactorForApproval } from '../utils/two-factor.server.ts'

const note = z.string().trim().max(2000).refine(isStorable, 'validation.invalid').optional()

const schema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('transition'),
    name: z.string().max(40),
    from: z.enum(PLAN_STATUSES),
    note,
    overrideReason: note,
    // A code from the authenticator, asked at approval when the session's proof is not recent (ADR 064).
    code: secondFactorCode.optional(),
  }),
  z.object({ intent: z.literal('endorse'), decision: z.enum(['endorse', 'object']), comment: note }),
])

// Offline or a server failure: the form keeps what was typed and offers to send it again (ADR 038).
export const clientAction = keepFormOnFailure
export const shouldRevalidate = skipRevalidationOnFailure

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { plan, role, user, abilities } = await requirePlanAccess(request, params.planId, 'plan:read')
  const db = getDb()
  const [endorsements, versions, readiness, returned] = await Promise.all([
    LifecycleRepository.findEndorsements(db, plan.id),
    LifecycleRepository.findVersions(db, plan.id),
    LifecycleRepository.approvalReadiness(db, plan.id),
    plan.status === 'draft' ? LifecycleRepository.findReturnNote(db, plan.id) : Promise.resolve(undefined),
  ])
  const transitions = availableTransitions(toActor(user), role, plan.status).map((t) => ({
    name: t.name,
    to: t.to,
    noteRequired: t.noteRequired ?? false,
  }))
  const myOrganisation = endorsements.find((e) => e.organisation_id === user.organisation_id)
  const approved = ['approved', 'implementing', 'completed'].includes(plan.status) ? versions[0] : undefined
  return {
    planId: plan.id,
    status: plan.status,
    submission: plan.submission,
    transitions,
    endorsements,
    versions,
    readiness,
    ready: LifecycleRepository.isReady(readiness),
    // The approval summary is a page state (…/review?approve), so that it works without JavaScript.
    confirmingApproval:
      new URL(request.url).searchParams.has('approve') && transitions.some((t) => t.name === 'approve'),
    returned: returned ?? null,
    approved: approved ?? null,
    canEndorse:
      abilities['plan:endorse'] && myOrganisation !== undefined && LifecycleRepository.ENDORSABLE.includes(plan.status),
    myOrganisation: myOrganisation ?? null,
    // Approving needs a second factor proved recently; the dialog asks for a code or for enrolment.
    secondFactor: { enrolled: user.has_second_factor, fresh: isFreshForApproval(user.mfaVerifiedAt) },
  }
}

/** What an approval lacks, as messages the form lists (`key|value`, see FieldErrors). */
function missingMessages(r: LifecycleRepository.ApprovalReadiness): string[] {
  return [
    ...r.missingEndorsements.map((c) =>
      r.absentFromTeam.includes(c) ? `lifecycle.missing.absent.${c}` : `lifecycle.missing.endorsement.${c}`,
    ),
    ...r.objections.map((o) => `lifecycle.missing.objection|${o.organisation}`),
    ...(r.openReviewComments > 0 ? [`lifecycle.missing.openComments|${r.openReviewComments}`] : []),
  ]
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requirePlanAccess(request, params.planId, 'plan:read')
  const formData = await readFormData(request)
  const form =
    formData.get('intent') === 'endorse' ? 'endorse' : String(formData.get('name') ?? 'transition').slice(0, 40)
  // A resent decision (its reply was lost) answers as the first time instead of acting twice (ADR 039).
  return answerOnce(
    getDb(),
    readEntryKey(request, formData, access.user.id),
    (db) => decide(db, access, formData, clientIp(request)),
    () => data({ form, result: changedAfterSave() }, { status: 409 }),
  )
}

/** A status change or an endorsement, on `db` (the transaction that keeps its answer). */
async function decide(
  db: Db,
  { plan, role, user }: Awaited<ReturnType<typeof requirePlanAccess>>,
  formData: FormData,
  ip: string,
) {
  const submission = parseWithZod(formData, { schema })
  if (submission.status !== 'success') return data({ form: 'transition', result: submission.reply() }, { status: 400 })
  const v = submission.value
  if (v.intent === 'transition') {
    const transition = findTransition(toActor(user), role, v.from as PlanStatus, v.name)
    if (!transition) {
      // Either the status moved on meanwhile, or this person may not take this step.
      if (v.from !== plan.status)
        return data(
          { form: v.name, result: submission.reply({ formErrors: ['lifecycle.errors.statusChanged'] }) },
          { status: 409 },
        )
      throw data({ message: 'Forbidden' }, { status: 403 })
    }
    if (transition.noteRequired && !v.note)
      return data(
        { form: v.name, result: submission.reply({ fieldErrors: { note: ['lifecycle.errors.noteRequired'] } }) },
        { status: 400 },
      )
    if (transition.secondFactor) {
      const refusal = await secondFactorForApproval(user, v.code, ip)
      if (refusal)
        return data(
          {
            form: v.name,
            result: submission.reply({ fieldErrors: { code: [refusal.message] }, hideFields: ['code'] }),
          },
          { status: refusal.status },
        )
    }
    try {
      // An approved version freezes the documents as they are now, edits not yet compacted included,
      // and which sub-steps are complete by the progress rules (the content is locked in review).
      // The documents are read on a connection of their own: their consistent read is a transaction of its own.
      const approving = transition.to === 'approved'
      const documents = approving ? await currentDocuments(getDb(), plan.id) : undefined
      const complete = approving
        ? (await evaluateCompletion(db, plan.id)).filter((p) => p.status === 'done').map((p) => p.code)
        : undefined
      await LifecycleRepository.transition(db, {
        planId: plan.id,
        from: transition.from,
        to: transition.to,
        name: transition.name,
        actorId: user.id,
        note: v.note ?? null,
        overrideReason: transition.name === 'approve' ? (v.overrideReason ?? null) : null,
        documents,
        complete,
      })
    } catch (error) {
      if (error instanceof StaleRecordError)
        return data(
          { form: v.name, result: submission.reply({ formErrors: ['lifecycle.errors.statusChanged'] }) },
          { status: 409 },
        )
      if (error instanceof LifecycleRepository.ApprovalBlockedError) {
        const result = submission.reply({
          formErrors: ['lifecycle.errors.notReady', ...missingMessages(error.readiness)],
          fieldErrors: { overrideReason: ['lifecycle.errors.overrideReasonRequired'] },
        })
        return data({ form: v.name, result }, { status: 409 })
      }
      throw error
    }
    if (transition.name === 'approve') throw redirect(`/plans/${plan.id}/review`)
    return { form: v.name, result: submission.reply({ resetForm: true }) }
  }
  const endorsements = await LifecycleRepository.findEndorsements(db, plan.id)
  const mine = endorsements.find((e) => e.organisation_id === user.organisation_id)
  if (!canOnPlan(toActor(user), role, 'plan:endorse') || !mine) throw data({ message: 'Forbidden' }, { status: 403 })
  try {
    await LifecycleRepository.upsertEndorsement(db, {
      planId: plan.id,
      organisationId: mine.organisation_id,
      decision: v.decision,
      comment: v.comment ?? null,
      userId: user.id,
    })
  } catch (error) {
    if (error instanceof LifecycleRepository.NothingToEndorseError)
      return data(
        { form: 'endorse', result: submission.reply({ formErrors: ['lifecycle.errors.nothingToEndorse'] }) },
        { status: 409 },
      )
    throw error
  }
  return { form: 'endorse', result: submission.reply({ resetForm: true }) }
}

export default function ReviewPage() {
  const data = useLoaderData<typeof loader>()
  const { planId, status, transitions, endorsements, versions, canEndorse, myOrganisation, returned, approved } = data
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t, i18n } = useTranslation()
  const errorsOf = (form: string) =>
    actionData && !isSaveFailure(actionData) && actionData.form === form ? (actionData.result.error ?? {}) : {}
  const busy = navigation.state === 'submitting'
  const endorsed = new Set(endorsements.filter((e) => e.decision === 'endorse').map((e) => e.constituency))
  // Return and approve have their own forms (a required reason; a summary to confirm).
  const plain = transitions.filter((tr) => tr.name !== 'approve' && tr.name !== 'returnForChanges')
  const canApprove = transitions.some((tr) => tr.name === 'approve')
  const canReturn = transitions.some((tr) => tr.name === 'returnForChanges')
  const returnErrors = errorsOf('returnForChanges')
  return (
    <div className="review">
      <title>{t('lifecycle.title')}</title>
      <PageSaveFailed />
      {returned ? <ReturnNote returned={returned} /> : null}
      {approved ? <ApprovalOverride approval={approved} /> : null}
      <section className="card" aria-labelledby="status-heading">
        <h2 id="status-heading">{t('lifecycle.status')}</h2>
        <p>
          <StatusBadge status={status} /> {t(`lifecycle.explain.${status}`)}
        </p>
        {status === 'in_review' ? <p>{t('lifecycle.submissionN', { n: data.submission })}</p> : null}
        {data.confirmingApproval ? (
          <ApprovalConfirm
            planId={planId}
            readiness={data.readiness}
            ready={data.ready}
            endorsements={endorsements}
            secondFactor={data.secondFactor}
            errors={errorsOf('approve')}
            busy={busy}
          />
        ) : null}
        {!data.confirmingApproval && canApprove ? (
          <p>
            <FormErrors errors={errorsOf('approve')[''] ?? undefined} />
            <Link to="?approve#approve-heading" className="button button--primary">
              {t('lifecycle.transitions.approve')}
            </Link>
          </p>
        ) : null}
        {plain.length > 0 ? (
          <Form method="post" className="transition-form">
            <FormErrors
              errors={
                plain.some((tr) => tr.name === actionData?.form)
                  ? (actionData?.result.error?.[''] ?? undefined)
                  : undefined
              }
            />
            <input type="hidden" name="intent" value="transition" />
            <input type="hidden" name="from" value={status} />
            <PageIdempotencyKey />
            <div className="field">
              <label htmlFor="note">{t('lifecycle.note')}</label>
              <textarea id="note" name="note" rows={2} maxLength={2000} aria-describedby="note-hint" />
              <p id="note-hint" className="field__hint">
                {t('lifecycle.noteHint')}
              </p>
            </div>
            <div className="form-actions">
              {plain.map((tr) => (
                <button
                  key={tr.name}
                  type="submit"
                  name="name"
                  value={tr.name}
                  className={tr.name === 'submit' ? 'button button--primary' : 'button'}
                  disabled={busy}
                >
                  {t(`lifecycle.transitions.${tr.name}`)}
                </button>
              ))}
            </div>
          </Form>
        ) : null}
        {canReturn ? (
          <Form method="post" className="transition-form return-form" aria-labelledby="return-heading">
            <h3 id="return-heading">{t('lifecycle.transitions.returnForChanges')}</h3>
            <FormErrors errors={returnErrors[''] ?? undefined} />
            <input type="hidden" name="intent" value="transition" />
            <input type="hidden" name="from" value={status} />
            <PageIdempotencyKey />
            <div className="field">
              <label htmlFor="return-note">{t('lifecycle.returnNote')}</label>
              <textarea
                id="return-note"
                name="note"
                rows={3}
                maxLength={2000}
                required
                aria-required="true"
                aria-describedby="return-note-hint"
                aria-invalid={returnErrors.note ? true : undefined}
              />
              <p id="return-note-hint" className="field__hint">
                {t('lifecycle.returnNoteHint')}
              </p>
              <FieldErrors errors={returnErrors.note ?? undefined} />
            </div>
            <button type="submit" name="name" value="returnForChanges" className="button" disabled={busy}>
              {t('lifecycle.transitions.returnForChanges')}
            </button>
          </Form>
        ) : null}
        {transitions.length === 0 ? <p className="field__hint">{t('lifecycle.noTransitions')}</p> : null}
      </section>

      <section className="card" aria-labelledby="endorse-heading">
        <h2 id="endorse-heading">{t('lifecycle.endorsements')}</h2>
        <ul className="constituencies__list" aria-label={t('lifecycle.endorsedBy')}>
          {TRIPARTITE.map((c) => (
            <li key={c} className={endorsed.has(c) ? 'chip chip--ok' : 'chip chip--missing'}>
              <span aria-hidden="true">{endorsed.has(c) ? '✓' : '–'}</span> {t(`constituency.${c}`)}
              <span className="visually-hidden">
                {', '}
                {endorsed.has(c) ? t('lifecycle.endorsed') : t('lifecycle.notEndorsed')}
              </span>
            </li>
          ))}
        </ul>
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('team.organisation')}</th>
                <th scope="col">{t('team.constituency')}</th>
                <th scope="col">{t('lifecycle.decision')}</th>
                <th scope="col">{t('lifecycle.comment')}</th>
              </tr>
            </thead>
            <tbody>
              {endorsements.map((e) => (
                <tr key={e.organisation_id}>
                  <th scope="row">{e.acronym ?? e.organisation_name}</th>
                  <td>{t(`constituency.${e.constituency}`)}</td>
                  <td>
                    {e.decision ? (
                      <>
                        <span className={e.decision === 'endorse' ? 'pill pill--done' : 'pill pill--in_progress'}>
                          {t(`lifecycle.decisions.${e.decision}`)}
                        </span>
                        <span className="cell-sub">
                          {e.recorded_by} · {e.updated_at ? formatDateTime(e.updated_at, i18n.language) : ''}
                          {e.version_number
                            ? ` · ${t('lifecycle.versionN', { n: e.version_number })}`
                            : e.submission
                              ? ` · ${t('lifecycle.submissionN', { n: e.submission })}`
                              : ''}
                        </span>
                      </>
                    ) : (
                      <span className="muted">{t('lifecycle.noDecision')}</span>
                    )}
                  </td>
                  <td>{e.comment ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <FormErrors errors={errorsOf('endorse')[''] ?? undefined} />
        {status === 'draft' || status === 'archived' ? (
          <p className="field__hint">{t('lifecycle.endorseWhenSubmitted')}</p>
        ) : null}
        {canEndorse && myOrganisation ? (
          <Form method="post" className="form-row endorse-form">
            <input type="hidden" name="intent" value="endorse" />
            <PageIdempotencyKey />
            <fieldset className="field">
              <legend>
                {t('lifecycle.recordFor', { organisation: myOrganisation.acronym ?? myOrganisation.organisation_name })}
              </legend>
              <label className="checkbox">
                <input
                  type="radio"
                  name="decision"
                  value="endorse"
                  defaultChecked={myOrganisation.decision !== 'object'}
                />{' '}
                {t('lifecycle.decisions.endorse')}
              </label>
              <label className="checkbox">
                <input
                  type="radio"
                  name="decision"
                  value="object"
                  defaultChecked={myOrganisation.decision === 'object'}
                />{' '}
                {t('lifecycle.decisions.object')}
              </label>
            </fieldset>
            <div className="field">
              <label htmlFor="endorse-comment">{t('lifecycle.comment')}</label>
              <textarea
                id="endorse-comment"
                name="comment"
                rows={2}
                maxLength={2000}
                defaultValue={myOrganisation.comment ?? ''}
              />
            </div>
            <button type="submit" className="button button--primary">
              {t('lifecycle.record')}
            </button>
          </Form>
        ) : null}
      </section>

      <section className="card" aria-labelledby="versions-heading">
        <h2 id="versions-heading">{t('lifecycle.versions')}</h2>
        {versions.length === 0 ? (
          <p className="empty-state">{t('lifecycle.noVersions')}</p>
        ) : (
          <ul className="team-list">
            {versions.map((v) => (
              <li key={v.number}>
                <Link to={`/plans/${planId}/versions/${v.number}`}>{t('lifecycle.versionN', { n: v.number })}</Link>
                <span className="cell-sub">
                  {t('lifecycle.approvedBy', {
                    name: v.approved_by_name ?? '—',
                    when: formatDateTime(v.created_at, i18n.language),
                  })}
                  {v.note ? ` · ${v.note}` : ''}
                  {v.override_reason ? ` · ${t('lifecycle.override.short', { reason: v.override_reason })}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
