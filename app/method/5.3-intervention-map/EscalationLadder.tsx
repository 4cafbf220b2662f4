import { useTranslation } from 'react-i18next'
import { type PanelProps } from '../define-panels.ts'
import { type interventionMap } from './substep.server.ts'
import { RecordName } from '../../worksheets/ui/RecordName.tsx'

/** The escalation ladder of 5.3, drawn bottom-up: rung 1 (least punitive) at the foot of the ladder. */
export function EscalationLadderPanel({ worksheet }: PanelProps<typeof interventionMap>) {
  const { t } = useTranslation('worksheets')
  const rungs = worksheet.items.escalation_rung ?? []
  const interventions = new Map((worksheet.options.intervention ?? []).map((o) => [o.id, o]))
  return (
    <section className="card ladder-card" aria-labelledby="ladder-heading">
      <h3 id="ladder-heading">{t('ladder.title')}</h3>
      {rungs.length === 0 ? (
        <p className="empty-state">{t('ladder.empty')}</p>
      ) : (
        <div className="ladder">
          <p className="ladder__direction" aria-hidden="true">
            <span>▲</span> {t('ladder.up')}
          </p>
          <ol className="ladder__rungs">
            {rungs.map((rung, index) => {
              const v =
                typeof rung.data.intervention === 'string' ? interventions.get(rung.data.intervention) : undefined
              return (
                <li key={rung.id} className="ladder__rung">
                  <span className="ladder__number">
                    <span className="visually-hidden">{t('ladder.rung')} </span>
                    {index + 1}
                  </span>
                  <dl className="ladder__body">
                    <div>
                      <dt>{t('kinds.escalation_rung.fields.trigger')}</dt>
                      <dd className="prewrap">{String(rung.data.trigger ?? '')}</dd>
                    </div>
                    <div>
                      <dt>{t('kinds.escalation_rung.fields.response')}</dt>
                      <dd className="prewrap">
                        {String(rung.data.response ?? '')}
                        {v ? (
                          <span className="ladder__intervention">
                            {' '}
                            <RecordName code={v.ref} words={v.label} />
                          </span>
                        ) : null}
                      </dd>
                    </div>
                  </dl>
                </li>
              )
            })}
          </ol>
          <p className="field__hint">{t('ladder.hint')}</p>
        </div>
      )}
    </section>
  )
}

/** Which selected interventions are linked to the map yet (5.3 is done when all are). */
export function SelectedLinksPanel({ worksheet, extra }: PanelProps<typeof interventionMap>) {
  const { t } = useTranslation('worksheets')
  const selected = new Set(extra.selected)
  const linked = new Set((worksheet.items.intervention_link ?? []).map((l) => l.data.intervention))
  const rows = (worksheet.items.intervention ?? []).filter((i) => selected.has(i.id))
  return (
    <section className="card" aria-labelledby="selected-links-heading">
      <h3 id="selected-links-heading">{t('mapLinks.title')}</h3>
      {rows.length === 0 ? (
        <p className="empty-state">{t('mapLinks.noneSelected')}</p>
      ) : (
        <ul className="check-list">
          {rows.map((i) => (
            <li key={i.id} className={linked.has(i.id) ? 'check-list__ok' : 'check-list__todo'}>
              <span aria-hidden="true">{linked.has(i.id) ? '✓ ' : '○ '}</span>
              <RecordName code={i.ref} words={String(i.data.title ?? '')} /> —{' '}
              {linked.has(i.id) ? t('mapLinks.linked') : t('mapLinks.notLinked')}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
