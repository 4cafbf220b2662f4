import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { TRIPARTITE } from '#core/vocabulary.ts'
import { FieldErrors, FormErrors } from '../forms.tsx'
import { PageIdempotencyKey } from '../IdempotencyKey.tsx'

interface Readiness {
  missingEndorsements: string[]
  absentFromTeam: string[]
  objections: { organisation: string; constituency: string; comment: string | null }[]
  openReviewComments: number
}

interface EndorsementRow {
  organisation_id: string
  organisation_name: string
  acronym: string | null
  constituency: string
  decision: 'endorse' | 'object' | null
}

/**
 * The step before approving (ADR 009): what the constituencies decided, objections and open
 * review comments, then the confirmation. When something is missing the reviewer may still
 * approve, but only with a written reason, which is kept with the version. Only someone with a
 * second factor approves (ADR 064): without one the dialog says so and links to enrolment; when
 * the session's proof is older than a few minutes it asks for a current code.
 */
export function ApprovalConfirm({
  planId,
  readiness,
  ready,
  endorsements,
  secondFactor,
  errors,
  busy,
}: {
  planId: string
  readiness: Readiness
  ready: boolean
  endorsements: EndorsementRow[]
  secondFactor: { enrolled: boolean; fresh: boolean }
  errors: Record<string, string[] | null | undefined>
  busy: boolean
}) {
  const { t } = useTranslation()
  const byConstituency = (c: string) => endorsements.filter((e) => e.constituency === c)
  return (
    <section className="approval-confirm" aria-labelledby="approve-heading">
      <h3 id="approve-heading" tabIndex={-1}>
        {t('lifecycle.confirm.title')}
      </h3>
      <h4>{t('lifecycle.confirm.endorsements')}</h4>
      <ul className="approval-confirm__list">
        {TRIPARTITE.map((c) => {
          const orgs = byConstituency(c)
          const state = readiness.absentFromTeam.includes(c)
            ? 'absent'
            : readiness.missingEndorsements.includes(c)
              ? 'missing'
              : 'endorsed'
          return (
            <li key={c} className={state === 'endorsed' ? 'chip chip--ok' : 'chip chip--missing'}>
              {t(`constituency.${c}`)}: {t(`lifecycle.confirm.state.${state}`)}
              {orgs.length
                ? ` (${orgs.map((o) => `${o.acronym ?? o.organisation_name}: ${o.decision ? t(`lifecycle.decisions.${o.decision}`) : t('lifecycle.noDecision')}`).join('; ')})`
                : ''}
            </li>
          )
        })}
      </ul>
      <h4>{t('lifecycle.confirm.objections')}</h4>
      {readiness.objections.length === 0 ? (
        <p>{t('lifecycle.confirm.noObjection')}</p>
      ) : (
        <ul>
          {readiness.objections.map((o) => (
            <li key={o.organisation}>
              {t('lifecycle.confirm.objectionBy', {
                organisation: o.organisation,
                constituency: t(`constituency.${o.constituency}`),
              })}
              {o.comment ? `: ${o.comment}` : ''}
            </li>
          ))}
        </ul>
      )}
      <h4>{t('lifecycle.confirm.comments')}</h4>
      <p>
        {readiness.openReviewComments === 0
          ? t('lifecycle.confirm.noOpenComment')
          : t('lifecycle.confirm.openComments', { count: readiness.openReviewComments })}
      </p>
      {secondFactor.enrolled ? null : (
        <div className="alert alert--warning" role="status">
          <p>{t('lifecycle.secondFactor.explain')}</p>
          <p>
            <Link to={`/account/two-factor?redirectTo=${encodeURIComponent(`/plans/${planId}/review?approve`)}`}>
              {t('lifecycle.secondFactor.enrol')}
            </Link>
          </p>
        </div>
      )}
      <Form method="post" action={`/plans/${planId}/review?approve`} className="transition-form">
        <FormErrors errors={errors[''] ?? undefined} />
        <input type="hidden" name="intent" value="transition" />
        <input type="hidden" name="from" value="in_review" />
        <PageIdempotencyKey />
        {ready ? (
          <p className="alert alert--success">{t('lifecycle.confirm.ready')}</p>
        ) : (
          <div className="field">
            <p className="alert alert--warning">{t('lifecycle.confirm.notReady')}</p>
            <label htmlFor="override-reason">{t('lifecycle.overrideReason')}</label>
            <textarea
              id="override-reason"
              name="overrideReason"
              rows={3}
              maxLength={2000}
              required
              aria-required="true"
              aria-describedby="override-hint"
              aria-invalid={errors.overrideReason ? true : undefined}
            />
            <p id="override-hint" className="field__hint">
              {t('lifecycle.overrideHint')}
            </p>
            <FieldErrors errors={errors.overrideReason ?? undefined} />
          </div>
        )}
        <div className="field">
          <label htmlFor="approve-note">{t('lifecycle.note')}</label>
          <textarea id="approve-note" name="note" rows={2} maxLength={2000} />
        </div>
        {secondFactor.enrolled && !secondFactor.fresh ? (
          <div className="field">
            <label htmlFor="approve-code">{t('lifecycle.secondFactor.code')}</label>
            <input
              id="approve-code"
              name="code"
              type="text"
              autoComplete="one-time-code"
              maxLength={40}
              required
              aria-required="true"
              aria-describedby="approve-code-hint"
              aria-invalid={errors.code ? true : undefined}
            />
            <p id="approve-code-hint" className="field__hint">
              {t('lifecycle.secondFactor.codeHint')}
            </p>
            <FieldErrors errors={errors.code ?? undefined} />
          </div>
        ) : (
          <FieldErrors errors={errors.code ?? undefined} />
        )}
        <div className="form-actions">
          <button
            type="submit"
            name="name"
            value="approve"
            className="button button--primary"
            disabled={busy || !secondFactor.enrolled}
          >
            {ready ? t('lifecycle.confirm.approve') : t('lifecycle.confirm.approveAnyway')}
          </button>
          <Link to={`/plans/${planId}/review`} className="button">
            {t('lifecycle.confirm.cancel')}
          </Link>
        </div>
      </Form>
    </section>
  )
}
