import { useTranslation } from 'react-i18next'
import { type PlanStatus } from '#core/vocabulary.ts'
import { formatDateTime } from '../../utils/locales.ts'

/**
 * Shown on every page of a plan whose status locks its content: why the edit controls are gone,
 * and what can still be done (ADR 009).
 */
export function LockBanner({ status }: { status: PlanStatus }) {
  const { t } = useTranslation()
  return (
    <div className="alert alert--info lock-banner" role="note" aria-label={t('lifecycle.lockedLabel')}>
      <p>{t(`lifecycle.locked.${status}`)}</p>
    </div>
  )
}

export interface ReturnNoteView {
  note: string | null
  at: string | Date | null
  by_name: string | null
  by_acronym: string | null
  by_organisation: string | null
}

/** Why the plan came back from review; shown until the plan is resubmitted. */
export function ReturnNote({ returned }: { returned: ReturnNoteView }) {
  const { t, i18n } = useTranslation()
  const organisation = returned.by_acronym ?? returned.by_organisation
  return (
    <section className="alert alert--warning return-note" aria-labelledby="return-note-heading">
      <h2 id="return-note-heading">{t('lifecycle.returned.title')}</h2>
      <p className="return-note__who">
        {t('lifecycle.returned.by', {
          name: returned.by_name ?? t('activity.someone'),
          organisation: organisation ?? '—',
        })}
        {returned.at ? ` · ${formatDateTime(returned.at, i18n.language)}` : ''}
      </p>
      <blockquote className="return-note__text">{returned.note}</blockquote>
    </section>
  )
}

/** A version approved without every constituency's endorsement: the reviewer's written reason. */
export function ApprovalOverride({
  approval,
}: {
  approval: { number: number; override_reason: string | null; approved_by_name: string | null }
}) {
  const { t } = useTranslation()
  if (!approval.override_reason) return null
  return (
    <section className="alert alert--warning approval-override" aria-labelledby="override-heading">
      <h2 id="override-heading">{t('lifecycle.override.title', { n: approval.number })}</h2>
      <p>{t('lifecycle.override.by', { name: approval.approved_by_name ?? '—' })}</p>
      <blockquote>{approval.override_reason}</blockquote>
    </section>
  )
}
