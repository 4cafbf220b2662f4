// The places where pages show a shared document: a sub-step's team notes and the plan narrative.
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { CollabEditor } from './CollabEditor.tsx'

export function SubstepNotes({ planId, code }: { planId: string; code: string }) {
  const { t } = useTranslation('collab')
  const headingId = useId()
  return (
    <section id="team-notes" className="collab-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('notes.title')}</h3>
      <p className="collab-section__intro">{t('notes.intro')}</p>
      <CollabEditor planId={planId} substep={code} label={t('notes.label', { code })} />
    </section>
  )
}

export function PlanNarrative({ planId }: { planId: string }) {
  const { t } = useTranslation('collab')
  const headingId = useId()
  return (
    <section id="plan-narrative" className="collab-section card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('narrative.title')}</h2>
      <p className="collab-section__intro">{t('narrative.intro')}</p>
      <CollabEditor planId={planId} substep={null} label={t('narrative.label')} />
    </section>
  )
}
