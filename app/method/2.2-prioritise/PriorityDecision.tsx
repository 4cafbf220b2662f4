import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { priorityDecisionSpec } from './worksheet.ts'
import { type LinkOption, type WorksheetItemView } from '../../worksheets/types.ts'
import { ItemForm } from '../../worksheets/ui/ItemForm.tsx'
import { RecordName } from '../../worksheets/ui/RecordName.tsx'

/** The tripartite decision of 2.2: shown to everyone, recorded and changed by the lead only. */
export function PriorityDecision({
  decision,
  options,
  canRecord,
}: {
  decision: WorksheetItemView | null
  options: Record<string, LinkOption[]>
  canRecord: boolean
}) {
  const { t } = useTranslation('worksheets')
  const [editing, setEditing] = useState(false)
  const selected = Array.isArray(decision?.data.pairs) ? (decision.data.pairs as string[]) : []
  const byId = new Map((options.pair ?? []).map((o) => [o.id, o]))
  return (
    <section className="worksheet decision-card" aria-labelledby="decision-heading">
      <h3 id="decision-heading">{t('kinds.priority_decision.title')}</h3>
      <p className="field__hint">{t('prioritise.decisionHint')}</p>
      {decision && !editing ? (
        <dl className="decision-card__body">
          <dt>{t('kinds.priority_decision.fields.pairs')}</dt>
          <dd>
            <ul className="decision-card__pairs">
              {selected.map((id) => (
                <li key={id}>
                  {byId.get(id) ? <RecordName code={byId.get(id)!.ref} words={byId.get(id)!.label} /> : '?'}
                </li>
              ))}
            </ul>
          </dd>
          <dt>{t('kinds.priority_decision.fields.rationale')}</dt>
          <dd className="prewrap">{String(decision.data.rationale ?? '')}</dd>
          <dt>{t('kinds.priority_decision.fields.dissent')}</dt>
          <dd className="prewrap">
            {decision.data.dissent ? String(decision.data.dissent) : <span className="muted">—</span>}
          </dd>
        </dl>
      ) : null}
      {!decision ? <p className="empty-state">{t('prioritise.noDecision')}</p> : null}
      {canRecord ? (
        decision ? (
          editing ? (
            <ItemForm spec={priorityDecisionSpec} item={decision} options={options} onDone={() => setEditing(false)} />
          ) : (
            <button type="button" className="button" onClick={() => setEditing(true)}>
              {t('prioritise.editDecision')}
            </button>
          )
        ) : (
          <details className="worksheet__add">
            <summary className="button">{t('kinds.priority_decision.add')}</summary>
            <ItemForm spec={priorityDecisionSpec} options={options} />
          </details>
        )
      ) : (
        <p className="field__hint">{t('prioritise.decisionLeadOnly')}</p>
      )}
    </section>
  )
}
